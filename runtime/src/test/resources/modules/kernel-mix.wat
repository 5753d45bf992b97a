;; kernel-mix: Wasm fills two vectors, the five kernels transform and reduce them, and Wasm
;; combines the answers. x at 0, y at 4096, out at 8192, c at 12288; n is at most 1024.
(module
  (import "tensor_wasm" "saxpy" (func $saxpy (param i32 f32 i32 i32)))
  (import "tensor_wasm" "vec_add" (func $vec_add (param i32 i32 i32 i32)))
  (import "tensor_wasm" "dot" (func $dot (param i32 i32 i32) (result f32)))
  (import "tensor_wasm" "sum" (func $sum (param i32 i32) (result f32)))
  (import "tensor_wasm" "matmul" (func $matmul (param i32 i32 i32 i32 i32 i32)))
  (memory 1)

  ;; x[i] = i * 0.5 and y[i] = 1 - (i % 4), then y = 2x + y, out = x + y,
  ;; and the answer is dot(out, x) + sum(y) + 0.5 * c where c = x (1 x n) * out (n x 1).
  (func (export "run") (param $n i32) (result f32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store
          (i32.shl (local.get $i) (i32.const 2))
          (f32.mul (f32.convert_i32_u (local.get $i)) (f32.const 0.5)))
        (f32.store
          (i32.add (i32.const 4096) (i32.shl (local.get $i) (i32.const 2)))
          (f32.sub (f32.const 1) (f32.convert_i32_u (i32.rem_u (local.get $i) (i32.const 4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $saxpy (local.get $n) (f32.const 2) (i32.const 0) (i32.const 4096))
    (call $vec_add (local.get $n) (i32.const 0) (i32.const 4096) (i32.const 8192))
    (call $matmul (i32.const 1) (local.get $n) (i32.const 1) (i32.const 0) (i32.const 8192) (i32.const 12288))
    (f32.add
      (f32.add
        (call $dot (local.get $n) (i32.const 8192) (i32.const 0))
        (call $sum (local.get $n) (i32.const 4096)))
      (f32.mul (f32.const 0.5) (f32.load (i32.const 12288)))))

  ;; A dot product whose x runs 4 floats from byte 65532 of the 65536-byte memory: it must trap.
  (func (export "overrun") (result f32)
    (call $dot (i32.const 4) (i32.const 65532) (i32.const 0))))
