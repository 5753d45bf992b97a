;; memory-hog: grows its memory one page (64 KiB) at a time and writes into each new page,
;; without bound. Once the runtime's memory cap refuses a grow, memory.grow returns -1 and the
;; store lands out of bounds, so the call traps instead of looping.
(module
  (memory 1)
  (func (export "run") (result i32)
    (loop $more
      (i32.store
        (i32.mul (memory.grow (i32.const 1)) (i32.const 65536))
        (i32.const 1))
      br $more)
    i32.const 0))
