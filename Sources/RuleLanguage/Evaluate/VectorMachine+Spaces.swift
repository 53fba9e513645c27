// The citizens' spaces a vector program runs in: masks, failures of lanes, lifted columns.

extension VectorMachine {
  /// Runs `body` on the current space with `mask` as its active lanes.
  @inline(__always) func masked<T>(_ mask: UnsafeMutablePointer<Int>, _ body: () -> T) -> T {
    let saved = space.active
    space.active = mask
    defer { space.active = saved }
    return body()
  }

  /// Enters a space of list elements (or a one-lane space); `leave` returns to the last.
  func enter(_ s: VectorSpace) {
    spaces.append(space)
    space = s
  }

  /// Enters the citizens' own space with `mask` as its active lanes (to compute a binding).
  func enterCitizens(_ mask: UnsafeMutablePointer<Int>) {
    enter(VectorSpace(count: batchCount, active: mask, root: identity, parent: identity))
  }

  func leave() {
    space = spaces.removeLast()
  }

  /// Whether any lane of `mask` (over the current space) is 1.
  func any(_ mask: UnsafeMutablePointer<Int>) -> Bool {
    var acc = 0
    for i in 0..<space.count { acc |= mask[i] }
    return acc != 0
  }

  /// Fails the citizen of lane `i` of the current space (for the current rule) for a lane
  /// limit: the general machine decides the rule.
  @inline(__always) func fail(lane i: Int) {
    addFailure(space.root[i], VectorMachine.limit)
    space.lanesFailed?[i] = 1
  }

  /// Fails the citizen of lane `i` for unknown fact `f` (which Kleene logic may absorb).
  @inline(__always) func failUnknown(lane i: Int, fact f: Int) {
    let c = space.root[i]
    failed[c] = 1
    missing[c] |= f < 61 ? 1 << f : 0
    space.lanesFailed?[i] = 1
  }

  /// Fails every active lane for a lane limit.
  func failActive() {
    let (a, r) = (space.active, space.root)
    for i in 0..<space.count where a[i] != 0 { addFailure(r[i], VectorMachine.limit) }
    marking(a)
  }

  /// Runs a day-invariant kernel once in a one-lane space; nil when it failed (its failure,
  /// packed, is then `packedFailure(VectorMachine.width)`).
  func invariant(_ eval: VecEval) -> Int? {
    enter(invariantSpace)
    setFailure(VectorMachine.width, 0)
    let v = eval(self)[0]
    leave()
    return failed[VectorMachine.width] != 0 ? nil : v
  }

  /// A column of `slot`'s local (whose space is `depth` levels out) seen from the current space.
  func lifted(_ column: UnsafeMutablePointer<Int>, levels: Int) -> UnsafeMutablePointer<Int> {
    if levels == 0 { return column }
    // Out to the citizens' own space: each lane's citizen.
    if levels == spaces.count { return byCitizen(column) }
    let n = space.count
    let key = LiftKey(column: column, levels: levels, root: space.root, count: n)
    if let hit = lifts.first(where: { $0.key == key }) { return hit.lifted }
    let out = self.column()
    defer { lifts.append((key, out)) }
    if levels == 1 {
      let p = space.parent
      for i in 0..<n { out[i] = column[p[i]] }
      return out
    }
    // Through each enclosing space's parent map in turn.
    var maps: [UnsafeMutablePointer<Int>] = [space.parent]
    for k in 1..<levels { maps.append(spaces[spaces.count - k].parent) }
    for i in 0..<n {
      var j = i
      for map in maps { j = map[j] }
      out[i] = column[j]
    }
    return out
  }

  /// Reserves `count` words of arena; nil when it is full.
  func allocate(_ count: Int) -> Int? {
    if loadingFacts {
      guard count >= 0, factTop + count <= VectorMachine.factLimit else { return nil }
      factTop += count
      return factTop - count
    }
    guard count >= 0, arenaTop + count <= VectorMachine.arenaCapacity else { return nil }
    arenaTop += count
    return arenaTop - count
  }
}
