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
    let types = checked.map(\.0)
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
    let node = Typed(op: .builtin(f, checked.map(\.node)), type: result, span: span)
    if f == "year", args.count == 1, case .today = args[0].kind {
      return (.int, { m in .int(m.todayYear) }, node)
    }
    let impl = b.general(b.operands(types, result), result)
    return (result, builtinEval(impl, checked.map(\.eval), span: span), node)
  }

  private func builtinEval(_ impl: Builtin.Impl, _ evals: [Eval], span: SourceSpan) -> Eval {
    switch impl {
    case .one(let g):
      let a = evals[0]
      return { m in
        let x = a(m)
        guard x.isDecided else { return x }
        let r = g(x)
        if case .fault(let code) = r { return m.fault(Operators.faultMessage(code), at: span) }
        return r
      }
    case .calendar(let g):
      let a = evals[0]
      return { m in
        let x = a(m)
        guard x.isDecided else { return x }
        let r = g(m.calendar, x)
        if case .fault(let code) = r { return m.fault(Operators.faultMessage(code), at: span) }
        return r
      }
    case .two(let g):
      return strict2(evals[0], evals[1], span: span, g)
    case .three(let g):
      let (a, b, c) = (evals[0], evals[1], evals[2])
      return { m in
        let x = a(m)
        let y = b(m)
        let z = c(m)
        var set: FactSet?
        for v in [x, y, z] {
          switch v {
          case .fault: return v
          case .unknown(let s): set = (set ?? .empty).union(s)
          default: break
          }
        }
        if let set { return .unknown(set) }
        let r = g(x, y, z)
        if case .fault(let code) = r { return m.fault(Operators.faultMessage(code), at: span) }
        return r
      }
    }
  }

  private func callFunction(_ f: FunctionInfo, _ args: [Expr], span: SourceSpan) -> Checked {
    if f.checking {
      error(RuleMessage.recursiveFunction(f.decl.name.text, at: span))
      return failed(span)
    }
    if f.body == nil { checkFunction(f.decl.name.text) }
    guard args.count == f.parameters.count else {
      for a in args { _ = check(a, expected: nil) }
      error(
        RuleMessage.wrongArity(
          f.decl.name.text, expected: f.parameters.count, found: args.count, at: span,
          signature: nil))
      return failed(span)
    }
    var evals: [Eval] = []
    var nodes: [Typed] = []
    for (a, p) in zip(args, f.parameters) {
      let (t, e, n) = check(a, expected: p.type)
      nodes.append(n)
      if !t.fits(p.type) {
        error(
          RuleMessage.typeMismatch(expected: p.type, found: t, at: a.span, names: program.types))
      }
      evals.append(e)
    }
    let node = Typed(op: .call(f.id, nodes), type: f.result, span: span)
    return (f.result, Checker.memoized(f, evals), node)
  }

  private static func memoized(_ f: FunctionInfo, _ evals: [Eval]) -> Eval {
    let slots = f.parameters.map(\.slot)
    let body: Eval = f.body ?? { _ in .none }
    let argEvals = evals
    // Functions are pure and facts, parameters and today are fixed during one evaluation, so a
    // call with the same arguments as the function's previous call reuses its result.
    let (id, r) = (f.id, f.resultSlot)
    switch (argEvals.count, slots.count) {
    case (0, 0):
      return { m in
        if m.memo[id] == m.epoch { return m.locals[r] }
        let v = body(m)
        m.locals[r] = v
        m.memo[id] = m.epoch
        return v
      }
    case (1, 1):
      let (e, s) = (argEvals[0], slots[0])
      return { m in
        let a = e(m)
        if m.memo[id] == m.epoch, m.locals[s].same(as: a) { return m.locals[r] }
        m.locals[s] = a
        m.memo[id] = 0
        let v = body(m)
        m.locals[r] = v
        m.memo[id] = m.epoch
        return v
      }
    case (2, 2):
      let (e0, e1, s0, s1) = (argEvals[0], argEvals[1], slots[0], slots[1])
      return { m in
        // Evaluate every argument before binding any, so nested calls do not clobber slots.
        let v0 = e0(m)
        let v1 = e1(m)
        if m.memo[id] == m.epoch, m.locals[s0].same(as: v0), m.locals[s1].same(as: v1) {
          return m.locals[r]
        }
        m.locals[s0] = v0
        m.locals[s1] = v1
        m.memo[id] = 0
        let v = body(m)
        m.locals[r] = v
        m.memo[id] = m.epoch
        return v
      }
    case (3, 3):
      let (e0, e1, e2, s0, s1, s2) = (
        argEvals[0], argEvals[1], argEvals[2], slots[0], slots[1], slots[2]
      )
      return { m in
        let v0 = e0(m)
        let v1 = e1(m)
        let v2 = e2(m)
        if m.memo[id] == m.epoch, m.locals[s0].same(as: v0), m.locals[s1].same(as: v1),
          m.locals[s2].same(as: v2)
        {
          return m.locals[r]
        }
        m.locals[s0] = v0
        m.locals[s1] = v1
        m.locals[s2] = v2
        m.memo[id] = 0
        let v = body(m)
        m.locals[r] = v
        m.memo[id] = m.epoch
        return v
      }
    default: break
    }
    return { m in
      // Evaluate every argument before binding any, so nested calls do not clobber slots.
      var values: [Value] = []
      values.reserveCapacity(argEvals.count)
      for e in argEvals { values.append(e(m)) }
      for (s, v) in zip(slots, values) { m.locals[s] = v }
      return body(m)
    }
  }

  func aggregate(
    _ kind: String, binder: String, source: Expr, filter: Expr?, body: Expr?, span: SourceSpan
  ) -> Checked {
    let (ts, es, ns) = check(source, expected: nil)
    var element = RuleType.error
    if case .list(let t) = ts {
      element = t
    } else if ts != .error {
      error(RuleMessage.aggregateOverNonList(kind, ts, at: source.span, names: program.types))
    }
    let slot = newSlot()
    scopes.append([binder: Local(slot: slot, type: element)])
    defer { scopes.removeLast() }
    var ef: Eval?
    var nf: Typed?
    if let filter {
      let (t, e, n) = check(filter, expected: .bool)
      expectBool(t, at: filter.span)
      (ef, nf) = (e, n)
    }
    var eb: Eval?
    var nb: Typed?
    var tb = element
    if let body {
      (tb, eb, nb) = check(body, expected: nil)
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
      Aggregates.compile(kind, list: es, slot: slot, filter: ef, body: eb, type: tb, span: span),
      Typed(
        op: .aggregate(kind, slot: slot, source: ns, filter: nf, body: nb), type: resultType,
        span: span)
    )
  }

  func iterate(
    _ binder: String, first: Expr, next: Expr, until: Expr, limit: Int?, span: SourceSpan
  ) -> Checked {
    let (tf, ef, nf) = check(first, expected: nil)
    if tf.isOptional {
      error(RuleMessage.optionalOperand("iterate", tf, at: first.span, names: program.types))
    }
    let slot = newSlot()
    scopes.append([binder: Local(slot: slot, type: tf)])
    defer { scopes.removeLast() }
    let (tn, en, nn) = check(next, expected: tf)
    if !tn.fits(tf) {
      error(RuleMessage.typeMismatch(expected: tf, found: tn, at: next.span, names: program.types))
    }
    let (tu, eu, nu) = check(until, expected: .bool)
    expectBool(tu, at: until.span)
    let steps = limit ?? 1000
    return (
      tf,
      { m in
        var v = ef(m)
        var count = 0
        while true {
          guard v.isDecided else { return v }
          m.locals[slot] = v
          switch eu(m) {
          case .bool(true): return v
          case .bool(false): break
          case let other: return other
          }
          count += 1
          if count > steps { return m.fault(RuleMessage.iterationLimit(steps), at: span) }
          v = en(m)
        }
      },
      Typed(
        op: .iterate(slot: slot, first: nf, next: nn, until: nu, limit: steps), type: tf, span: span
      )
    )
  }
}
