;; kernels: every tensor_wasm kernel re-exported with its own signature, over an exported 2-page
;; memory, so tests can place arrays anywhere and call each kernel through the host import.
(module
  (import "tensor_wasm" "saxpy" (func $saxpy (param i32 f32 i32 i32)))
  (import "tensor_wasm" "vec_add" (func $vec_add (param i32 i32 i32 i32)))
  (import "tensor_wasm" "dot" (func $dot (param i32 i32 i32) (result f32)))
  (import "tensor_wasm" "sum" (func $sum (param i32 i32) (result f32)))
  (import "tensor_wasm" "matmul" (func $matmul (param i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 2)
  (func (export "saxpy") (param i32 f32 i32 i32)
    (call $saxpy (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "vec_add") (param i32 i32 i32 i32)
    (call $vec_add (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "dot") (param i32 i32 i32) (result f32)
    (call $dot (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sum") (param i32 i32) (result f32)
    (call $sum (local.get 0) (local.get 1)))
  (func (export "matmul") (param i32 i32 i32 i32 i32 i32)
    (call $matmul
      (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))))
