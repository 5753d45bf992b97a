;; growable-table: one element and no declared maximum, so the guest may grow it to 2^32 - 1.
;; run grows it by its argument and answers the old size, or -1 when the grow is refused.
(module
  (table 1 funcref)
  (func (export "run") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0))))
