import CivilCalendar

/// Operators in the fast lane, with the general machine's arithmetic (floor division, checked
/// overflow) and equality; any fault fails the citizen instead of being located here.
extension FastCompiler {
  /// An operand that must be a value: a narrowed optional (`x != none and x > 3`) is checked.
  func strict(_ t: FastTyped) -> FastEval {
    let e = t.eval
    guard t.type.isOptional else { return e }
    return { m in
      let x = e(m)
      return x == FastValue.none ? m.fail() : x
    }
  }

  func not(_ a: Typed) throws -> FastTyped {
    let e = try expr(a).eval
    return FastTyped(type: .bool, eval: { m in e(m) == 0 ? 1 : 0 })
  }

  func negate(_ a: Typed) throws -> FastTyped {
    let t = try expr(a)
    let e = strict(t)
    switch t.type.unwrapped {
    case .int, .money, .decimal:
      return FastTyped(
        type: t.type.unwrapped,
        eval: { m in
          let (r, o) = (0).subtractingReportingOverflow(e(m))
          return o ? m.fail() : r
        })
    case .duration:
      return FastTyped(
        type: .duration,
        eval: { m in
          let x = e(m)
          return FastValue.duration(months: -FastValue.months(x), days: -FastValue.days(x))
            ?? m.fail()
        })
    default: throw FastUnsupported()
    }
  }

  func logical(_ isAnd: Bool, _ a: Typed, _ b: Typed) throws -> FastTyped {
    let x = try expr(a).eval
    let y = try expr(b).eval
    if isAnd { return FastTyped(type: .bool, eval: { m in x(m) == 0 ? 0 : y(m) }) }
    return FastTyped(type: .bool, eval: { m in x(m) != 0 ? 1 : y(m) })
  }

  func coalesce(_ a: Typed, _ b: Typed, _ t: RuleType) throws -> FastTyped {
    let (x, y) = (try coerce(try expr(a), to: t), try coerce(try expr(b), to: t))
    return FastTyped(
      type: t,
      eval: { m in
        let v = x(m)
        return v == FastValue.none ? y(m) : v
      })
  }

  func binary(_ op: String, _ a: Typed, _ b: Typed) throws -> FastTyped {
    let ta = try expr(a)
    let tb = try expr(b)
    switch op {
    case "in": return try membership(ta, tb)
    case "==", "!=": return try equality(op == "!=", ta, tb)
    case "<", "<=", ">", ">=": return try ordering(op, ta, tb)
    default: return try arithmetic(op, ta, tb)
    }
  }

  private func membership(_ ta: FastTyped, _ tb: FastTyped) throws -> FastTyped {
    guard case .list(let et) = tb.type.unwrapped, FastCompiler.sameEncoding(ta.type, et) else {
      throw FastUnsupported()
    }
    let (x, list) = (ta.eval, tb.eval)
    let isText = ta.type.unwrapped == .text
    return FastTyped(
      type: .bool,
      eval: { m in
        let v = x(m)
        let at = list(m)
        if at == FastValue.none { return 0 }
        let n = m.arena[at]
        var i = 0
        while i < n {
          let item = m.arena[at + 1 + i]
          if item == v {
            // Texts outside the book's constants share id -1: they may differ.
            return isText && v == -1 ? m.fail() : 1
          }
          i += 1
        }
        return 0
      })
  }

  /// Whether `==` on the two types is equality of the encoded words (no decimal scaling).
  static func sameEncoding(_ a: RuleType, _ b: RuleType) -> Bool {
    let (x, y) = (a.unwrapped, b.unwrapped)
    if x == .none || y == .none { return true }
    switch (x, y) {
    case (.int, .int), (.money, .money), (.int, .money), (.money, .int), (.decimal, .decimal),
      (.date, .date), (.bool, .bool), (.duration, .duration), (.text, .text):
      return true
    case (.enumeration(let p), .enumeration(let q)): return p == q
    default: return false
    }
  }

  private func equality(_ negate: Bool, _ ta: FastTyped, _ tb: FastTyped) throws -> FastTyped {
    let (x, y) = (ta.eval, tb.eval)
    let (no, yes) = negate ? (1, 0) : (0, 1)
    if FastCompiler.sameEncoding(ta.type, tb.type) {
      if ta.type.unwrapped == .text || tb.type.unwrapped == .text {
        return FastTyped(
          type: .bool,
          eval: { m in
            let (p, q) = (x(m), y(m))
            if p == -1 && q == -1 { return m.fail() }
            return p == q ? yes : no
          })
      }
      if let k = tb.constant {
        if let f = ta.fact {
          return FastTyped(type: .bool, eval: { m in m.fact(f) == k ? yes : no })
        }
        return FastTyped(type: .bool, eval: { m in x(m) == k ? yes : no })
      }
      return FastTyped(type: .bool, eval: { m in x(m) == y(m) ? yes : no })
    }
    let numbers: Set<RuleType> = [.int, .money, .decimal]
    guard numbers.contains(ta.type.unwrapped), numbers.contains(tb.type.unwrapped) else {
      throw FastUnsupported()
    }
    // An int against a decimal: equal when the scaled int is the decimal.
    let (sx, sy) = (ta.type.unwrapped != .decimal, tb.type.unwrapped != .decimal)
    return FastTyped(
      type: .bool,
      eval: { m in
        var (p, q) = (x(m), y(m))
        if p == FastValue.none || q == FastValue.none { return p == q ? yes : no }
        var overflow = false
        if sx { (p, overflow) = p.multipliedReportingOverflow(by: Decimal6.scale) }
        if sy { (q, overflow) = q.multipliedReportingOverflow(by: Decimal6.scale) }
        return !overflow && p == q ? yes : no
      })
  }

  private func ordering(_ op: String, _ ta: FastTyped, _ tb: FastTyped) throws -> FastTyped {
    let (ua, ub) = (ta.type.unwrapped, tb.type.unwrapped)
    let (x, y) = (strict(ta), strict(tb))
    let test: @Sendable (Int, Int) -> Bool =
      switch op {
      case "<": { $0 < $1 }
      case "<=": { $0 <= $1 }
      case ">": { $0 > $1 }
      default: { $0 >= $1 }
      }
    switch (ua, ub) {
    case (.int, .int), (.money, .money), (.int, .money), (.money, .int), (.date, .date),
      (.decimal, .decimal):
      if let k = tb.constant {
        let e = FastCompiler.withOperand(ta, x, Compare(op: op, k: k))
        return FastTyped(type: .bool, eval: e)
      }
      let e = FastCompiler.withOperands(ta, x, tb, y, Ordered(op: op))
      return FastTyped(type: .bool, eval: e)
    case (.decimal, .int), (.decimal, .money), (.int, .decimal), (.money, .decimal):
      let (sx, sy) = (ua != .decimal, ub != .decimal)
      return FastTyped(
        type: .bool,
        eval: { m in
          var (p, q) = (x(m), y(m))
          var (o1, o2) = (false, false)
          if sx { (p, o1) = p.multipliedReportingOverflow(by: Decimal6.scale) }
          if sy { (q, o2) = q.multipliedReportingOverflow(by: Decimal6.scale) }
          if o1 || o2 { return m.fail() }
          return test(p, q) ? 1 : 0
        })
    default: throw FastUnsupported()
    }
  }

  private func arithmetic(_ op: String, _ ta: FastTyped, _ tb: FastTyped) throws -> FastTyped {
    let (ua, ub) = (ta.type.unwrapped, tb.type.unwrapped)
    guard let (t, _) = Operators.arithmetic(op, ua, ub) else { throw FastUnsupported() }
    let (x, y) = (strict(ta), strict(tb))
    switch (ua, ub) {
    case (.date, .duration):
      let sign = op == "+" ? 1 : -1
      return FastTyped(
        type: t,
        eval: { m in
          let (d, p) = (x(m), y(m))
          guard
            case .date(let r) = Operators.shift(
              d, months: sign * FastValue.months(p), days: sign * FastValue.days(p))
          else { return m.fail() }
          return r
        })
    case (.date, .date):
      return FastTyped(
        type: t,
        eval: { m in
          let (r, o) = x(m).subtractingReportingOverflow(y(m))
          return o || r == FastValue.none ? m.fail() : r
        })
    case (.duration, .duration):
      let sign = op == "+" ? 1 : -1
      return FastTyped(
        type: t,
        eval: { m in
          let (p, q) = (x(m), y(m))
          return FastValue.duration(
            months: FastValue.months(p) + sign * FastValue.months(q),
            days: FastValue.days(p) + sign * FastValue.days(q)) ?? m.fail()
        })
    case (.int, .duration), (.duration, .int):
      let durationFirst = ua == .duration
      return FastTyped(
        type: t,
        eval: { m in
          let (p, q) = durationFirst ? (x(m), y(m)) : (y(m), x(m))
          let (mo, o1) = FastValue.months(p).multipliedReportingOverflow(by: q)
          let (d, o2) = FastValue.days(p).multipliedReportingOverflow(by: q)
          if o1 || o2 { return m.fail() }
          return FastValue.duration(months: mo, days: d) ?? m.fail()
        })
    default: break
    }
    if t == .decimal {
      return FastTyped(type: t, eval: decimal(op, x, ua != .decimal, y, ub != .decimal))
    }
    if let k = tb.constant, ["+", "-", "*"].contains(op) {
      return FastTyped(type: t, eval: FastCompiler.withOperand(ta, x, WholeConstant(op: op, k: k)))
    }
    return FastTyped(type: t, eval: FastCompiler.withOperands(ta, x, tb, y, Whole(op: op)))
  }

  private struct Compare: FastUnaryBuilder {
    let op: String
    let k: Int
    func build<X: FastOperand>(_ x: X) -> FastEval { FastCompiler.compare(op, x, k) }
  }

  private struct Ordered: FastBinaryBuilder {
    let op: String
    func build<X: FastOperand, Y: FastOperand>(_ x: X, _ y: Y) -> FastEval {
      switch op {
      case "<": { m in x(m) < y(m) ? 1 : 0 }
      case "<=": { m in x(m) <= y(m) ? 1 : 0 }
      case ">": { m in x(m) > y(m) ? 1 : 0 }
      default: { m in x(m) >= y(m) ? 1 : 0 }
      }
    }
  }

  private struct WholeConstant: FastUnaryBuilder {
    let op: String
    let k: Int
    func build<X: FastOperand>(_ x: X) -> FastEval {
      if let e = FastCompiler.wholeConstant(op, x, k) { return e.eval }
      return { m in m.fail() }
    }
  }

  private struct Whole: FastBinaryBuilder {
    let op: String
    func build<X: FastOperand, Y: FastOperand>(_ x: X, _ y: Y) -> FastEval {
      FastCompiler.whole(op, x, y)
    }
  }

  /// `x op k` for a literal `k`: one closure call fewer.
  static func compare<X: FastOperand>(_ op: String, _ x: X, _ k: Int) -> FastEval {
    switch op {
    case "<": { m in x(m) < k ? 1 : 0 }
    case "<=": { m in x(m) <= k ? 1 : 0 }
    case ">": { m in x(m) > k ? 1 : 0 }
    default: { m in x(m) >= k ? 1 : 0 }
    }
  }

  /// `x + k`, `x - k`, `x * k` for a literal `k`; nil for the other operators.
  static func wholeConstant<X: FastOperand>(_ op: String, _ x: X, _ k: Int) -> FastTyped? {
    let e: FastEval
    switch op {
    case "+":
      e = { m in
        let (r, o) = x(m).addingReportingOverflow(k)
        return o || r == FastValue.none ? m.fail() : r
      }
    case "-":
      e = { m in
        let (r, o) = x(m).subtractingReportingOverflow(k)
        return o || r == FastValue.none ? m.fail() : r
      }
    case "*":
      e = { m in
        let (r, o) = x(m).multipliedReportingOverflow(by: k)
        return o || r == FastValue.none ? m.fail() : r
      }
    default: return nil
    }
    return FastTyped(type: .error, eval: e)
  }

  /// Whole-number `+ - * / %` as `Operators` defines them.
  static func whole<X: FastOperand, Y: FastOperand>(_ op: String, _ x: X, _ y: Y) -> FastEval {
    switch op {
    case "+":
      return { m in
        let (r, o) = x(m).addingReportingOverflow(y(m))
        return o || r == FastValue.none ? m.fail() : r
      }
    case "-":
      return { m in
        let (r, o) = x(m).subtractingReportingOverflow(y(m))
        return o || r == FastValue.none ? m.fail() : r
      }
    case "*":
      return { m in
        let (r, o) = x(m).multipliedReportingOverflow(by: y(m))
        return o || r == FastValue.none ? m.fail() : r
      }
    case "/":
      return { m in
        guard let q = Operators.floorDivide(x(m), y(m)), q != FastValue.none else {
          return m.fail()
        }
        return q
      }
    default:
      return { m in
        let a = x(m)
        return Operators.floorModulo(a, y(m)) ?? m.fail()
      }
    }
  }

  /// Decimal arithmetic on scaled words; products and quotients stay within 64 bits or fail.
  private func decimal(
    _ op: String, _ x: @escaping FastEval, _ scaleX: Bool, _ y: @escaping FastEval,
    _ scaleY: Bool
  ) -> FastEval {
    let scale = Decimal6.scale
    let operands: @Sendable (FastMachine) -> (Int, Int)? = { m in
      var (a, b) = (x(m), y(m))
      var (o1, o2) = (false, false)
      if scaleX { (a, o1) = a.multipliedReportingOverflow(by: scale) }
      if scaleY { (b, o2) = b.multipliedReportingOverflow(by: scale) }
      return o1 || o2 ? nil : (a, b)
    }
    switch op {
    case "+", "-":
      let plus = op == "+"
      return { m in
        guard let (a, b) = operands(m) else { return m.fail() }
        let (r, o) = plus ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
        return o || r == FastValue.none ? m.fail() : r
      }
    case "*":
      return { m in
        guard let (a, b) = operands(m) else { return m.fail() }
        let (p, o) = a.multipliedReportingOverflow(by: b)
        guard !o, let r = Operators.floorDivide(p, scale) else { return m.fail() }
        return r
      }
    default:
      return { m in
        guard let (a, b) = operands(m), b != 0 else { return m.fail() }
        let (p, o) = a.multipliedReportingOverflow(by: scale)
        guard !o, let r = Operators.floorDivide(p, b), r != FastValue.none else {
          return m.fail()
        }
        return r
      }
    }
  }
}
