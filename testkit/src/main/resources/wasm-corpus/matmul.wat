;; matmul: C = A * B for n x n f32 matrices in pure Wasm, i-k-j loops; the baseline that the
;; kernel benchmark and matmul-kernel are measured against.
(module
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

  ;; c[i][j] = sum over k of a[i][k] * b[k][j], each step an f32.mul then an f32.add.
  (func $multiply (export "multiply") (param $n i32)
    (local $i i32) (local $k i32) (local $j i32) (local $aik f32)
    (local $row i32) (local $bytes i32) (local $crow i32) (local $brow i32) (local $cj i32)
    (local.set $row (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bytes (i32.mul (local.get $row) (local.get $n)))
    (block $idone
      (loop $inext
        (br_if $idone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $crow
          (i32.add (i32.shl (local.get $bytes) (i32.const 1)) (i32.mul (local.get $i) (local.get $row))))
        (local.set $j (i32.const 0))
        (block $zdone
          (loop $znext
            (br_if $zdone (i32.ge_u (local.get $j) (local.get $n)))
            (f32.store (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2))) (f32.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $znext)))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $knext
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $n)))
            (local.set $aik
              (f32.load
                (i32.add (i32.mul (local.get $i) (local.get $row)) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $brow (i32.add (local.get $bytes) (i32.mul (local.get $k) (local.get $row))))
            (local.set $j (i32.const 0))
            (block $jdone
              (loop $jnext
                (br_if $jdone (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $cj (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2))))
                (f32.store
                  (local.get $cj)
                  (f32.add
                    (f32.load (local.get $cj))
                    (f32.mul
                      (local.get $aik)
                      (f32.load (i32.add (local.get $brow) (i32.shl (local.get $j) (i32.const 2)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jnext)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $knext)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $inext)))))
