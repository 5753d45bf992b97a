;; big-table: a table of 100,000 elements that every instance would allocate.
(module
  (table 100000 100000 funcref)
  (func (export "run") (result i32) (table.size 0)))
