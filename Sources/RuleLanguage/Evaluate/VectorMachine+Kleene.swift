/// Failure kinds, so that Kleene logic can stay in the lane: `false and unknown` is false, as
/// the general machine says, instead of sending the citizen there.
///
/// A lane's failure is per citizen (`failed`); `hard` says it was not only unknown facts, and
/// `missing` holds the facts an unknown failure waits for (bit `f` for fact `f`). A value kept
/// past the kernel that made it (a binding, a function result, a call kept for the batch)
/// keeps the failure kinds and missing facts it was computed with (packed: `failed | hard << 1
/// | missing << 2`) and fails its readers again, so a failure Kleene logic absorbed in one
/// place is never lost where the value is read again.
extension VectorMachine {
  /// Citizen `c`'s failure now, packed (`failed | hard << 1 | missing << 2`).
  @inline(__always) func packedFailure(_ c: Int) -> Int {
    failed[c] | hard[c] << 1 | missing[c] << 2
  }

  /// Makes citizen `c`'s failure `k` (packed).
  @inline(__always) func setFailure(_ c: Int, _ k: Int) {
    failed[c] = k & 1
    hard[c] = k >> 1 & 1
    missing[c] = k >> 2
  }

  /// Joins `k` (packed) to citizen `c`'s failure.
  @inline(__always) func addFailure(_ c: Int, _ k: Int) {
    failed[c] |= (k | k >> 1) & 1
    hard[c] |= k >> 1 & 1
    missing[c] |= k >> 2
  }

  /// The failures so far of every citizen (and the invariant lane), packed, and cleared: what
  /// runs next shows only its own.
  func setAside() -> UnsafeMutablePointer<Int> {
    let n = batchCount
    let saved = column(n + 1)
    for i in 0..<n {
      saved[i] = packedFailure(i)
      setFailure(i, 0)
    }
    let w = VectorMachine.width
    saved[n] = packedFailure(w)
    setFailure(w, 0)
    return saved
  }

  /// Joins the failures set aside with those made since.
  func putBack(_ saved: UnsafeMutablePointer<Int>) {
    let n = batchCount
    for i in 0..<n { addFailure(i, saved[i]) }
    addFailure(VectorMachine.width, saved[n])
  }

  /// Makes every failure since `setAside` hard: the construct that ran does not follow the
  /// general machine's three-valued logic in the lane, so the general machine decides those
  /// citizens.
  func hardenFailures() {
    let n = batchCount
    for i in 0..<n {
      hard[i] |= failed[i]
      missing[i] |= failed[i] << VectorMachine.limitBit
    }
    let w = VectorMachine.width
    hard[w] |= failed[w]
    missing[w] |= failed[w] << VectorMachine.limitBit
  }

  /// Makes every failure since `setAside` hard (as `hardenFailures`) except a located fault,
  /// which stays the value: where the general machine meets a fault in the condition of an
  /// `if`, the left side of `and`/`or`/`??`, it is the value too.
  func hardenUnknowns() {
    let n = batchCount
    for i in 0..<n where failed[i] != 0 && (hard[i] == 0 || VectorMachine.decode(missing[i]) == nil)
    {
      hard[i] = 1
      missing[i] |= 1 << VectorMachine.limitBit
    }
    let w = VectorMachine.width
    if failed[w] != 0 && (hard[w] == 0 || VectorMachine.decode(missing[w]) == nil) {
      hard[w] = 1
      missing[w] |= 1 << VectorMachine.limitBit
    }
  }

  /// `body`, where an unknown fact it meets makes its citizen's failure hard while a located
  /// fault stays (`hardenUnknowns`); without unknowns in the batch's rule, just `body`.
  func hardeningUnknowns(_ body: () -> UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
    guard unknowns else { return body() }
    let aside = setAside()
    let v = body()
    hardenUnknowns()
    putBack(aside)
    return v
  }

  /// `body`, where an unknown fact it meets makes its citizen's failure hard (see
  /// `hardenFailures`); without unknowns in the batch's rule, just `body`.
  func hardening(_ body: () -> UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
    guard unknowns else { return body() }
    let aside = setAside()
    let v = body()
    hardenFailures()
    putBack(aside)
    return v
  }

  /// Per lane of the current space, its citizen's failure now (packed, `packedFailure`), where
  /// `mask` is 1; and whether any is not 0.
  func failureKinds(_ mask: UnsafeMutablePointer<Int>) -> (UnsafeMutablePointer<Int>, Int) {
    let (out, r) = (column(), space.root)
    var any = 0
    for i in 0..<space.count {
      out[i] = mask[i] != 0 ? packedFailure(r[i]) : 0
      any |= out[i]
    }
    return (out, any)
  }

  /// Fails the active lanes of the current space as `kinds` says, read through `map` (a lane's
  /// index into `kinds`: its citizen, or itself).
  func failAgain(_ kinds: UnsafeMutablePointer<Int>, through map: UnsafeMutablePointer<Int>?) {
    let (a, r) = (space.active, space.root)
    // A fault read again among list elements is no longer the general machine's (`locating`).
    let limit = locating ? 0 : VectorMachine.limit
    for i in 0..<space.count where a[i] != 0 {
      let k = kinds[map?[i] ?? i]
      addFailure(r[i], k | (0 &- (k >> 1 & 1)) & limit)
    }
    if let lanes = space.lanesFailed {
      for i in 0..<space.count where a[i] != 0 && kinds[map?[i] ?? i] != 0 { lanes[i] = 1 }
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
      saved[i] = packedFailure(c)
      if a[i] != 0 { setFailure(c, 0) }
    }
    let p = x(self)
    let flip = isAnd ? 0 : 1
    let (rest, unknown) = (column(), column())
    var any = 0
    for i in 0..<n {
      let c = r[i]
      let f = failed[c] & a[i]
      let u = f & (hard[c] ^ 1)
      // Where `a` was unknown, the facts it waits for (kept with the flag).
      unknown[i] = u != 0 ? 1 | missing[c] << 1 : 0
      rest[i] = a[i] & ((p[i] ^ flip) & 1 & (f ^ 1) | u)
      // `b` shows its own failures where `a` was unknown.
      if u != 0 { setFailure(c, 0) }
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
          setFailure(c, saved[i])
        } else {
          // Unknown: the facts both sides wait for (a fault on the right stays hard).
          out[i] = 0
          failed[c] = 1
          missing[c] |= unknown[i] >> 1
          addFailure(c, saved[i])
        }
        continue
      }
      out[i] = rest[i] != 0 ? (q?[i] ?? 0) & 1 : p[i] & 1
      addFailure(c, saved[i])
    }
    return out
  }
}

/// Conditionals on an unknown condition, in the citizens' space (a lane is its citizen), as
/// the general machine decides them: both branches run, and a value they agree on is decided;
/// otherwise the value is unknown with every fact any of them waits for.
extension VectorMachine {
  /// The lanes of the current space whose citizen's failure now is unknown facts only (packed
  /// into `kinds`, cleared), and whether there is any.
  func unknownLanes(into lanes: UnsafeMutablePointer<Int>, kinds: UnsafeMutablePointer<Int>)
    -> Bool
  {
    let (a, r) = (space.active, space.root)
    var any = 0
    for i in 0..<space.count {
      let c = r[i]
      let u = a[i] & failed[c] & (hard[c] ^ 1)
      lanes[i] = u
      kinds[i] = u != 0 ? packedFailure(c) : 0
      if u != 0 { setFailure(c, 0) }
      any |= u
    }
    return any != 0
  }

  /// Runs `x` and `y` both on the lanes `unknown`, whose condition was unknown.
  ///
  /// The condition's facts are packed in `kinds` and its failure cleared: where both sides
  /// decide the same word it is the value, else the lane's citizen fails with the condition's
  /// facts and both sides' unknowns: a side that faults is no value and adds nothing, as in
  /// the general machine. Without `comparable` (lists, whose words are places) two decided
  /// sides leave the citizen to the general machine.
  func bothSides(
    _ unknown: UnsafeMutablePointer<Int>, _ kinds: UnsafeMutablePointer<Int>,
    _ x: VecEval, _ y: VecEval, comparable: Bool, into out: UnsafeMutablePointer<Int>
  ) {
    let (n, r) = (space.count, space.root)
    let p = masked(unknown) { x(self) }
    let own = column()
    for i in 0..<n where unknown[i] != 0 {
      own[i] = packedFailure(r[i])
      setFailure(r[i], 0)
    }
    let q = masked(unknown) { y(self) }
    for i in 0..<n where unknown[i] != 0 {
      let c = r[i]
      let (kx, ky) = (own[i], packedFailure(c))
      if kx | ky == 0 && comparable && p[i] == q[i] {
        out[i] = p[i]
        setFailure(c, 0)
      } else {
        out[i] = 0
        let (dx, dy) = (VectorMachine.dropFault(kx), VectorMachine.dropFault(ky))
        setFailure(c, kinds[i] | dx | dy | (kx | ky == 0 && !comparable ? VectorMachine.limit : 0))
      }
    }
  }
}

/// Function parameters that keep their arguments' failures (`VecLocal.carries`): the general
/// machine passes an unknown argument on, and it matters only where the body reads it.
extension VectorMachine {
  /// Argument `e` with its own failures apart from the caller's: its column, and its lanes'
  /// failures (packed) when it has any; in the one-lane space of a day-invariant expression
  /// they stay the caller's.
  func argument(_ e: VecEval) -> (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>?) {
    guard unknowns, space.root != invariantSpace.root else { return (e(self), nil) }
    let aside = setAside()
    let v = e(self)
    let (kinds, any) = failureKinds(space.active)
    // The caller's failures as they were: the argument's fail only the parameter's readers.
    for i in 0..<batchCount { setFailure(i, aside[i]) }
    setFailure(VectorMachine.width, aside[batchCount])
    return (v, any != 0 ? kinds : nil)
  }

  /// Parameter `slot` now holds an argument with failures `kinds` (nil: none).
  func setParameter(_ slot: Int, _ kinds: UnsafeMutablePointer<Int>?) {
    if let kinds {
      bindingFails[slot] = kinds
      bindingAnyFail[slot] = 1
    } else {
      bindingAnyFail[slot] = 0
    }
  }
}

/// Operators and built-ins on an unknown operand, in the citizens' space: the general machine
/// does not compute them (the value is the operand's unknown), so the lane runs the kernel
/// only where no operand failed: a placeholder never makes a fault (a date out of the tables,
/// an overflow) that would leave the citizen's rule to the general machine.
extension VectorMachine {
  /// Runs `operands` (which leave their columns where `kernel` reads them), then `kernel` only
  /// on the active lanes whose citizen no operand failed.
  func guarded(
    _ operands: () -> Void, _ kernel: () -> UnsafeMutablePointer<Int>
  ) -> UnsafeMutablePointer<Int> {
    let aside = setAside()
    operands()
    let (ok, a, r) = (column(), space.active, space.root)
    for i in 0..<space.count { ok[i] = a[i] & (failed[r[i]] ^ 1) }
    let v = masked(ok) { kernel() }
    putBack(aside)
    return v
  }
}
