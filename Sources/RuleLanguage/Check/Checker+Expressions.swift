import CivilCalendar
import Diagnostics

extension Checker {
  /// Checks `e` and compiles it; `expected` resolves enum cases and `none` by context.
  func check(_ e: Expr, expected: RuleType?, quiet: Bool = false) -> (RuleType, Eval) {
    let mark = diagnostics.count
    let result = checkExpr(e, expected: expected)
    if quiet { diagnostics.removeSubrange(mark...) }
    return result
  }

  private func checkExpr(_ e: Expr, expected: RuleType?) -> (RuleType, Eval) {
    let span = e.span
    if !narrowed.isEmpty, let key = pathKey(e), let local = narrowed[key] {
      let slot = local.slot
      return (local.type, { m in m.locals[slot] })
    }
    switch e.kind {
    case .invalid: return (.error, { _ in .none })
    case .integer(let n): return (.int, { _ in .int(n) })
    case .decimal(let n): return (.decimal, { _ in .decimal(n) })
    case .money(let n): return (.money, { _ in .int(n) })
    case .text(let s): return (.text, { _ in .text(s) })
    case .date(let d):
      let n = d.dayNumber
      return (.date, { _ in .date(n) })
    case .boolean(let b): return (.bool, { _ in .bool(b) })
    case .none: return (.none, { _ in .none })
    case .today:
      readsToday = true
      return (.date, { m in .date(m.today) })
    case .duration(let n, let unit):
      switch unit {
      case .days: return (.duration, { _ in .duration(months: 0, days: n) })
      case .months: return (.duration, { _ in .duration(months: n, days: 0) })
      case .years:
        let (months, o) = n.multipliedReportingOverflow(by: 12)
        if o { error(RuleMessage.badNumber(String(n), at: span)) }
        return (.duration, { _ in .duration(months: months, days: 0) })
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

  private func name(_ n: String, span: SourceSpan, expected: RuleType?) -> (RuleType, Eval) {
    for scope in scopes.reversed() {
      if let l = scope[n] {
        let slot = l.slot
        return (l.type, { m in m.locals[slot] })
      }
    }
    if let f = factIndex[n] {
      return (
        program.facts[f].type,
        { m in
          if m.tracing { m.usedFacts.append(f) }
          return m.facts[f]
        }
      )
    }
    if let p = paramIndex[n] {
      return (
        program.params[p].type,
        { m in
          if m.tracing { m.usedParams.append(p) }
          return m.params[p]
        }
      )
    }
    if let r = ruleIndex[n] {
      dependOn(r, at: span)
      return (
        .bool,
        { m in
          m.run(rule: r)
          return m.ruleValues[r]
        }
      )
    }
    if let o = outputIndex[n] {
      let r = program.outputs[o].rule
      dependOn(r, at: span)
      return (
        program.outputs[o].type,
        { m in
          m.run(rule: r)
          return m.outputs[o]
        }
      )
    }
    if case .enumeration(let i)? = expected?.unwrapped,
      let c = program.enums[i].cases.firstIndex(of: n)
    {
      return (.enumeration(i), { _ in .enumCase(c) })
    }
    let owners = program.enums.indices.filter { program.enums[$0].cases.contains(n) }
    if owners.count == 1, let i = owners.first, let c = program.enums[i].cases.firstIndex(of: n) {
      return (.enumeration(i), { _ in .enumCase(c) })
    }
    if owners.count > 1 {
      error(RuleMessage.ambiguousCase(n, enums: owners.map { program.enums[$0].name }, at: span))
      return (.error, { _ in .none })
    }
    if functions[n] != nil || Builtins.table[n] != nil {
      error(RuleMessage.functionWithoutCall(n, at: span))
      return (.error, { _ in .none })
    }
    var candidates = scopes.flatMap(\.keys) + Array(factIndex.keys) + Array(paramIndex.keys)
    candidates += Array(ruleIndex.keys) + Array(outputIndex.keys)
    candidates += program.enums.flatMap(\.cases)
    error(RuleMessage.unknownName(n, at: span, suggestion: Suggest.closest(to: n, in: candidates)))
    return (.error, { _ in .none })
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
  ) -> (RuleType, Eval) {
    let (tc, ec) = check(c, expected: .bool)
    expectBool(tc, at: c.span)
    let (ta, ea) = checkNarrowed(a, paths: paths(in: c, when: true), expected: expected)
    let (tb, eb) = checkNarrowed(b, paths: paths(in: c, when: false), expected: expected ?? ta)
    guard let t = ta.join(tb) else {
      error(RuleMessage.branchMismatch(ta, tb, at: b.span, names: program.types))
      return (.error, { _ in .none })
    }
    return (
      t,
      { m in
        switch ec(m) {
        case .bool(true): return ea(m)
        case .bool(false): return eb(m)
        case .unknown(let s):
          let x = ea(m)
          let y = eb(m)
          if x.isDecided, y.isDecided, x.same(as: y) { return x }
          var set = s
          if case .unknown(let u) = x { set = set.union(u) }
          if case .unknown(let u) = y { set = set.union(u) }
          return .unknown(set)
        case let other: return other
        }
      }
    )
  }

  private func member(_ base: Expr, _ field: String, span: SourceSpan) -> (RuleType, Eval) {
    if case .name(let n) = base.kind, let i = enumIndex[n] {
      guard let c = program.enums[i].cases.firstIndex(of: field) else {
        error(RuleMessage.unknownCase(field, enumName: n, at: span, cases: program.enums[i].cases))
        return (.error, { _ in .none })
      }
      return (.enumeration(i), { _ in .enumCase(c) })
    }
    let (tb, eb) = check(base, expected: nil)
    if tb == .error { return (.error, { _ in .none }) }
    guard case .record(let r) = tb.unwrapped else {
      error(RuleMessage.memberOfNonRecord(field, type: tb, at: span, names: program.types))
      return (.error, { _ in .none })
    }
    guard let k = program.records[r].fields.firstIndex(where: { $0.name == field }) else {
      error(
        RuleMessage.unknownField(
          field, record: program.records[r].name, at: span,
          suggestion: Suggest.closest(to: field, in: program.records[r].fields.map(\.name))))
      return (.error, { _ in .none })
    }
    let ft = program.records[r].fields[k].type
    return (
      tb.isOptional ? ft.optional : ft,
      { m in
        switch eb(m) {
        case .record(let values): return values[k]
        case let other: return other
        }
      }
    )
  }

  private func list(_ items: [Expr], span: SourceSpan, expected: RuleType?) -> (RuleType, Eval) {
    var elementType: RuleType?
    if case .list(let t)? = expected?.unwrapped { elementType = t }
    var evals: [Eval] = []
    for item in items {
      let (t, e) = check(item, expected: elementType)
      evals.append(e)
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
      return (.error, { _ in .none })
    }
    let itemEvals = evals
    return (
      .list(et),
      { m in
        var out: [Value] = []
        out.reserveCapacity(itemEvals.count)
        for e in itemEvals {
          let v = e(m)
          switch v {
          case .unknown, .fault: return v
          default: out.append(v)
          }
        }
        return .list(out)
      }
    )
  }

  private func record(
    _ name: String, _ fields: [(name: String, span: SourceSpan, value: Expr)], span: SourceSpan
  ) -> (RuleType, Eval) {
    guard let r = recordIndex[name] else {
      error(
        RuleMessage.unknownType(
          name, at: span, suggestion: Suggest.closest(to: name, in: Array(recordIndex.keys))))
      return (.error, { _ in .none })
    }
    let info = program.records[r]
    var evals: [Eval?] = Array(repeating: nil, count: info.fields.count)
    for f in fields {
      guard let k = info.fields.firstIndex(where: { $0.name == f.name }) else {
        error(
          RuleMessage.unknownField(
            f.name, record: name, at: f.span,
            suggestion: Suggest.closest(to: f.name, in: info.fields.map(\.name))))
        continue
      }
      let (t, e) = check(f.value, expected: info.fields[k].type)
      if !t.fits(info.fields[k].type) {
        error(
          RuleMessage.typeMismatch(
            expected: info.fields[k].type, found: t, at: f.value.span, names: program.types))
      }
      evals[k] = e
    }
    for (k, f) in info.fields.enumerated() where evals[k] == nil && !f.type.isOptional {
      error(RuleMessage.missingField(f.name, record: name, at: span))
    }
    let parts = evals
    return (.record(r), { m in .record(parts.map { $0?(m) ?? .none }) })
  }
}
