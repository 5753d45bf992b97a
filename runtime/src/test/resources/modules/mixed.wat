;; mixed: f64 and i64 parameters, two exports, so invoke must name one.
(module
  (func (export "scale") (param $x f64) (param $n i64) (result f64)
    local.get $x
    local.get $n
    f64.convert_i64_s
    f64.mul)
  (func (export "neg") (param $n i64) (result i64)
    i64.const 0
    local.get $n
    i64.sub))
