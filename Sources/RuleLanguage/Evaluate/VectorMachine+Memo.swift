/// Function results kept within a rule, so a function called again with the same argument
/// columns (`annual_tax(v)` inside three other functions) runs once per batch.
extension VectorMachine {
  /// A user function's result for `arguments`: computed only for the active lanes it has not
  /// been computed for yet with these very columns in this space, and kept for the next call.
  ///
  /// Functions are pure and read only their parameters and the citizen, so the same argument
  /// columns (by address: a column is never changed once returned, and a released address is
  /// forgotten with the memos) give the same results.
  func memoized(_ key: VectorMemo.Key, _ body: () -> UnsafeMutablePointer<Int>)
    -> UnsafeMutablePointer<Int>
  {
    let n = space.count
    if let e = memos.firstIndex(where: { $0.key == key }) {
      let need = column()
      guard lanesToCompute(space.active, memos[e].done, n, into: need) else {
        if memos[e].anyFail != 0 { failAgain(memos[e].fails, through: nil) }
        return memos[e].result
      }
      let (v, kinds, any) = ownFailures(need, body)
      if !memos[e].owned {
        // The first result and its mask were kept as they came: copy before adding lanes.
        let (result, done, fails) = (column(), column(), column())
        result.update(from: memos[e].result, count: n)
        done.update(from: memos[e].done, count: n)
        if memos[e].anyFail != 0 {
          fails.update(from: memos[e].fails, count: n)
        } else {
          fails.update(repeating: 0, count: n)
        }
        memos[e] = VectorMemo(
          key: key, result: result, done: done, owned: true, fails: fails,
          anyFail: memos[e].anyFail)
      }
      merge(v, into: memos[e].result, memos[e].done, where: need, n)
      if any != 0 {
        merge(kinds, into: memos[e].fails, column(), where: need, n)
        memos[e].anyFail = 1
      }
      if memos[e].anyFail != 0 { failAgain(memos[e].fails, through: nil) }
      return memos[e].result
    }
    // Kept without a copy: a kernel's result and an active mask are never written again
    // (the lanes a later binding merge writes are ones this result does not cover).
    let (v, kinds, any) = ownFailures(space.active, body)
    memos.append(
      VectorMemo(
        key: key, result: v, done: space.active, owned: false, fails: kinds, anyFail: any))
    return v
  }

  /// `body` run under `mask` with the failures so far set aside: its result, each lane's own
  /// failure kind, and whether there is any (the failures are then joined).
  private func ownFailures(
    _ mask: UnsafeMutablePointer<Int>, _ body: () -> UnsafeMutablePointer<Int>
  ) -> (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>, Int) {
    // Failures are sticky when none can be absorbed: nothing to keep.
    guard unknowns else { return (masked(mask) { body() }, empty, 0) }
    let aside = setAside()
    let v = masked(mask) { body() }
    let (kinds, any) = failureKinds(mask)
    putBack(aside)
    return (v, kinds, any)
  }

  /// `need` = the lanes of `active` not yet `done` (each 0 or 1); whether there is any.
  func lanesToCompute(
    _ active: UnsafeMutablePointer<Int>, _ done: UnsafeMutablePointer<Int>, _ n: Int,
    into need: UnsafeMutablePointer<Int>
  ) -> Bool {
    var missing = 0
    for i in 0..<n {
      need[i] = active[i] & (done[i] ^ 1)
      missing |= need[i]
    }
    return missing != 0
  }

  /// Takes `v`'s value into `store` where `need` is 1 and marks those lanes done (branch-free:
  /// `need` is 0 or 1 in every lane).
  ///
  /// - Returns: how many lanes were added.
  @discardableResult
  func merge(
    _ v: UnsafeMutablePointer<Int>, into store: UnsafeMutablePointer<Int>,
    _ done: UnsafeMutablePointer<Int>, where need: UnsafeMutablePointer<Int>, _ n: Int
  ) -> Int {
    var added = 0
    for i in 0..<n {
      store[i] = need[i] != 0 ? v[i] : store[i]
      done[i] |= need[i]
      added &+= need[i]
    }
    return added
  }
}

/// Calls of facts kept for the whole batch, across rules (`VectorCompiler.batchCached`).
extension VectorMachine {
  /// Call `id`'s column for the citizens' space: computed for every citizen of the batch the
  /// first time, then read; each time, the active lanes it failed are failed.
  func batchCached(_ id: Int, _ eval: VecEval) -> UnsafeMutablePointer<Int> {
    let n = batchCount
    guard program.batchCacheReused[id], space.count == n, space.root == identity else {
      return eval(self)
    }
    let (values, fails) = (
      batchValues + id * VectorMachine.width, batchFails + id * VectorMachine.width
    )
    if batchStamps[id] != batchEpoch {
      // Its failures apart from the rule's: the rule's so far are set aside and put back.
      let saved = column(n)
      for i in 0..<n {
        saved[i] = packedFailure(i)
        setFailure(i, 0)
      }
      enterCitizens(everyone)
      let v = eval(self)
      leave()
      values.update(from: v, count: n)
      // The elements a filter or map offered for `v` are those of the kept copy.
      for k in elementSpaces.indices where elementSpaces[k].lists == v {
        elementSpaces[k].lists = values
      }
      var any = 0
      for i in 0..<n {
        fails[i] = packedFailure(i)
        any |= failed[i]
        setFailure(i, saved[i])
      }
      batchAnyFail[id] = any
      batchStamps[id] = batchEpoch
    }
    if batchAnyFail[id] != 0 { failAgain(fails, through: nil) }
    return values
  }
}

/// A function result kept for a rule: which call it answers, and for which lanes.
struct VectorMemo {
  /// Function, space (its root map and size) and up to two argument columns.
  struct Key: Equatable {
    var function: Int
    var root: UnsafeMutablePointer<Int>
    var count: Int
    var a0: UnsafeMutablePointer<Int>
    var a1: UnsafeMutablePointer<Int>?

    init(
      function: Int, space: VectorSpace, _ a0: UnsafeMutablePointer<Int>,
      _ a1: UnsafeMutablePointer<Int>? = nil
    ) {
      self.function = function
      root = space.root
      count = space.count
      self.a0 = a0
      self.a1 = a1
    }
  }

  var key: Key
  var result: UnsafeMutablePointer<Int>
  var done: UnsafeMutablePointer<Int>
  /// Whether `result` and `done` are the memo's own columns (it may then add lanes to them).
  var owned: Bool
  /// Each lane's failure kind when it was computed (`VectorMachine+Kleene.swift`), and
  /// whether any is not 0.
  var fails: UnsafeMutablePointer<Int>
  var anyFail: Int

}
