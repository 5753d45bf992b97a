;; hostile-kernels: each export feeds one tensor_wasm kernel edge values that pass a naive bounds
;; check (an empty product) or wrap around in i32 arithmetic (issue #16, finding 2). Every call must
;; end with a trap that names the bad value, never hang the invoke or the job.
(module
  (import "tensor_wasm" "saxpy" (func $saxpy (param i32 f32 i32 i32)))
  (import "tensor_wasm" "vec_add" (func $vec_add (param i32 i32 i32 i32)))
  (import "tensor_wasm" "dot" (func $dot (param i32 i32 i32) (result f32)))
  (import "tensor_wasm" "sum" (func $sum (param i32 i32) (result f32)))
  (import "tensor_wasm" "matmul" (func $matmul (param i32 i32 i32 i32 i32 i32)))
  (memory 1)
  ;; c is 0 x 2^31: empty, so every array fits, but n is negative as a Java int.
  (func (export "matmul_wide_n")
    (call $matmul (i32.const 0) (i32.const 0) (i32.const 0x80000000)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  ;; a is 0 x 2^31 and b is 2^31 x 0: both empty, with a huge k.
  (func (export "matmul_deep_k")
    (call $matmul (i32.const 0) (i32.const 0x80000000) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  ;; k = 2^31 - 1 is positive as a Java int: an array of k rows would not fit the heap.
  (func (export "matmul_max_k")
    (call $matmul (i32.const 0) (i32.const 0x7fffffff) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  ;; m = 2^32 - 1 rows of nothing.
  (func (export "matmul_tall_m")
    (call $matmul (i32.const -1) (i32.const 0) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  ;; 4 + 2^30 * 4 is 4 in i32 arithmetic.
  (func (export "vec_add_wraps")
    (call $vec_add (i32.const 0x40000000) (i32.const 4) (i32.const 0) (i32.const 0)))
  (func (export "saxpy_all_ones")
    (call $saxpy (i32.const -1) (f32.const nan) (i32.const -1) (i32.const -1)))
  (func (export "dot_past_end") (result f32)
    (call $dot (i32.const 1) (i32.const 65536) (i32.const 0)))
  (func (export "sum_min") (result f32)
    (call $sum (i32.const 0x80000000) (i32.const 0x80000000))))
