;; trap: executes unreachable, so every call traps.
(module
  (func (export "run") (result i32)
    unreachable))
