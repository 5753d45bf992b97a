;; matmul-kernel: the same fill and checksum as matmul, with the product computed by the host
;; kernel tensor_wasm.matmul instead of Wasm loops: Wasm compute and a kernel in one function.
(module
  (import "tensor_wasm" "matmul" (func $matmul (param i32 i32 i32 i32 i32 i32)))
  ;; A (n x n) at 0, B at n*n*4, C at 2*n*n*4, row-major f32; n is at most 128.
  (memory (export "memory") 4)

  ;; a[i] = (i % 7) * 0.25 - 0.5 and b[i] = (i % 5) * 0.5 - 1, for i below n*n.
  (func $fill (export "fill") (param $n i32)
    (local $i i32) (local $count i32)
    (local.set $count (i32.mul (local.get $n) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (f32.store
          (i32.shl (local.get $i) (i32.const 2))
          (f32.sub
            (f32.mul (f32.convert_i32_u (i32.rem_u (local.get $i) (i32.const 7))) (f32.const 0.25))
            (f32.const 0.5)))
        (f32.store
          (i32.shl (i32.add (local.get $count) (local.get $i)) (i32.const 2))
          (f32.sub
            (f32.mul (f32.convert_i32_u (i32.rem_u (local.get $i) (i32.const 5))) (f32.const 0.5))
            (f32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; The sum of c[i] * (i % 3 + 1) in index order, so a transposed or shifted C shows.
  (func $checksum (export "checksum") (param $n i32) (result f32)
    (local $i i32) (local $count i32) (local $c i32) (local $total f32)
    (local.set $count (i32.mul (local.get $n) (local.get $n)))
    (local.set $c (i32.shl (local.get $count) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $total
          (f32.add
            (local.get $total)
            (f32.mul
              (f32.load (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 2))))
              (f32.convert_i32_u (i32.add (i32.rem_u (local.get $i) (i32.const 3)) (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; fill, multiply, checksum: one whole call, as a fresh instance per invoke needs.
  (func (export "run") (param $n i32) (result f32)
    (call $fill (local.get $n))
    (call $multiply (local.get $n))
    (call $checksum (local.get $n)))

  ;; C = A * B through the kernel: m = k = n, matrices at 0, n*n*4 and 2*n*n*4.
  (func $multiply (export "multiply") (param $n i32)
    (local $bytes i32)
    (local.set $bytes (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 2)))
    (call $matmul
      (local.get $n) (local.get $n) (local.get $n)
      (i32.const 0) (local.get $bytes) (i32.shl (local.get $bytes) (i32.const 1)))))
