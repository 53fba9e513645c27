import CivilCalendar
import Diagnostics

/// A checked expression: its type and the typed operation (`GeneralCompiler` and the vector
/// lane lower it).
typealias Checked = (type: RuleType, node: Typed)

extension Checker {
  /// Checks `e` and lowers it to a typed operation; `expected` resolves enum cases and `none`
  /// by context.
  func check(_ e: Expr, expected: RuleType?, quiet: Bool = false) -> Checked {
    let mark = diagnostics.count
    let result = checkExpr(e, expected: expected)
    if quiet { diagnostics.removeSubrange(mark...) }
    return result
  }

  private func checkExpr(_ e: Expr, expected: RuleType?) -> Checked {
    let span = e.span
    if !narrowed.isEmpty, let key = pathKey(e), let local = narrowed[key] {
      return (local.type, Typed(op: .local(local.slot), type: local.type, span: span))
    }
    switch e.kind {
    case .invalid: return failed(span)
    case .integer(let n): return constant(.int(n), .int, span)
    case .decimal(let n): return constant(.decimal(n), .decimal, span)
    case .money(let n): return constant(.int(n), .money, span)
    case .text(let s): return constant(.text(s), .text, span)
    case .date(let d): return constant(.date(d.dayNumber), .date, span)
    case .boolean(let b): return constant(.bool(b), .bool, span)
    case .none: return constant(.none, .none, span)
    case .today:
      readsToday = true
      return (.date, Typed(op: .today, type: .date, span: span))
    case .duration(let n, let unit):
      switch unit {
      case .days: return constant(.duration(months: 0, days: n), .duration, span)
      case .months: return constant(.duration(months: n, days: 0), .duration, span)
      case .years:
        let (months, o) = n.multipliedReportingOverflow(by: 12)
        if o { error(RuleMessage.badNumber(String(n), at: span)) }
        return constant(.duration(months: months, days: 0), .duration, span)
      }
    case .name(let n): return name(n, span: span, expected: expected)
    case .unary(let op, let a): return unary(op, a, span: span)
    case .binary(let op, let a, let b): return binary(op, a, b, span: span, expected: expected)
    case .conditional(let c, let a, let b):
      return conditional(c, a, b, span: span, expected: expected)
    case .call(let f, let args): return call(f, args, span: span, expected: expected)
    case .member(let base, let field): return member(base, field, span: span)
    case .list(let items): return list(items, span: span, expected: expected)
    case .record(let name, let fields): return record(name, fields, span: span)
    case .aggregate(let kind, let binder, let source, let filter, let body):
      return aggregate(kind, binder: binder, source: source, filter: filter, body: body, span: span)
    case .iterate(let binder, let first, let next, let until, let limit):
      return iterate(binder, first: first, next: next, until: until, limit: limit, span: span)
    }
  }

  /// What a failed check yields: matches anything, so one mistake is reported once.
  func failed(_ span: SourceSpan) -> Checked { (.error, .invalid(span)) }

  private func constant(_ v: Value, _ type: RuleType, _ span: SourceSpan) -> Checked {
    (type, Typed(op: .constant(v), type: type, span: span))
  }

  private func name(_ n: String, span: SourceSpan, expected: RuleType?) -> Checked {
    for scope in scopes.reversed() {
      if let l = scope[n] { return (l.type, Typed(op: .local(l.slot), type: l.type, span: span)) }
    }
    if let f = factIndex[n] {
      return (program.facts[f].type, Typed(op: .fact(f), type: program.facts[f].type, span: span))
    }
    if let p = paramIndex[n] {
      let type = program.params[p].type
      return (type, Typed(op: .param(p), type: type, span: span))
    }
    if let r = ruleIndex[n] {
      dependOn(r, at: span)
      return (.bool, Typed(op: .rule(r), type: .bool, span: span))
    }
    if let o = outputIndex[n] {
      dependOn(program.outputs[o].rule, at: span)
      let type = program.outputs[o].type
      return (type, Typed(op: .output(o), type: type, span: span))
    }
    if case .enumeration(let i)? = expected?.unwrapped,
      let c = program.enums[i].cases.firstIndex(of: n)
    {
      return constant(.enumCase(c), .enumeration(i), span)
    }
    let owners = program.enums.indices.filter { program.enums[$0].cases.contains(n) }
    if owners.count == 1, let i = owners.first, let c = program.enums[i].cases.firstIndex(of: n) {
      return constant(.enumCase(c), .enumeration(i), span)
    }
    if owners.count > 1 {
      error(RuleMessage.ambiguousCase(n, enums: owners.map { program.enums[$0].name }, at: span))
      return failed(span)
    }
    if functions[n] != nil || Builtins.table[n] != nil {
      error(RuleMessage.functionWithoutCall(n, at: span))
      return failed(span)
    }
    var candidates = scopes.flatMap(\.keys) + Array(factIndex.keys) + Array(paramIndex.keys)
    candidates += Array(ruleIndex.keys) + Array(outputIndex.keys)
    candidates += program.enums.flatMap(\.cases)
    error(RuleMessage.unknownName(n, at: span, suggestion: Suggest.closest(to: n, in: candidates)))
    return failed(span)
  }

  func dependOn(_ r: Int, at span: SourceSpan) {
    guard let current = currentRule else {
      if !functionStack.isEmpty {
        error(RuleMessage.ruleInFunction(program.rules[r].name, at: span))
      }
      return
    }
    ruleDependencies[current, default: []].append((r, span))
  }

  private func conditional(
    _ c: Expr, _ a: Expr, _ b: Expr, span: SourceSpan, expected: RuleType?
  ) -> Checked {
    let (tc, nc) = check(c, expected: .bool)
    expectBool(tc, at: c.span)
    let (ta, na) = checkNarrowed(a, paths: paths(in: c, when: true), expected: expected)
    let (tb, nb) = checkNarrowed(b, paths: paths(in: c, when: false), expected: expected ?? ta)
    guard let t = ta.join(tb) else {
      error(RuleMessage.branchMismatch(ta, tb, at: b.span, names: program.types))
      return failed(span)
    }
    return (t, Typed(op: .conditional(nc, na, nb), type: t, span: span))
  }

  private func member(_ base: Expr, _ field: String, span: SourceSpan) -> Checked {
    if case .name(let n) = base.kind, let i = enumIndex[n] {
      guard let c = program.enums[i].cases.firstIndex(of: field) else {
        error(RuleMessage.unknownCase(field, enumName: n, at: span, cases: program.enums[i].cases))
        return failed(span)
      }
      return constant(.enumCase(c), .enumeration(i), span)
    }
    let (tb, nb) = check(base, expected: nil)
    if tb == .error { return failed(span) }
    guard case .record(let r) = tb.unwrapped else {
      error(RuleMessage.memberOfNonRecord(field, type: tb, at: span, names: program.types))
      return failed(span)
    }
    guard let k = program.records[r].fields.firstIndex(where: { $0.name == field }) else {
      error(
        RuleMessage.unknownField(
          field, record: program.records[r].name, at: span,
          suggestion: Suggest.closest(to: field, in: program.records[r].fields.map(\.name))))
      return failed(span)
    }
    let ft = program.records[r].fields[k].type
    let type = tb.isOptional ? ft.optional : ft
    return (type, Typed(op: .field(nb, k), type: type, span: span))
  }

  private func list(_ items: [Expr], span: SourceSpan, expected: RuleType?) -> Checked {
    var elementType: RuleType?
    if case .list(let t)? = expected?.unwrapped { elementType = t }
    var nodes: [Typed] = []
    for item in items {
      let (t, n) = check(item, expected: elementType)
      nodes.append(n)
      if let et = elementType {
        guard let j = t.join(et) else {
          error(RuleMessage.listMismatch(et, t, at: item.span, names: program.types))
          continue
        }
        elementType = j
      } else {
        elementType = t
      }
    }
    guard let et = elementType else {
      error(RuleMessage.emptyListNeedsType(at: span))
      return failed(span)
    }
    return (.list(et), Typed(op: .list(nodes), type: .list(et), span: span))
  }

  private func record(
    _ name: String, _ fields: [(name: String, span: SourceSpan, value: Expr)], span: SourceSpan
  ) -> Checked {
    guard let r = recordIndex[name] else {
      error(
        RuleMessage.unknownType(
          name, at: span, suggestion: Suggest.closest(to: name, in: Array(recordIndex.keys))))
      return failed(span)
    }
    let info = program.records[r]
    var nodes: [Typed?] = Array(repeating: nil, count: info.fields.count)
    for f in fields {
      guard let k = info.fields.firstIndex(where: { $0.name == f.name }) else {
        error(
          RuleMessage.unknownField(
            f.name, record: name, at: f.span,
            suggestion: Suggest.closest(to: f.name, in: info.fields.map(\.name))))
        continue
      }
      let (t, n) = check(f.value, expected: info.fields[k].type)
      if !t.fits(info.fields[k].type) {
        error(
          RuleMessage.typeMismatch(
            expected: info.fields[k].type, found: t, at: f.value.span, names: program.types))
      }
      nodes[k] = n
    }
    for (k, f) in info.fields.enumerated() where nodes[k] == nil && !f.type.isOptional {
      error(RuleMessage.missingField(f.name, record: name, at: span))
    }
    return (.record(r), Typed(op: .record(r, nodes), type: .record(r), span: span))
  }
}
