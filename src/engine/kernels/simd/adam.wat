;; One Adam update over float32 arrays in tfjs-backend-wasm's own memory
;; (imported: no copies), four lanes at a time with WASM SIMD. Each operation
;; is the one tfjs's tensor ops do, in their order and in float32, so the
;; result equals the tensor-op definition bit for bit:
;;   m' = m·β1 + g·(1-β1)
;;   v' = v·β2 + (g·g)·(1-β2)
;;   w' = w - ((m'/c1)·lr) / (sqrt(v'/c2) + ε)
;; Pointers are byte offsets; n is the element count. The memory line is
;; rewritten for tfjs's threaded build, whose memory is shared.
(module
  (import "env" "memory" (memory 1))
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $w2 i32) (param $m2 i32) (param $v2 i32) (param $n i32)
    (param $lr f32) (param $b1 f32) (param $a1 f32) (param $b2 f32) (param $a2 f32)
    (param $eps f32) (param $c1 f32) (param $c2 f32)
    (local $at i32) (local $vecEnd i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.ge_u (local.get $at) (local.get $vecEnd)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at))) (f32x4.splat (local.get $b1)))
            (f32x4.mul (local.get $gv) (f32x4.splat (local.get $a1)))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at))) (f32x4.splat (local.get $b2)))
            (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (local.get $a2)))))
        (v128.store (i32.add (local.get $m2) (local.get $at)) (local.get $mv))
        (v128.store (i32.add (local.get $v2) (local.get $at)) (local.get $vv))
        (v128.store (i32.add (local.get $w2) (local.get $at))
          (f32x4.sub
            (v128.load (i32.add (local.get $w) (local.get $at)))
            (f32x4.div
              (f32x4.mul (f32x4.div (local.get $mv) (f32x4.splat (local.get $c1))) (f32x4.splat (local.get $lr)))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (f32x4.splat (local.get $c2)))) (f32x4.splat (local.get $eps))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $vec)))
    ;; The last n mod 4 elements, one at a time, with the same operations.
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $at))))
        (local.set $ms
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $b1))
            (f32.mul (local.get $gs) (local.get $a1))))
        (local.set $vs
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $at))) (local.get $b2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $a2))))
        (f32.store (i32.add (local.get $m2) (local.get $at)) (local.get $ms))
        (f32.store (i32.add (local.get $v2) (local.get $at)) (local.get $vs))
        (f32.store (i32.add (local.get $w2) (local.get $at))
          (f32.sub
            (f32.load (i32.add (local.get $w) (local.get $at)))
            (f32.div
              (f32.mul (f32.div (local.get $ms) (local.get $c1)) (local.get $lr))
              (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $c2))) (local.get $eps)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail)))))
