;; adder: what the disaster-recovery rehearsal deploys, backs up, restores and invokes.
;; The same module as the test kit's ok.wasm; built with wat2wasm.
(module
  (func (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))
