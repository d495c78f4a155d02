;; Stands in for a wasm module in the page, to see how each engine reports its failures: a trap (as a
;; panic of the release build is), a stack overflow, and nothing at all.
(module
  (memory 1)
  (func (export "trap") unreachable)
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "fine") (result i32) (i32.const 1)))
