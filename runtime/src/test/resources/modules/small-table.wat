;; small-table: a table of 10 elements that may grow to 20; run grows it by its argument and
;; answers the old size, or -1 when the grow would pass the maximum.
(module
  (table 10 20 funcref)
  (func (export "run") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0))))
