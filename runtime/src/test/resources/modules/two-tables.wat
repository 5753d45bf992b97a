;; two-tables: declares two function tables (reference types), past a table-count limit of 1.
(module
  (table 1 1 funcref)
  (table 1 1 funcref)
  (func (export "run") (result i32) (i32.const 1)))
