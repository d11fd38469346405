;; Myers' bit-vector edit distance (Hyyrö's search variant, as myersBest in bitap.ts) for four
;; texts at once in 32-bit SIMD lanes. The recurrence is a serial chain per text, so one text at
;; a time leaves the CPU idle between steps; four independent lanes fill it.
;;
;; Memory (the caller writes, then calls run):
;;   [0, 1024)        the pattern's masks: 256 x i32, bit i set where pattern char i is that byte
;;   [1024, 9216)     jobs: (offset i32, length i32) of each text, up to 1024
;;   [9216, 13328)    out: the smallest edit distance of each job (written in groups of four)
;;   [16384, ...)     the texts' bytes; a lane past its end reads its neighbour's bytes, masked
(module
  (memory (export "memory") 16)
  (func (export "run") (param $sh i32) (param $m i32) (param $njobs i32)
    (local $g i32) (local $j i32) (local $maxlen i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32)
    (local $pv v128) (local $mv v128) (local $score v128) (local $best v128) (local $lens v128)
    (local $eq v128) (local $xv v128) (local $xh v128) (local $ph v128) (local $mh v128) (local $ph1 v128)
    (local $one v128)
    (local.set $one (i32x4.splat (i32.const 1)))
    (block $groups_done
      (loop $groups
        (br_if $groups_done (i32.ge_u (local.get $g) (local.get $njobs)))
        ;; Lanes beyond the last job get an empty text.
        (local.set $p0 (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $g) (i32.const 3)))))
        (local.set $l0 (i32.load (i32.add (i32.const 1028) (i32.shl (local.get $g) (i32.const 3)))))
        (local.set $p1 (i32.const 16384)) (local.set $l1 (i32.const 0))
        (local.set $p2 (i32.const 16384)) (local.set $l2 (i32.const 0))
        (local.set $p3 (i32.const 16384)) (local.set $l3 (i32.const 0))
        (if (i32.lt_u (i32.add (local.get $g) (i32.const 1)) (local.get $njobs)) (then
          (local.set $p1 (i32.load (i32.add (i32.const 1032) (i32.shl (local.get $g) (i32.const 3)))))
          (local.set $l1 (i32.load (i32.add (i32.const 1036) (i32.shl (local.get $g) (i32.const 3)))))))
        (if (i32.lt_u (i32.add (local.get $g) (i32.const 2)) (local.get $njobs)) (then
          (local.set $p2 (i32.load (i32.add (i32.const 1040) (i32.shl (local.get $g) (i32.const 3)))))
          (local.set $l2 (i32.load (i32.add (i32.const 1044) (i32.shl (local.get $g) (i32.const 3)))))))
        (if (i32.lt_u (i32.add (local.get $g) (i32.const 3)) (local.get $njobs)) (then
          (local.set $p3 (i32.load (i32.add (i32.const 1048) (i32.shl (local.get $g) (i32.const 3)))))
          (local.set $l3 (i32.load (i32.add (i32.const 1052) (i32.shl (local.get $g) (i32.const 3)))))))
        (local.set $lens (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1
          (i32x4.splat (local.get $l0)) (local.get $l1)) (local.get $l2)) (local.get $l3)))
        (local.set $maxlen (local.get $l0))
        (if (i32.gt_u (local.get $l1) (local.get $maxlen)) (then (local.set $maxlen (local.get $l1))))
        (if (i32.gt_u (local.get $l2) (local.get $maxlen)) (then (local.set $maxlen (local.get $l2))))
        (if (i32.gt_u (local.get $l3) (local.get $maxlen)) (then (local.set $maxlen (local.get $l3))))
        (local.set $pv (i32x4.splat (i32.const -1)))
        (local.set $mv (i32x4.splat (i32.const 0)))
        (local.set $score (i32x4.splat (local.get $m)))
        (local.set $best (i32x4.splat (local.get $m)))
        (local.set $j (i32.const 0))
        (block $done
          (br_if $done (i32.ge_u (local.get $j) (local.get $maxlen)))
          (loop $chars
            (local.set $eq
              (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1
                (i32x4.splat (i32.load (i32.shl (i32.load8_u (i32.add (local.get $p0) (local.get $j))) (i32.const 2))))
                (i32.load (i32.shl (i32.load8_u (i32.add (local.get $p1) (local.get $j))) (i32.const 2))))
                (i32.load (i32.shl (i32.load8_u (i32.add (local.get $p2) (local.get $j))) (i32.const 2))))
                (i32.load (i32.shl (i32.load8_u (i32.add (local.get $p3) (local.get $j))) (i32.const 2)))))
            (local.set $xv (v128.or (local.get $eq) (local.get $mv)))
            (local.set $xh (v128.or (v128.xor (i32x4.add (v128.and (local.get $eq) (local.get $pv)) (local.get $pv)) (local.get $pv)) (local.get $eq)))
            (local.set $ph (v128.or (local.get $mv) (v128.not (v128.or (local.get $xh) (local.get $pv)))))
            (local.set $mh (v128.and (local.get $pv) (local.get $xh)))
            (local.set $score (i32x4.sub
              (i32x4.add (local.get $score) (v128.and (i32x4.shr_u (local.get $ph) (local.get $sh)) (local.get $one)))
              (v128.and (i32x4.shr_u (local.get $mh) (local.get $sh)) (local.get $one))))
            (local.set $ph1 (i32x4.shl (local.get $ph) (i32.const 1)))
            (local.set $pv (v128.or (i32x4.shl (local.get $mh) (i32.const 1)) (v128.not (v128.or (local.get $xv) (local.get $ph1)))))
            (local.set $mv (v128.and (local.get $ph1) (local.get $xv)))
            ;; Only lanes still inside their text may lower their best.
            (local.set $best (v128.bitselect
              (i32x4.min_s (local.get $score) (local.get $best))
              (local.get $best)
              (i32x4.gt_s (local.get $lens) (i32x4.splat (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $chars (i32.lt_u (local.get $j) (local.get $maxlen)))))
        (v128.store (i32.add (i32.const 9216) (i32.shl (local.get $g) (i32.const 2))) (local.get $best))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (br $groups)))))
