import CivilCalendar
import Diagnostics

/// Lowers the typed program to the general machine's closures over boxed values.
///
/// The checker only checks and builds the typed program; this is the one place the general
/// machine's closures are made, each from an operation, its operands' types and its span (the
/// span a runtime fault names). Unknowns carry their fact sets, faults win over unknowns, and
/// `and`, `or`, `not`, `if` and the aggregates follow Kleene logic.
final class GeneralCompiler {
  let program: Program
  /// Each user function's body, lowered once and shared by its call sites.
  private var bodies: [Int: Eval] = [:]

  init(program: Program) {
    self.program = program
  }

  /// Fills every rule's and output's closures from the typed program.
  static func lower(_ program: inout Program) {
    let c = GeneralCompiler(program: program)
    for (i, r) in program.typed.rules.enumerated() {
      var rule = program.rules[i]
      rule.bindings = r.bindings.map {
        CompiledBinding(name: $0.name, slot: $0.slot, type: $0.type, eval: c.eval($0.value))
      }
      rule.condition = r.condition.map(c.eval)
      rule.conjuncts = r.conjuncts.map { ($0.text, c.eval($0.condition)) }
      for o in r.outputs {
        program.outputs[o.index].value = c.eval(o.value)
        program.outputs[o.index].otherwise = o.otherwise.map(c.eval)
      }
      rule.reminders = r.reminders.map { rem in
        CompiledReminder(
          start: c.eval(rem.start), end: c.eval(rem.end),
          notify: rem.notify.map { (c.eval($0.offset), $0.before, $0.fromEnd) },
          message: rem.message.map(c.piece))
      }
      rule.reasons = r.reasons.map { reason in
        (reason.condition.map(c.eval), reason.message.map(c.piece))
      }
      program.rules[i] = rule
    }
  }

  private func piece(_ piece: TypedProgram.Reminder.Piece) -> CompiledReminder.Piece {
    switch piece {
    case .literal(let t): .literal(t)
    case .value(let v): .value(eval(v), v.type)
    }
  }

  /// The value of an expression that reads no facts (a parameter row, a test's given value).
  ///
  /// Nearly every row is a literal, or a list or record of them: those are read off the typed
  /// program, since a machine made for each row (its plan of every rule checked so far
  /// included) cost about an eighth of loading `Rules/`.
  static func constant(_ e: Typed, in program: Program) -> Value {
    if let v = literal(e) { return v }
    return GeneralCompiler(program: program).eval(e)(
      Machine(program: program, calendar: WeekendCalendar()))
  }

  /// What the general machine computes for a literal, a negated number, or a list or record
  /// of them; nil for anything else (and for a negation that overflows, a fault it locates).
  private static func literal(_ e: Typed) -> Value? {
    switch e.op {
    case .constant(let v): return v
    case .negate(let a) where e.type != .duration:
      switch literal(a) {
      case .int(let v)?: return v == Int.min ? nil : .int(-v)
      case .decimal(let v)?: return v == Int.min ? nil : .decimal(-v)
      default: return nil
      }
    case .list(let items):
      var out: [Value] = []
      for item in items {
        guard let v = literal(item), v.isDecided else { return nil }
        out.append(v)
      }
      return .list(out)
    case .record(_, let fields):
      var out: [Value] = []
      for field in fields {
        guard let field else {
          out.append(.none)
          continue
        }
        guard let v = literal(field) else { return nil }
        out.append(v)
      }
      return .record(out)
    default: return nil
    }
  }

  func eval(_ e: Typed) -> Eval {
    let span = e.span
    switch e.op {
    case .constant(let v): return { _ in v }
    case .today: return { m in .date(m.today) }
    case .fact(let f):
      return { m in
        if m.tracing { m.usedFacts.append(f) }
        return m.facts[f]
      }
    case .param(let p):
      return { m in
        if m.tracing { m.usedParams.append(p) }
        return m.params[p]
      }
    case .local(let slot): return { m in m.locals[slot] }
    case .rule(let r):
      return { m in
        m.run(rule: r)
        return m.ruleValues[r]
      }
    case .output(let o):
      let r = program.outputs[o].rule
      return { m in
        m.run(rule: r)
        return m.outputs[o]
      }
    case .not(let a):
      let x = eval(a)
      return { m in
        switch x(m) {
        case .bool(let b): return .bool(!b)
        case let other: return other
        }
      }
    case .negate(let a): return negate(eval(a), e.type, span: span)
    case .and(let a, let b): return logical(true, eval(a), eval(b))
    case .or(let a, let b): return logical(false, eval(a), eval(b))
    case .coalesce(let a, let b):
      let (x, y) = (eval(a), eval(b))
      return { m in
        let v = x(m)
        if case .none = v { return y(m) }
        return v
      }
    case .binary(let op, let a, let b): return binary(op, a, b, span: span)
    case .conditional(let c, let a, let b): return conditional(eval(c), eval(a), eval(b))
    case .builtin(let f, let args): return builtin(f, args, e.type, span: span)
    case .call(let id, let args): return call(id, args.map(eval))
    case .field(let base, let k):
      let b = eval(base)
      return { m in
        switch b(m) {
        case .record(let values): return values[k]
        case let other: return other
        }
      }
    case .list(let items): return list(items.map(eval))
    case .record(_, let fields):
      let parts = fields.map { $0.map(eval) }
      return { m in .record(parts.map { $0?(m) ?? .none }) }
    case .aggregate(let kind, let slot, let source, let filter, let body):
      var type = RuleType.error
      if let body {
        type = body.type
      } else if case .list(let t) = source.type {
        type = t
      }
      return Aggregates.compile(
        kind, list: eval(source), slot: slot, filter: filter.map(eval), body: body.map(eval),
        type: type, span: span)
    case .iterate(let slot, let first, let next, let until, let limit):
      return iterate(slot, eval(first), eval(next), eval(until), limit: limit, span: span)
    case .narrowed(let copies, let body):
      let taken = copies.map { ($0.slot, eval($0.value)) }
      let b = eval(body)
      return { m in
        for (slot, value) in taken { m.locals[slot] = value(m) }
        return b(m)
      }
    case .invalid: return { _ in .none }
    }
  }

  private func negate(_ x: @escaping Eval, _ type: RuleType, span: SourceSpan) -> Eval {
    if type == .duration {
      return { m in
        switch x(m) {
        case .duration(let mo, let d): return .duration(months: -mo, days: -d)
        case let other: return other
        }
      }
    }
    return { m in
      switch x(m) {
      case .int(let v):
        let (r, o) = (0).subtractingReportingOverflow(v)
        return o ? m.fault(RuleMessage.overflow, at: span) : .int(r)
      case .decimal(let v):
        let (r, o) = (0).subtractingReportingOverflow(v)
        return o ? m.fault(RuleMessage.overflow, at: span) : .decimal(r)
      case let other: return other
      }
    }
  }

  /// Kleene logic: a deciding side wins over unknown on the other.
  private func logical(_ isAnd: Bool, _ ea: @escaping Eval, _ eb: @escaping Eval) -> Eval {
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
  }

  /// An `if` whose condition is unknown is known when both branches agree.
  private func conditional(_ ec: @escaping Eval, _ ea: @escaping Eval, _ eb: @escaping Eval)
    -> Eval
  {
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
  }

  private func list(_ items: [Eval]) -> Eval {
    { m in
      var out: [Value] = []
      out.reserveCapacity(items.count)
      for e in items {
        let v = e(m)
        switch v {
        case .unknown, .fault: return v
        default: out.append(v)
        }
      }
      return .list(out)
    }
  }

  private func iterate(
    _ slot: Int, _ ef: @escaping Eval, _ en: @escaping Eval, _ eu: @escaping Eval, limit: Int,
    span: SourceSpan
  ) -> Eval {
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
        if count > limit { return m.fault(RuleMessage.iterationLimit(limit), at: span) }
        v = en(m)
      }
    }
  }

  // MARK: Operators

  private func binary(_ op: String, _ a: Typed, _ b: Typed, span: SourceSpan) -> Eval {
    let (ta, tb, ea, eb) = (a.type, b.type, eval(a), eval(b))
    switch op {
    case "in":
      return GeneralCompiler.strict2(ea, eb, span: span) { x, y in
        guard case .list(let items) = y else { return .bool(false) }
        return .bool(items.contains { $0.same(as: x) })
      }
    case "==", "!=":
      let negate = op == "!="
      return GeneralCompiler.strict2(ea, eb, span: span) { x, y in
        .bool(x.same(as: y) != negate)
      }
    case "<", "<=", ">", ">=": return ordering(op, ta, tb, ea, eb, span: span)
    default:
      guard let (_, f) = Operators.arithmetic(op, ta, tb) else { return { _ in .none } }
      if let fast = GeneralCompiler.integerFastPath(op, ta, tb, ea, eb, span: span) {
        return fast
      }
      return GeneralCompiler.strict2(ea, eb, span: span, f)
    }
  }

  private func ordering(
    _ op: String, _ ta: RuleType, _ tb: RuleType, _ ea: @escaping Eval, _ eb: @escaping Eval,
    span: SourceSpan
  ) -> Eval {
    guard let order = Operators.ordering(ta, tb) else { return { _ in .none } }
    let test: @Sendable (Int) -> Bool =
      switch op {
      case "<": { $0 < 0 }
      case "<=": { $0 <= 0 }
      case ">": { $0 > 0 }
      default: { $0 >= 0 }
      }
    let slow: Operators.Binary = { x, y in .bool(test(order(x, y))) }
    guard (ta == .int || ta == .money || ta == .date) && tb == ta else {
      return GeneralCompiler.strict2(ea, eb, span: span, slow)
    }
    // Whole numbers and dates compare without the generic path.
    let compare: @Sendable (Int, Int) -> Bool =
      switch op {
      case "<": { $0 < $1 }
      case "<=": { $0 <= $1 }
      case ">": { $0 > $1 }
      default: { $0 >= $1 }
      }
    return { m in
      let x = ea(m)
      let y = eb(m)
      switch (x, y) {
      case (.int(let a), .int(let b)), (.date(let a), .date(let b)): return .bool(compare(a, b))
      default: return GeneralCompiler.propagate(x, y) ?? slow(x, y)
      }
    }
  }

  /// Applies `f` to two decided operands; unknowns unite, faults win.
  static func strict2(
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

  /// Whole-number `+ - *` on two ints (or money) without the generic path; overflow is a
  /// fault located at the operator.
  static func integerFastPath(
    _ op: String, _ ta: RuleType, _ tb: RuleType, _ ea: @escaping Eval, _ eb: @escaping Eval,
    span: SourceSpan
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

  // MARK: Calls

  private func builtin(_ f: String, _ args: [Typed], _ result: RuleType, span: SourceSpan)
    -> Eval
  {
    if f == "year", args.count == 1, case .today = args[0].op {
      return { m in .int(m.todayYear) }
    }
    guard let b = Builtins.table[f], args.count == b.arity else { return { _ in .none } }
    let impl = b.general(b.operands(args.map(\.type), result), result)
    let evals = args.map(eval)
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
      return GeneralCompiler.strict2(evals[0], evals[1], span: span, g)
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

  /// A user function's call: its arguments bound to its parameter slots, its body run.
  ///
  /// Functions are pure and facts, parameters and today are fixed during one evaluation, so a
  /// call with the same arguments as the function's previous call reuses its result.
  private func call(_ id: Int, _ argEvals: [Eval]) -> Eval {
    guard id < program.typed.functions.count, let f = program.typed.functions[id] else {
      return { _ in .none }
    }
    let body: Eval
    if let lowered = bodies[id] {
      body = lowered
    } else {
      body = eval(f.body)
      bodies[id] = body
    }
    let slots = f.parameters.map(\.slot)
    let r = f.resultSlot
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
}
