;; imports-env: imports a function the runtime does not provide, so deploy must refuse it.
(module
  (import "env" "clock" (func $clock (result i64)))
  (func (export "run") (result i64)
    call $clock))
