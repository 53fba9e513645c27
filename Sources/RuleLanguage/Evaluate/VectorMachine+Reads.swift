/// Reading facts, parameters and a rule's bindings as columns of the current space.
extension VectorMachine {
  /// Fact `f` as a column of the current space; lanes that do not hold it fail.
  @inline(__always) func fact(_ f: Int, deep: Bool) -> UnsafeMutablePointer<Int> {
    let column = facts + f * VectorMachine.stride
    if anyUnheld[f] {
      let (u, a, r) = (unheld + f * VectorMachine.stride, space.active, space.root)
      for i in 0..<space.count where a[i] != 0 && u[r[i]] != 0 { fail(lane: i) }
    }
    return deep ? byCitizen(column) : column
  }

  /// Parameter `p` in every lane; it fails them all when it has no value on the day.
  func param(_ p: Int) -> UnsafeMutablePointer<Int> {
    fill(paramWord(p))
  }

  /// Parameter `p` as one word; it fails every active lane when it has no value on the day.
  func paramWord(_ p: Int) -> Int {
    if paramMissing[p] != 0 { failActive() }
    return params[p]
  }

  /// A rule's binding seen from the current space, computed first for the citizens that need
  /// it and do not have it yet (bindings are pure: computing one for more citizens than read
  /// it changes no result, but it could fail them, so each is computed only where read).
  func binding(_ slot: Int, _ eval: VecEval, deep: Bool) -> UnsafeMutablePointer<Int> {
    let (store, done) = (slots[slot], computed[slot])
    if computedCount[slot] < batchCount {
      let need = column(VectorMachine.stride)
      let missing: Bool
      if deep {
        // The citizens of the active lanes, as a mask over the citizens' space.
        let wanted = column(VectorMachine.stride)
        wanted.update(repeating: 0, count: batchCount)
        let (a, r) = (space.active, space.root)
        for i in 0..<space.count where a[i] != 0 { wanted[r[i]] = 1 }
        missing = lanesToCompute(wanted, done, batchCount, into: need)
      } else {
        missing = lanesToCompute(space.active, done, space.count, into: need)
      }
      if missing {
        enterCitizens(need)
        let v = eval(self)
        leave()
        computedCount[slot] += merge(v, into: store, done, where: need, batchCount)
      }
    }
    return deep ? byCitizen(store) : store
  }

  /// A column of the citizens' space seen from the current space (each lane its citizen's).
  func byCitizen(_ column: UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
    let (out, r) = (self.column(), space.root)
    for i in 0..<space.count { out[i] = column[r[i]] }
    return out
  }
}
