/// Failure kinds, so that Kleene logic can stay in the lane: `false and unknown` is false, as
/// the general machine says, instead of sending the citizen there.
///
/// A lane's failure is per citizen (`failed`); `hard` says it was not only unknown facts. A
/// value kept past the kernel that made it (a binding, a function result, a call kept for
/// the batch) keeps the failure kinds it was computed with and fails its readers again, so a
/// failure Kleene logic absorbed in one place is never lost where the value is read again.
extension VectorMachine {
  /// The failures so far of every citizen (and the invariant lane), packed (1 failed, 2 hard),
  /// and cleared: what runs next shows only its own.
  func setAside() -> UnsafeMutablePointer<Int> {
    let n = batchCount
    let saved = column(n + 1)
    for i in 0..<n {
      saved[i] = failed[i] | hard[i] << 1
      failed[i] = 0
      hard[i] = 0
    }
    let w = VectorMachine.width
    saved[n] = failed[w] | hard[w] << 1
    (failed[w], hard[w]) = (0, 0)
    return saved
  }

  /// Joins the failures set aside with those made since.
  func putBack(_ saved: UnsafeMutablePointer<Int>) {
    let n = batchCount
    for i in 0..<n {
      failed[i] |= saved[i] & 1
      hard[i] |= saved[i] >> 1
    }
    let w = VectorMachine.width
    failed[w] |= saved[n] & 1
    hard[w] |= saved[n] >> 1
  }

  /// Per lane of the current space, its citizen's failure kind now (0 none, 1 unknown, 2
  /// hard), where `mask` is 1; and whether any is not 0.
  func failureKinds(_ mask: UnsafeMutablePointer<Int>) -> (UnsafeMutablePointer<Int>, Int) {
    let (out, r) = (column(), space.root)
    var any = 0
    for i in 0..<space.count {
      let c = r[i]
      out[i] = mask[i] & (failed[c] | hard[c]) & 1 &+ (mask[i] & hard[c])
      any |= out[i]
    }
    return (out, any)
  }

  /// Fails the active lanes of the current space as `kinds` says, read through `map` (a lane's
  /// index into `kinds`: its citizen, or itself).
  func failAgain(_ kinds: UnsafeMutablePointer<Int>, through map: UnsafeMutablePointer<Int>?) {
    let (a, r) = (space.active, space.root)
    for i in 0..<space.count where a[i] != 0 {
      let k = kinds[map?[i] ?? i]
      failed[r[i]] |= (k | k >> 1) & 1
      hard[r[i]] |= k >> 1
    }
  }

  /// `a and b` (or `a or b`) in the citizens' space, with Kleene logic: where `a` failed for
  /// unknown facts only, `b` runs there too, and a deciding `b` (false for `and`, true for
  /// `or`) decides without the unknown; otherwise the failure stays.
  func kleene(
    isAnd: Bool, _ x: VecEval, _ y: VecEval
  ) -> UnsafeMutablePointer<Int> {
    let (n, a, r) = (space.count, space.active, space.root)
    // The failures so far of the active citizens, set aside (one lane per citizen here).
    let saved = column()
    for i in 0..<n {
      let c = r[i]
      saved[i] = failed[c] | hard[c] << 1
      if a[i] != 0 { (failed[c], hard[c]) = (0, 0) }
    }
    let p = x(self)
    let flip = isAnd ? 0 : 1
    let (rest, unknown) = (column(), column())
    var any = 0
    for i in 0..<n {
      let c = r[i]
      let f = failed[c] & a[i]
      let u = f & (hard[c] ^ 1)
      unknown[i] = u
      rest[i] = a[i] & ((p[i] ^ flip) & 1 & (f ^ 1) | u)
      // `b` shows its own failures where `a` was unknown.
      if u != 0 { failed[c] = 0 }
      any |= rest[i]
    }
    let q = any != 0 ? masked(rest) { y(self) } : nil
    let (out, deciding) = (column(), isAnd ? 0 : 1)
    for i in 0..<n {
      guard a[i] != 0 else {
        out[i] = 0
        continue
      }
      let c = r[i]
      if unknown[i] != 0 {
        if failed[c] == 0, let q, q[i] == deciding {
          out[i] = deciding
          (failed[c], hard[c]) = (saved[i] & 1, saved[i] >> 1)
        } else {
          out[i] = 0
          failed[c] = 1
          hard[c] |= saved[i] >> 1
        }
        continue
      }
      out[i] = rest[i] != 0 ? (q?[i] ?? 0) & 1 : p[i] & 1
      failed[c] |= saved[i] & 1
      hard[c] |= saved[i] >> 1
    }
    return out
  }
}
