;; The 2D lab's matrix product in float64, two lanes at a time with WASM SIMD:
;;   C (rows x cols) = bias + A . B   when $set, else   C += A . B
;; A is strided (byte strides $aRs between rows, $aCs between columns), B and
;; C are packed row-major (cols values a row), bias is cols values. Every
;; element is summed over k in order from its start (bias or 0) with one
;; rounded multiply and one rounded add per term, exactly as the JS kernel
;; in engine/lab2d/gemm.ts does, so both give the same bits.
;; Pointers are byte offsets into the imported memory.
(module
  (import "env" "memory" (memory 1))

  ;; One element: start + sum over k of A[pa + k*aCs] * B[pb + k*bRow].
  (func $dot (param $pa i32) (param $aCs i32) (param $pb i32) (param $bRow i32) (param $inner i32) (param $s f64) (result f64)
    (block $done
      (loop $k
        (br_if $done (i32.eqz (local.get $inner)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aCs)))
        (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
        (local.set $inner (i32.sub (local.get $inner) (i32.const 1)))
        (br $k)))
    (local.get $s))

  ;; One element of C at $pc from its start, then stored (set) or added.
  (func $element (param $pa i32) (param $aCs i32) (param $pb i32) (param $bRow i32) (param $inner i32)
    (param $pc i32) (param $bias i32) (param $set i32)
    (local $s f64)
    (if (local.get $set)
      (then (f64.store (local.get $pc) (call $dot (local.get $pa) (local.get $aCs) (local.get $pb) (local.get $bRow) (local.get $inner) (f64.load (local.get $bias)))))
      (else
        (local.set $s (call $dot (local.get $pa) (local.get $aCs) (local.get $pb) (local.get $bRow) (local.get $inner) (f64.const 0)))
        (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $s))))))

  (func (export "gemm")
    (param $rows i32) (param $cols i32) (param $inner i32)
    (param $a i32) (param $aRs i32) (param $aCs i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $set i32)
    (local $m i32) (local $n i32) (local $k i32) (local $bRow i32) (local $cols4 i32)
    (local $pa0 i32) (local $pa1 i32) (local $qa0 i32) (local $qa1 i32) (local $pb i32) (local $pc0 i32) (local $pc1 i32)
    (local $s01 v128) (local $s23 v128) (local $t01 v128) (local $t23 v128)
    (local $x v128) (local $y v128) (local $w01 v128) (local $w23 v128)
    (local.set $bRow (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    ;; Two rows by four columns at a time.
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_s (i32.add (local.get $m) (i32.const 1)) (local.get $rows)))
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $aRs))))
        (local.set $pa1 (i32.add (local.get $pa0) (local.get $aRs)))
        (local.set $pc0 (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $bRow))))
        (local.set $pc1 (i32.add (local.get $pc0) (local.get $bRow)))
        (local.set $n (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $n) (local.get $cols4)))
            (if (local.get $set)
              (then
                (local.set $s01 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 3)))))
                (local.set $s23 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 3))))))
              (else
                (local.set $s01 (v128.const i64x2 0 0))
                (local.set $s23 (v128.const i64x2 0 0))))
            (local.set $t01 (local.get $s01))
            (local.set $t23 (local.get $s23))
            (local.set $qa0 (local.get $pa0))
            (local.set $qa1 (local.get $pa1))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (local.get $inner))
            (block $kDone
              (loop $ks
                (br_if $kDone (i32.eqz (local.get $k)))
                (local.set $x (f64x2.splat (f64.load (local.get $qa0))))
                (local.set $y (f64x2.splat (f64.load (local.get $qa1))))
                (local.set $w01 (v128.load (local.get $pb)))
                (local.set $w23 (v128.load offset=16 (local.get $pb)))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x) (local.get $w01))))
                (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (local.get $x) (local.get $w23))))
                (local.set $t01 (f64x2.add (local.get $t01) (f64x2.mul (local.get $y) (local.get $w01))))
                (local.set $t23 (f64x2.add (local.get $t23) (f64x2.mul (local.get $y) (local.get $w23))))
                (local.set $qa0 (i32.add (local.get $qa0) (local.get $aCs)))
                (local.set $qa1 (i32.add (local.get $qa1) (local.get $aCs)))
                (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $ks)))
            (local.set $pb (i32.add (local.get $pc0) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $qa0 (i32.add (local.get $pc1) (i32.shl (local.get $n) (i32.const 3))))
            (if (i32.eqz (local.get $set))
              (then
                (local.set $s01 (f64x2.add (v128.load (local.get $pb)) (local.get $s01)))
                (local.set $s23 (f64x2.add (v128.load offset=16 (local.get $pb)) (local.get $s23)))
                (local.set $t01 (f64x2.add (v128.load (local.get $qa0)) (local.get $t01)))
                (local.set $t23 (f64x2.add (v128.load offset=16 (local.get $qa0)) (local.get $t23)))))
            (v128.store (local.get $pb) (local.get $s01))
            (v128.store offset=16 (local.get $pb) (local.get $s23))
            (v128.store (local.get $qa0) (local.get $t01))
            (v128.store offset=16 (local.get $qa0) (local.get $t23))
            (local.set $n (i32.add (local.get $n) (i32.const 4)))
            (br $blocks)))
        ;; The last cols mod 4 columns of both rows, one element at a time.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_s (local.get $n) (local.get $cols)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $k (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 3))))
            (call $element (local.get $pa0) (local.get $aCs) (local.get $pb) (local.get $bRow) (local.get $inner)
              (i32.add (local.get $pc0) (i32.shl (local.get $n) (i32.const 3))) (local.get $k) (local.get $set))
            (call $element (local.get $pa1) (local.get $aCs) (local.get $pb) (local.get $bRow) (local.get $inner)
              (i32.add (local.get $pc1) (i32.shl (local.get $n) (i32.const 3))) (local.get $k) (local.get $set))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $tail)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $pairs)))
    ;; An odd last row, one element at a time.
    (if (i32.lt_s (local.get $m) (local.get $rows))
      (then
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $aRs))))
        (local.set $pc0 (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $bRow))))
        (local.set $n (i32.const 0))
        (block $lastDone
          (loop $last
            (br_if $lastDone (i32.ge_s (local.get $n) (local.get $cols)))
            (call $element (local.get $pa0) (local.get $aCs) (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3)))
              (local.get $bRow) (local.get $inner) (i32.add (local.get $pc0) (i32.shl (local.get $n) (i32.const 3)))
              (i32.add (local.get $bias) (i32.shl (local.get $n) (i32.const 3))) (local.get $set))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $last)))))))
