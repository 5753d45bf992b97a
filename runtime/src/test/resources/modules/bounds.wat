;; bounds: one export per rule of InstructionBounds (issue #22), which tells the calls that
;; provably end within a few instructions, and so may run on the caller's thread, from the others.
(module
  (type $unary (func (param i32) (result i32)))
  (table 1 1 funcref)
  (elem (i32.const 0) $twice)
  (memory 1)
  (func $twice (param i32) (result i32)
    (i32.add (local.get 0) (local.get 0)))
  ;; Bounded: 4 instructions of its own and two calls of 4.
  (func (export "straight") (param i32) (result i32)
    (call $twice (call $twice (local.get 0))))
  ;; Bounded: branches to a block's end only jump forward.
  (func (export "branches") (param i32) (result i32)
    (block $out (result i32)
      (br_if $out (i32.const 1) (local.get 0))
      (drop)
      (i32.const 2)))
  ;; A loop: no bound.
  (func (export "loops") (param i32) (result i32)
    (loop $again
      (br_if $again (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 0))
  (func $even (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 1))
      (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
  ;; Recursion through another function: no bound.
  (func (export "recurses") (param i32) (result i32)
    (call $even (local.get 0)))
  ;; The callee is chosen at run time: no bound.
  (func (export "indirect") (param i32) (result i32)
    (call_indirect (type $unary) (local.get 0) (i32.const 0)))
  ;; memory.grow and memory.fill take time that grows with their operands: no bound.
  (func (export "grows") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "fills") (param i32) (result i32)
    (memory.fill (i32.const 0) (i32.const 0) (local.get 0))
    (i32.const 0)))
