import CivilCalendar
import Diagnostics

extension Checker {
  func call(_ f: String, _ args: [Expr], span: SourceSpan, expected: RuleType?) -> Checked {
    if let user = functions[f] { return callFunction(user, args, span: span) }
    guard let b = Builtins.table[f] else {
      for a in args { _ = check(a, expected: nil) }
      let names = Array(functions.keys) + Array(Builtins.table.keys)
      error(RuleMessage.unknownFunction(f, at: span, suggestion: Suggest.closest(to: f, in: names)))
      return failed(span)
    }
    let checked = args.map { check($0, expected: nil) }
    let types = checked.map(\.type)
    if types.contains(.error) { return failed(span) }
    guard args.count == b.arity else {
      error(
        RuleMessage.wrongArity(
          f, expected: b.arity, found: args.count, at: span, signature: b.signature))
      return failed(span)
    }
    guard let result = b.type(types) else {
      if let i = types.firstIndex(where: \.isOptional) {
        error(RuleMessage.optionalArgument(f, types[i], at: args[i].span, names: program.types))
      } else {
        error(
          RuleMessage.badArguments(f, types, at: span, signature: b.signature, names: program.types)
        )
      }
      return failed(span)
    }
    return (result, Typed(op: .builtin(f, checked.map(\.node)), type: result, span: span))
  }

  private func callFunction(_ f: FunctionInfo, _ args: [Expr], span: SourceSpan) -> Checked {
    if f.checking {
      error(RuleMessage.recursiveFunction(f.decl.name.text, at: span))
      return failed(span)
    }
    if !f.checked { checkFunction(f.decl.name.text) }
    guard args.count == f.parameters.count else {
      for a in args { _ = check(a, expected: nil) }
      error(
        RuleMessage.wrongArity(
          f.decl.name.text, expected: f.parameters.count, found: args.count, at: span,
          signature: nil))
      return failed(span)
    }
    var nodes: [Typed] = []
    for (a, p) in zip(args, f.parameters) {
      let (t, n) = check(a, expected: p.type)
      nodes.append(n)
      if !t.fits(p.type) {
        error(
          RuleMessage.typeMismatch(expected: p.type, found: t, at: a.span, names: program.types))
      }
    }
    return (f.result, Typed(op: .call(f.id, nodes), type: f.result, span: span))
  }

  func aggregate(
    _ kind: String, binder: String, source: Expr, filter: Expr?, body: Expr?, span: SourceSpan
  ) -> Checked {
    let (ts, ns) = check(source, expected: nil)
    var element = RuleType.error
    if case .list(let t) = ts {
      element = t
    } else if ts != .error {
      error(RuleMessage.aggregateOverNonList(kind, ts, at: source.span, names: program.types))
    }
    let slot = newSlot()
    scopes.append([binder: Local(slot: slot, type: element)])
    defer { scopes.removeLast() }
    var nf: Typed?
    if let filter {
      let (t, n) = check(filter, expected: .bool)
      expectBool(t, at: filter.span)
      nf = n
    }
    var nb: Typed?
    var tb = element
    if let body {
      (tb, nb) = check(body, expected: nil)
    }
    let resultType: RuleType
    switch kind {
    case "count":
      if body != nil { error(RuleMessage.aggregateBodyNotAllowed(kind, at: span)) }
      resultType = .int
    case "any", "all":
      if let b = body {
        expectBool(tb, at: b.span)
      } else if filter == nil {
        error(RuleMessage.aggregateNeedsCondition(kind, at: span))
      }
      resultType = .bool
    case "map":
      if body == nil { error(RuleMessage.aggregateNeedsValue(kind, at: span)) }
      resultType = .list(tb)
    case "filter":
      if body != nil { error(RuleMessage.aggregateBodyNotAllowed(kind, at: span)) }
      resultType = .list(element)
    default:  // sum, min, max
      let ok = kind == "sum" ? tb.isNumeric : (tb.isNumeric || tb == .date)
      if !ok, tb != .error {
        error(
          RuleMessage.aggregateBodyType(
            kind, tb, at: body?.span ?? source.span, names: program.types))
      }
      resultType = kind == "sum" ? tb : tb.optional
    }
    return (
      resultType,
      Typed(
        op: .aggregate(kind, slot: slot, source: ns, filter: nf, body: nb), type: resultType,
        span: span)
    )
  }

  func iterate(
    _ binder: String, first: Expr, next: Expr, until: Expr, limit: Int?, span: SourceSpan
  ) -> Checked {
    let (tf, nf) = check(first, expected: nil)
    if tf.isOptional {
      error(RuleMessage.optionalOperand("iterate", tf, at: first.span, names: program.types))
    }
    let slot = newSlot()
    scopes.append([binder: Local(slot: slot, type: tf)])
    defer { scopes.removeLast() }
    let (tn, nn) = check(next, expected: tf)
    if !tn.fits(tf) {
      error(RuleMessage.typeMismatch(expected: tf, found: tn, at: next.span, names: program.types))
    }
    let (tu, nu) = check(until, expected: .bool)
    expectBool(tu, at: until.span)
    let steps = limit ?? 1000
    return (
      tf,
      Typed(
        op: .iterate(slot: slot, first: nf, next: nn, until: nu, limit: steps), type: tf, span: span
      )
    )
  }
}
