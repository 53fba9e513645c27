import CivilCalendar
import Diagnostics

extension Checker {
  func unary(_ op: String, _ a: Expr, span: SourceSpan) -> (RuleType, Eval) {
    if op == "not" {
      let (t, e) = check(a, expected: .bool)
      expectBool(t, at: a.span)
      return (
        .bool,
        { m in
          switch e(m) {
          case .bool(let b): return .bool(!b)
          case let other: return other
          }
        }
      )
    }
    let (t, e) = check(a, expected: nil)
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
        }
      )
    case .duration:
      return (
        t,
        { m in
          switch e(m) {
          case .duration(let mo, let d): return .duration(months: -mo, days: -d)
          case let other: return other
          }
        }
      )
    default:
      error(RuleMessage.badOperand(op, t, at: a.span, names: program.types))
      return (.error, { _ in .none })
    }
  }

  func binary(
    _ op: String, _ a: Expr, _ b: Expr, span: SourceSpan, expected: RuleType?
  ) -> (RuleType, Eval) {
    switch op {
    case "and", "or": return logical(op == "and", a, b)
    case "??": return coalesce(a, b, expected: expected)
    case "in": return membership(a, b, span: span)
    default: break
    }
    let (ta, ea) = check(a, expected: nil)
    let (tb, eb) = check(b, expected: ta == .none ? nil : ta.unwrapped)
    if ta == .error || tb == .error { return (.error, { _ in .none }) }
    if ["==", "!=", "<", "<=", ">", ">="].contains(op) {
      return comparison(op, ta, tb, ea, eb, a: a, b: b, span: span)
    }
    guard let (t, f) = Operators.arithmetic(op, ta, tb) else {
      if ta.isOptional || tb.isOptional {
        error(
          RuleMessage.optionalOperand(
            op, ta.isOptional ? ta : tb, at: ta.isOptional ? a.span : b.span, names: program.types))
      } else {
        error(RuleMessage.badOperands(op, ta, tb, at: span, names: program.types))
      }
      return (.error, { _ in .none })
    }
    return (t, strict2(ea, eb, span: span, f))
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

  private func logical(_ isAnd: Bool, _ a: Expr, _ b: Expr) -> (RuleType, Eval) {
    let (ta, ea) = check(a, expected: .bool)
    expectBool(ta, at: a.span)
    let (tb, eb) = check(b, expected: .bool)
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
      }
    )
  }

  private func coalesce(_ a: Expr, _ b: Expr, expected: RuleType?) -> (RuleType, Eval) {
    let (ta, ea) = check(a, expected: expected?.optional)
    let (tb, eb) = check(b, expected: ta.unwrapped)
    if ta != .error, !ta.isOptional {
      error(RuleMessage.coalesceNonOptional(ta, at: a.span, names: program.types))
    }
    guard let t = ta.unwrapped.join(tb) else {
      error(RuleMessage.branchMismatch(ta.unwrapped, tb, at: b.span, names: program.types))
      return (.error, { _ in .none })
    }
    return (
      t,
      { m in
        let x = ea(m)
        if case .none = x { return eb(m) }
        return x
      }
    )
  }

  private func membership(_ a: Expr, _ b: Expr, span: SourceSpan) -> (RuleType, Eval) {
    let (ta, ea) = check(a, expected: nil)
    let (tb, eb) = check(b, expected: .list(ta))
    if ta == .error || tb == .error { return (.bool, { _ in .none }) }
    guard case .list(let et) = tb, ta.fits(et) || et.fits(ta) else {
      error(RuleMessage.badOperands("in", ta, tb, at: span, names: program.types))
      return (.error, { _ in .none })
    }
    return (
      .bool,
      strict2(ea, eb, span: span) { x, y in
        guard case .list(let items) = y else { return .bool(false) }
        return .bool(items.contains { $0.same(as: x) })
      }
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
    return (.bool, strict2(ea, eb, span: span) { x, y in .bool(test(order(x, y))) })
  }
}
