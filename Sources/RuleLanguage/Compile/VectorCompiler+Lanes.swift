/// The loops most kernels are made of: a function applied lane by lane, failing the lanes
/// (where active) for which it has no value.
extension VectorCompiler {
  /// A lane-by-lane function of one column, on every lane (cheap, branch-free functions);
  /// nil fails the lane where it is active, and gives 0.
  @inline(__always) static func map(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ f: (Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if let v = f(x[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i) }
      }
    }
    return out
  }

  /// `map` on the active lanes only (the others get 0): for functions that cost more than a
  /// branch (calendar arithmetic), which a sparse mask would otherwise pay for every lane.
  @inline(__always) static func mapActive(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ f: (Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if a[i] != 0, let v = f(x[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i) }
      }
    }
    return out
  }

  /// The same for two columns.
  @inline(__always) static func zip(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>,
    _ f: (Int, Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if let v = f(x[i], y[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i) }
      }
    }
    return out
  }

  /// `zip` on the active lanes only (see `mapActive`).
  @inline(__always) static func zipActive(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>,
    _ f: (Int, Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if a[i] != 0, let v = f(x[i], y[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i) }
      }
    }
    return out
  }
}
