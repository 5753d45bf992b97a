;; endless: a loop that never ends; only the runtime's deadline stops it.
(module
  (func (export "run") (result i32)
    (loop $forever
      br $forever)
    i32.const 0))
