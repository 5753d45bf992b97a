;; calls-kernel: passes its argument to the host kernel tensor_wasm.double and returns its answer.
(module
  (import "tensor_wasm" "double" (func $double (param i32) (result i32)))
  (func (export "run") (param $x i32) (result i32)
    local.get $x
    call $double))
