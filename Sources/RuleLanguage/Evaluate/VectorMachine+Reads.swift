/// Reading facts, parameters and a rule's bindings as columns of the current space.
extension VectorMachine {
  /// Fact `f` as a column of the current space; lanes that do not hold it fail.
  @inline(__always) func fact(_ f: Int, deep: Bool) -> UnsafeMutablePointer<Int> {
    let column = facts + f * VectorMachine.stride
    if anyUnheld[f] {
      let (u, a, r) = (unheld + f * VectorMachine.stride, space.active, space.root)
      for i in 0..<space.count where a[i] != 0 && u[r[i]] != 0 { fail(lane: i) }
    }
    guard deep else { return column }
    let (out, r) = (self.column(), space.root)
    for i in 0..<space.count { out[i] = column[r[i]] }
    return out
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
    if computedCount[slot] == batchCount {
      guard deep else { return store }
      let (out, r) = (column(), space.root)
      for i in 0..<space.count { out[i] = store[r[i]] }
      return out
    }
    let need = column(VectorMachine.stride)
    var missing = 0
    if deep {
      need.update(repeating: 0, count: batchCount)
      let (a, r) = (space.active, space.root)
      for i in 0..<space.count where a[i] != 0 { need[r[i]] = done[r[i]] ^ 1 }
      for i in 0..<batchCount { missing |= need[i] }
    } else {
      let a = space.active
      for i in 0..<space.count {
        need[i] = a[i] & (done[i] ^ 1)
        missing |= need[i]
      }
    }
    if missing != 0 {
      enterCitizens(need)
      let v = eval(self)
      leave()
      var added = 0
      // Branch-free: `need` is 0 or 1 in every lane.
      for i in 0..<batchCount {
        store[i] = need[i] != 0 ? v[i] : store[i]
        done[i] |= need[i]
        added &+= need[i]
      }
      computedCount[slot] += added
    }
    guard deep else { return store }
    let (out, r) = (column(), space.root)
    for i in 0..<space.count { out[i] = store[r[i]] }
    return out
  }
}
