;; empty: the empty module, AGFzbQEAAAA= in base64, deployed as dr-smoke by the
;; disaster-recovery verification (seed 001).
(module)
