;; start-loops: a start function that never ends, which runs at every instantiation, so no export
;; is bounded however short it is (issue #22). Only ever parsed, never instantiated.
(module
  (func $init
    (loop $forever
      br $forever))
  (start $init)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))))
