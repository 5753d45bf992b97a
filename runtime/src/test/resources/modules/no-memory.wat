;; no-memory: calls a kernel without having a memory for it to work on, so the call must trap.
(module
  (import "tensor_wasm" "sum" (func $sum (param i32 i32) (result f32)))
  (func (export "run") (result f32)
    (call $sum (i32.const 0) (i32.const 0))))
