import CivilCalendar
import Diagnostics

extension Checker {
  func unary(_ op: String, _ a: Expr, span: SourceSpan) -> Checked {
    if op == "not" {
      let (t, n) = check(a, expected: .bool)
      expectBool(t, at: a.span)
      return (.bool, Typed(op: .not(n), type: .bool, span: span))
    }
    let (t, n) = check(a, expected: nil)
    switch t {
    case .int, .money, .decimal, .error, .duration:
      return (t, Typed(op: .negate(n), type: t, span: span))
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
    let (ta, na) = check(a, expected: nil)
    let (tb, nb) = check(b, expected: ta == .none ? nil : ta.unwrapped)
    if ta == .error || tb == .error { return failed(span) }
    if ["==", "!=", "<", "<=", ">", ">="].contains(op) {
      let t = comparison(op, ta, tb, a: a, b: b, span: span)
      return (t, Typed(op: t == .error ? .invalid : .binary(op, na, nb), type: t, span: span))
    }
    guard let (t, _) = Operators.arithmetic(op, ta, tb) else {
      if ta.isOptional || tb.isOptional {
        error(
          RuleMessage.optionalOperand(
            op, ta.isOptional ? ta : tb, at: ta.isOptional ? a.span : b.span, names: program.types))
      } else {
        error(RuleMessage.badOperands(op, ta, tb, at: span, names: program.types))
      }
      return failed(span)
    }
    return (t, Typed(op: .binary(op, na, nb), type: t, span: span))
  }

  private func logical(_ isAnd: Bool, _ a: Expr, _ b: Expr, span: SourceSpan) -> Checked {
    let (ta, na) = check(a, expected: .bool)
    expectBool(ta, at: a.span)
    // `p != none and …` / `p == none or …`: `p` is a value on the right.
    let (tb, nb) = checkNarrowed(b, paths: paths(in: a, when: isAnd), expected: .bool)
    expectBool(tb, at: b.span)
    return (.bool, Typed(op: isAnd ? .and(na, nb) : .or(na, nb), type: .bool, span: span))
  }

  private func coalesce(_ a: Expr, _ b: Expr, span: SourceSpan, expected: RuleType?) -> Checked {
    let (ta, na) = check(a, expected: expected?.optional)
    let (tb, nb) = check(b, expected: ta.unwrapped)
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
    return (t, Typed(op: .coalesce(na, nb), type: t, span: span))
  }

  private func membership(_ a: Expr, _ b: Expr, span: SourceSpan) -> Checked {
    let (ta, na) = check(a, expected: nil)
    let (tb, nb) = check(b, expected: .list(ta))
    if ta == .error || tb == .error { return (.bool, .invalid(span)) }
    guard case .list(let et) = tb, ta.fits(et) || et.fits(ta) else {
      error(RuleMessage.badOperands("in", ta, tb, at: span, names: program.types))
      return failed(span)
    }
    return (.bool, Typed(op: .binary("in", na, nb), type: .bool, span: span))
  }

  /// The type of a comparison: bool, or `.error` (reported) when the operands do not compare.
  private func comparison(
    _ op: String, _ ta: RuleType, _ tb: RuleType, a: Expr, b: Expr, span: SourceSpan
  ) -> RuleType {
    if op == "==" || op == "!=" {
      guard ta.join(tb) != nil else {
        error(RuleMessage.cannotCompare(ta, tb, at: span, names: program.types))
        return .error
      }
      return .bool
    }
    if ta.isOptional || tb.isOptional {
      error(
        RuleMessage.optionalOperand(
          op, ta.isOptional ? ta : tb, at: ta.isOptional ? a.span : b.span, names: program.types))
      return .error
    }
    guard Operators.ordering(ta, tb) != nil else {
      error(RuleMessage.cannotOrder(ta, tb, at: span, names: program.types))
      return .error
    }
    return .bool
  }
}
