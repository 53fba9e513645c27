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

  /// `mapActive` for a built-in the general machine can fault (see `map(_:_:site:_:code:)`).
  @inline(__always) static func mapActive(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, site: Int, _ f: (Int) -> Int?,
    code: (Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if a[i] != 0, let v = f(x[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i, site: site, code: code(x[i])) }
      }
    }
    return out
  }

  /// `zipActive` for a built-in the general machine can fault.
  @inline(__always) static func zipActive(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>,
    site: Int, _ f: (Int, Int) -> Int?, code: (Int, Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if a[i] != 0, let v = f(x[i], y[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i, site: site, code: code(x[i], y[i])) }
      }
    }
    return out
  }

  /// `map` for an operator the general machine can fault: where `f` has no value, `code`
  /// gives the general machine's fault code for the operand (nil where it has a value: a
  /// lane limit), and the lane fails with it at `site` (`VectorMachine.fail(lane:site:code:)`).
  @inline(__always) static func map(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, site: Int, _ f: (Int) -> Int?,
    code: (Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if let v = f(x[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i, site: site, code: code(x[i])) }
      }
    }
    return out
  }

  /// The same for two columns.
  @inline(__always) static func zip(
    _ m: VectorMachine, _ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>,
    site: Int, _ f: (Int, Int) -> Int?, code: (Int, Int) -> Int?
  ) -> UnsafeMutablePointer<Int> {
    let (out, a) = (m.column(), m.space.active)
    for i in 0..<m.space.count {
      if let v = f(x[i], y[i]) {
        out[i] = v
      } else {
        out[i] = 0
        if a[i] != 0 { m.fail(lane: i, site: site, code: code(x[i], y[i])) }
      }
    }
    return out
  }

  /// The general machine's fault code for `op` on two words of types `a` and `b` (whole
  /// numbers, money, decimals), where the lane's kernel has none: the general machine's own
  /// operator decides, so the lane reports exactly its faults; nil where it has a value.
  static func faultCode(_ op: String, _ a: RuleType, _ b: RuleType) -> @Sendable (Int, Int) -> Int?
  {
    guard let (_, f) = Operators.arithmetic(op, a, b) else { return { _, _ in nil } }
    let (da, db) = (a == .decimal, b == .decimal)
    return { x, y in
      if case .fault(let code) = f(da ? .decimal(x) : .int(x), db ? .decimal(y) : .int(y)) {
        return code
      }
      return nil
    }
  }

  /// Whole-number `+ - * / %` as `Operators` defines them, a literal operand taken as a word.
  static func whole(
    _ op: String, _ x: @escaping VecEval, _ kx: WordEval?, _ y: @escaping VecEval,
    _ ky: WordEval?, site: Int, code: @escaping @Sendable (Int, Int) -> Int?
  ) -> VecEval {
    switch op {
    case "+": lanes(WholeAdd.self, x, kx, y, ky, site, code)
    case "-": lanes(WholeSubtract.self, x, kx, y, ky, site, code)
    case "*": lanes(WholeMultiply.self, x, kx, y, ky, site, code)
    case "/": lanes(WholeDivide.self, x, kx, y, ky, site, code)
    default: lanes(WholeModulo.self, x, kx, y, ky, site, code)
    }
  }

  /// A kernel applying `Op` lane by lane (generic, so each operator is its own loop),
  /// specialised for a literal on either side.
  static func lanes<Op: LaneOperator>(
    _: Op.Type, _ x: @escaping VecEval, _ kx: WordEval?, _ y: @escaping VecEval,
    _ ky: WordEval?, _ site: Int, _ code: @escaping @Sendable (Int, Int) -> Int?
  ) -> VecEval {
    if let ky {
      return { m in
        let column = x(m)
        let k = ky(m)
        return VectorCompiler.map(m, column, site: site) {
          Op.apply($0, k)
        } code: {
          code($0, k)
        }
      }
    }
    if let kx {
      return { m in
        let k = kx(m)
        return VectorCompiler.map(m, y(m), site: site) {
          Op.apply(k, $0)
        } code: {
          code(k, $0)
        }
      }
    }
    return { m in
      VectorCompiler.zip(m, x(m), y(m), site: site) {
        Op.apply($0, $1)
      } code: {
        code($0, $1)
      }
    }
  }
}

/// A whole-number operator of the vector lane; nil for a fault (overflow, division by zero,
/// a result equal to `none`'s word).
protocol LaneOperator {
  static func apply(_ a: Int, _ b: Int) -> Int?
}

@inline(__always) private func checked(_ r: (partialValue: Int, overflow: Bool)) -> Int? {
  r.overflow || r.partialValue == LaneWord.none ? nil : r.partialValue
}

enum WholeAdd: LaneOperator {
  @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
    checked(a.addingReportingOverflow(b))
  }
}

enum WholeSubtract: LaneOperator {
  @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
    checked(a.subtractingReportingOverflow(b))
  }
}

enum WholeMultiply: LaneOperator {
  @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
    checked(a.multipliedReportingOverflow(by: b))
  }
}

enum WholeDivide: LaneOperator {
  @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? {
    guard let q = Operators.floorDivide(a, b), q != LaneWord.none else { return nil }
    return q
  }
}

enum WholeModulo: LaneOperator {
  @inline(__always) static func apply(_ a: Int, _ b: Int) -> Int? { Operators.floorModulo(a, b) }
}
