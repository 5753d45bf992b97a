;; counter: a mutable global that each call increments and returns. Every invoke gets an instance
;; whose state is its own, so every call answers 1 (issue #22 reuses only instances with no state).
(module
  (global $count (mut i32) (i32.const 0))
  (func (export "next") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count)))
