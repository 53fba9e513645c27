import CivilCalendar
import Diagnostics

extension Checker {
  func unary(_ op: String, _ a: Expr, span: SourceSpan) -> Checked {
    if op == "not" {
      let (t, e, n) = check(a, expected: .bool)
      expectBool(t, at: a.span)
      return (
        .bool,
        { m in
          switch e(m) {
          case .bool(let b): return .bool(!b)
          case let other: return other
          }
        },
        Typed(op: .not(n), type: .bool, span: span)
      )
    }
    let (t, e, n) = check(a, expected: nil)
    let node = Typed(op: .negate(n), type: t, span: span)
    switch t {
    case .int, .money, .decimal, .error:
      return (
        t,
        { m in
          switch e(m) {
          case .int(let x):
            let (r, o) = (0).subtractingReportingOverflow(x)
            return o ? m.fault(RuleMessage.overflow, at: span) : .int(r)
          case .decimal(let x):
            let (r, o) = (0).subtractingReportingOverflow(x)
            return o ? m.fault(RuleMessage.overflow, at: span) : .decimal(r)
          case let other: return other
          }
        },
        node
      )
    case .duration:
      return (
        t,
        { m in
          switch e(m) {
          case .duration(let mo, let d): return .duration(months: -mo, days: -d)
          case let other: return other
          }
        },
        node
      )
    default:
      error(RuleMessage.badOperand(op, t, at: a.span, names: program.types))
      return failed(span)
    }
  }

  func binary(
    _ op: String, _ a: Expr, _ b: Expr, span: SourceSpan, expected: RuleType?
  ) -> Checked {
    switch op {
    case "and", "or": return logical(op == "and", a, b, span: span)
    case "??": return coalesce(a, b, span: span, expected: expected)
    case "in": return membership(a, b, span: span)
    default: break
    }
    let (ta, ea, na) = check(a, expected: nil)
    let (tb, eb, nb) = check(b, expected: ta == .none ? nil : ta.unwrapped)
    if ta == .error || tb == .error { return failed(span) }
    if ["==", "!=", "<", "<=", ">", ">="].contains(op) {
      let (t, e) = comparison(op, ta, tb, ea, eb, a: a, b: b, span: span)
      return (t, e, Typed(op: t == .error ? .invalid : .binary(op, na, nb), type: t, span: span))
    }
    guard let (t, f) = Operators.arithmetic(op, ta, tb) else {
      if ta.isOptional || tb.isOptional {
        error(
          RuleMessage.optionalOperand(
            op, ta.isOptional ? ta : tb, at: ta.isOptional ? a.span : b.span, names: program.types))
      } else {
        error(RuleMessage.badOperands(op, ta, tb, at: span, names: program.types))
      }
      return failed(span)
    }
    let node = Typed(op: .binary(op, na, nb), type: t, span: span)
    if let fast = Checker.integerFastPath(op, ta, tb, ea, eb, span: span, slow: f) {
      return (t, fast, node)
    }
    return (t, strict2(ea, eb, span: span, f), node)
  }

  /// Applies `f` to two decided operands; unknowns unite, faults win.
  func strict2(
    _ ea: @escaping Eval, _ eb: @escaping Eval, span: SourceSpan, _ f: @escaping Operators.Binary
  ) -> Eval {
    { m in
      let x = ea(m)
      if case .fault = x { return x }
      let y = eb(m)
      switch (x, y) {
      case (_, .fault): return y
      case (.unknown(let s), .unknown(let t)): return .unknown(s.union(t))
      case (.unknown, _): return x
      case (_, .unknown): return y
      default:
        let r = f(x, y)
        if case .fault(let code) = r { return m.fault(Operators.faultMessage(code), at: span) }
        return r
      }
    }
  }

  private func logical(_ isAnd: Bool, _ a: Expr, _ b: Expr, span: SourceSpan) -> Checked {
    let (ta, ea, na) = check(a, expected: .bool)
    expectBool(ta, at: a.span)
    // `p != none and …` / `p == none or …`: `p` is a value on the right.
    let (tb, eb, nb) = checkNarrowed(b, paths: paths(in: a, when: isAnd), expected: .bool)
    expectBool(tb, at: b.span)
    // Kleene logic: a deciding side wins over unknown on the other.
    return (
      .bool,
      { m in
        let x = ea(m)
        if case .bool(let v) = x, v != isAnd { return x }
        if case .fault = x { return x }
        let y = eb(m)
        switch (x, y) {
        case (_, .fault): return y
        case (.bool, _): return y
        case (.unknown(let s), .unknown(let t)): return .unknown(s.union(t))
        case (.unknown, .bool(let v)): return v != isAnd ? y : x
        default: return x
        }
      },
      Typed(op: isAnd ? .and(na, nb) : .or(na, nb), type: .bool, span: span)
    )
  }

  private func coalesce(_ a: Expr, _ b: Expr, span: SourceSpan, expected: RuleType?) -> Checked {
    let (ta, ea, na) = check(a, expected: expected?.optional)
    let (tb, eb, nb) = check(b, expected: ta.unwrapped)
    // A path narrowed by `!= none` may keep its old `?? default` (harmless, and older rule
    // files were written before narrowing).
    let isNarrowed =
      pathKey(a).map { key in
        let parts = key.split(separator: ".")
        return (1...parts.count).contains {
          narrowed[parts.prefix($0).joined(separator: ".")] != nil
        }
      } ?? false
    if ta != .error, !ta.isOptional, !isNarrowed {
      error(RuleMessage.coalesceNonOptional(ta, at: a.span, names: program.types))
    }
    guard let t = ta.unwrapped.join(tb) else {
      error(RuleMessage.branchMismatch(ta.unwrapped, tb, at: b.span, names: program.types))
      return failed(span)
    }
    return (
      t,
      { m in
        let x = ea(m)
        if case .none = x { return eb(m) }
        return x
      },
      Typed(op: .coalesce(na, nb), type: t, span: span)
    )
  }

  private func membership(_ a: Expr, _ b: Expr, span: SourceSpan) -> Checked {
    let (ta, ea, na) = check(a, expected: nil)
    let (tb, eb, nb) = check(b, expected: .list(ta))
    if ta == .error || tb == .error { return (.bool, { _ in .none }, .invalid(span)) }
    guard case .list(let et) = tb, ta.fits(et) || et.fits(ta) else {
      error(RuleMessage.badOperands("in", ta, tb, at: span, names: program.types))
      return failed(span)
    }
    return (
      .bool,
      strict2(ea, eb, span: span) { x, y in
        guard case .list(let items) = y else { return .bool(false) }
        return .bool(items.contains { $0.same(as: x) })
      },
      Typed(op: .binary("in", na, nb), type: .bool, span: span)
    )
  }

  private func comparison(
    _ op: String, _ ta: RuleType, _ tb: RuleType, _ ea: @escaping Eval, _ eb: @escaping Eval,
    a: Expr, b: Expr, span: SourceSpan
  ) -> (RuleType, Eval) {
    let equality = op == "==" || op == "!="
    if equality {
      guard ta.join(tb) != nil else {
        error(RuleMessage.cannotCompare(ta, tb, at: span, names: program.types))
        return (.error, { _ in .none })
      }
      let negate = op == "!="
      return (.bool, strict2(ea, eb, span: span) { x, y in .bool(x.same(as: y) != negate) })
    }
    if ta.isOptional || tb.isOptional {
      error(
        RuleMessage.optionalOperand(
          op, ta.isOptional ? ta : tb, at: ta.isOptional ? a.span : b.span, names: program.types))
      return (.error, { _ in .none })
    }
    guard let order = Operators.ordering(ta, tb) else {
      error(RuleMessage.cannotOrder(ta, tb, at: span, names: program.types))
      return (.error, { _ in .none })
    }
    let test: @Sendable (Int) -> Bool =
      switch op {
      case "<": { $0 < 0 }
      case "<=": { $0 <= 0 }
      case ">": { $0 > 0 }
      default: { $0 >= 0 }
      }
    let slow: Operators.Binary = { x, y in .bool(test(order(x, y))) }
    if (ta == .int || ta == .money || ta == .date) && tb == ta {
      // Whole numbers and dates compare without the generic path.
      let compare: @Sendable (Int, Int) -> Bool =
        switch op {
        case "<": { $0 < $1 }
        case "<=": { $0 <= $1 }
        case ">": { $0 > $1 }
        default: { $0 >= $1 }
        }
      return (
        .bool,
        { m in
          let x = ea(m)
          let y = eb(m)
          switch (x, y) {
          case (.int(let a), .int(let b)), (.date(let a), .date(let b)): return .bool(compare(a, b))
          default: return Checker.propagate(x, y) ?? slow(x, y)
          }
        }
      )
    }
    return (.bool, strict2(ea, eb, span: span, slow))
  }

  /// The unknown or fault two operands yield (faults first, unknowns united), or nil when
  /// both are decided.
  static func propagate(_ x: Value, _ y: Value) -> Value? {
    switch (x, y) {
    case (.fault, _): return x
    case (_, .fault): return y
    case (.unknown(let s), .unknown(let t)): return .unknown(s.union(t))
    case (.unknown, _): return x
    case (_, .unknown): return y
    default: return nil
    }
  }

  /// Whole-number `+ - *` on two ints (or money) without the generic path; overflow and
  /// anything else fall back to it, so faults stay located.
  static func integerFastPath(
    _ op: String, _ ta: RuleType, _ tb: RuleType, _ ea: @escaping Eval, _ eb: @escaping Eval,
    span: SourceSpan, slow: @escaping Operators.Binary
  ) -> Eval? {
    let whole: Set<RuleType> = [.int, .money]
    guard whole.contains(ta), whole.contains(tb), ["+", "-", "*"].contains(op) else { return nil }
    let apply: @Sendable (Int, Int) -> (Int, Bool) =
      switch op {
      case "+": { $0.addingReportingOverflow($1) }
      case "-": { $0.subtractingReportingOverflow($1) }
      default: { $0.multipliedReportingOverflow(by: $1) }
      }
    return { m in
      let x = ea(m)
      if case .int(let a) = x {
        let y = eb(m)
        if case .int(let b) = y {
          let (r, o) = apply(a, b)
          if !o { return .int(r) }
          return m.fault(RuleMessage.overflow, at: span)
        }
        switch y {
        case .unknown, .fault: return y
        default: return .none
        }
      }
      switch x {
      case .unknown(let s):
        let y = eb(m)
        if case .unknown(let t) = y { return .unknown(s.union(t)) }
        if case .fault = y { return y }
        return x
      default: return x
      }
    }
  }
}
