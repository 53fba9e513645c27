import CivilCalendar

/// A fast-lane expression with its static type (as the general checker would type it).
///
/// Closures travel inside structs: put directly in an array, a dictionary or an optional,
/// a closure is re-abstracted and every call goes through an extra thunk.
struct FastTyped {
  var type: RuleType
  var eval: FastEval
  /// The value of a literal, so operators can skip a call for it.
  var constant: Int?
  /// The fact a plain fact read reads.
  var fact: Int?
  /// The slot a plain read of a computed local reads.
  var slot: Int?
}

/// A name in scope: a binding (computed lazily), a function parameter or a binder.
struct FastLocal {
  var slot: Int
  var type: RuleType
  /// Whether its value depends only on the day and parameters (not on the citizen).
  var invariant = false
  var lazy: FastTyped?
}

struct FastStep {
  var run: @Sendable (FastMachine) -> Void
}

struct FastOutput {
  var slot: Int
  var value: FastEval
  var hasOtherwise = false
  var otherwise: FastEval = { _ in 0 }
}

struct FastFunction {
  var body: FastEval
  var result: Int
  var parameters: [Int]
  var id: Int
  /// Whether the body reads facts (if not, a call with day-invariant arguments is invariant).
  var readsFacts: Bool
}

/// Compiles an already checked book a second time, into typed closures over unboxed slots.
///
/// Runs after `Checker` accepted the book, reusing its name tables, so it only has to type
/// and never to report. Whatever it does not handle throws `FastUnsupported`, and the book
/// then evaluates on the general machine alone.
final class FastCompiler {
  let checker: Checker
  var program = FastProgram()
  var scopes: [[String: FastLocal]] = []
  var functions: [String: FastFunction] = [:]
  var compiling: Set<String> = []
  /// The facts any compiled expression reads.
  var readFacts: Set<Int> = []
  /// Whether each user function's body reads facts, once worked out.
  var factReaders: [String: Bool] = [:]

  init(checker: Checker) {
    self.checker = checker
  }

  var types: TypeNames { checker.program.types }

  func newSlot() -> Int {
    program.slotCount += 1
    return program.slotCount - 1
  }

  func intern(_ s: String) -> Int {
    if let id = program.texts[s] { return id }
    program.texts[s] = program.texts.count
    return program.texts.count - 1
  }

  /// The book's fast lane, or nil when it decides no rule; and, when some rules stay on the
  /// general machine, which ones and where the compiler gave up on each.
  static func compile(_ decls: [Declaration], checker: Checker) -> (FastProgram?, String?) {
    let c = FastCompiler(checker: checker)
    do {
      let general = try c.compileAll(decls)
      guard !general.isEmpty else { return (c.program, nil) }
      let note = general.joined(separator: "; ")
      guard c.program.generalRules.count < c.program.ruleCount else {
        return (nil, "not compiled: no rule (\(note))")
      }
      return (c.program, "compiled; general machine for \(note)")
    } catch let e as FastUnsupported {
      return (nil, "not compiled: \(e.site)")
    } catch {
      return (nil, "not compiled: \(error)")
    }
  }

  /// Compiles every rule it can; a rule it cannot (or one writing an output the lane cannot
  /// hold) stays on the general machine, which then runs it for every citizen the lane
  /// decides, so one rare construct costs that rule its speed and not the whole book.
  ///
  /// - Returns: the rules left to the general machine, each with where the compiler stopped.
  private func compileAll(_ decls: [Declaration]) throws -> [String] {
    let general = checker.program
    program.outputTypes = general.outputs.map(\.type)
    program.factTypes = general.facts.map(\.type)
    program.records = general.records.map { $0.fields.map(\.type) }
    program.params = general.params
    program.functionCount = general.functionCount
    for p in general.params {
      for row in p.rows { internTexts(row.value) }
    }
    var rules: [FastStep?] = Array(repeating: nil, count: general.rules.count)
    var why: [Int: String] = [:]
    program.ruleCount = general.rules.count
    for case .rule(let r) in decls {
      guard let i = checker.ruleIndex[r.name.text] else { throw FastUnsupported() }
      if let o = general.rules[i].outputs.first(where: {
        !FastCompiler.writable(program.outputTypes[$0])
      }) {
        let t = general.types.describe(program.outputTypes[o])
        why[i] = "'\(r.name.text)' (output '\(general.outputs[o].name)' of type \(t))"
        continue
      }
      do {
        rules[i] = try rule(r, index: i)
      } catch let e as FastUnsupported {
        why[i] = "'\(r.name.text)' (\(e.site))"
      }
    }
    // An output with two writers would be half decided when the lane gives up on one rule
    // of a citizen (its outputs then come from the general machine): both stay there.
    var writers: [Int: Int] = [:]
    for rule in general.rules { for o in rule.outputs { writers[o, default: 0] += 1 } }
    for (i, rule) in general.rules.enumerated() where why[i] == nil {
      if let o = rule.outputs.first(where: { writers[$0, default: 0] > 1 }) {
        why[i] = "'\(rule.name)' (output '\(general.outputs[o].name)' has two rules)"
      }
    }
    var generalOutputs = Set(why.keys.flatMap { general.rules[$0].outputs })
    var changed = true
    while changed {
      changed = false
      for i in rules.indices where why[i] == nil {
        let shared = general.rules[i].outputs.filter(generalOutputs.contains)
        guard let o = shared.first else { continue }
        why[i] = "'\(general.rules[i].name)' (shares output '\(general.outputs[o].name)')"
        generalOutputs.formUnion(general.rules[i].outputs)
        changed = true
      }
    }
    program.generalRules = why.keys.sorted()
    program.generalOutputs = generalOutputs.sorted()
    program.textOutputs = program.outputTypes.indices.filter {
      program.outputTypes[$0].unwrapped == .text && !generalOutputs.contains($0)
    }
    program.outputRule = Array(repeating: 0, count: general.outputs.count)
    for (i, rule) in general.rules.enumerated() {
      for o in rule.outputs { program.outputRule[o] = i }
    }
    // A rule the lane does not decide for a citizen (an unknown fact it reads, a fault) goes
    // to the general machine alone; the next rules go on in the lane, since no compiled rule
    // reads another.
    var all: @Sendable (FastMachine) -> Void = { _ in }
    for (i, r) in rules.enumerated().reversed() where why[i] == nil {
      guard let r else { throw FastUnsupported() }
      let (next, step) = (all, r.run)
      all = { m in
        step(m)
        if m.failed { m.giveUp(rule: i) }
        next(m)
      }
    }
    program.run = all
    program.readFacts = readFacts.sorted()
    return program.generalRules.compactMap { why[$0] }
  }

  private func internTexts(_ v: Value) {
    switch v {
    case .text(let s): _ = intern(s)
    case .list(let items), .record(let items): for i in items { internTexts(i) }
    default: break
    }
  }

  /// Output types the machine turns back into values.
  static func writable(_ t: RuleType) -> Bool {
    switch t.unwrapped {
    case .bool, .int, .money, .decimal, .date, .duration, .enumeration, .none, .text: true
    case .list(let e):
      switch e {
      case .bool, .int, .money, .decimal, .date, .duration, .enumeration: true
      default: false
      }
    default: false
    }
  }

  /// A rule: its condition and outputs, with its bindings computed when first read.
  ///
  /// Bindings are pure, so computing one lazily (or never) changes no result; a binding the
  /// lane cannot decide then fails only the citizens whose result reads it.
  private func rule(_ r: RuleDecl, index: Int) throws -> FastStep {
    scopes = [[:]]
    defer { scopes = [] }
    var condition: FastEval = { _ in 1 }
    var outputs: [FastOutput] = []
    for item in r.items {
      switch item {
      case .binding(let name, let typeSyntax, let value):
        let declared = typeSyntax.map(checker.resolve)
        let invariant = isInvariant(value)
        let t = try expr(value, expected: declared)
        let type = declared ?? t.type
        let eval = try coerce(t, to: type)
        let slot = newSlot()
        scopes[0][name.text] = FastLocal(
          slot: slot, type: type, invariant: invariant,
          lazy: FastTyped(type: type, eval: FastCompiler.once(slot, eval)))
      case .condition(let e):
        condition = try expr(e, expected: .bool).eval
      case .output(let name, let typeSyntax, let value, let otherwise):
        guard let o = checker.outputIndex[name.text] else { throw FastUnsupported() }
        let declared = typeSyntax.map(checker.resolve)
        let final = program.outputTypes[o]
        let v = try expr(value, expected: declared)
        var out = FastOutput(slot: o, value: try coerce(v, to: final))
        if let otherwise {
          let w = try expr(otherwise, expected: declared ?? v.type)
          out.otherwise = try coerce(w, to: final)
          out.hasOtherwise = true
        }
        outputs.append(out)
      case .reminder: break
      }
    }
    // One chain of closures, as `RulePlan` does: iterating an array of closures would retain
    // each one per citizen.
    var finish: @Sendable (FastMachine, Int) -> Void = { _, _ in }
    for o in outputs.reversed() {
      let (next, slot, value, other) = (finish, o.slot, o.value, o.otherwise)
      if o.hasOtherwise {
        finish = { m, c in
          m.outputs[slot] = c == 0 ? other(m) : value(m)
          next(m, c)
        }
      } else {
        finish = { m, c in
          m.outputs[slot] = value(m)
          next(m, c)
        }
      }
    }
    let (test, end) = (condition, finish)
    return FastStep { m in
      let c = test(m)
      m.rules[index] = c
      end(m, c)
    }
  }

  /// `eval` computed at most once per citizen, its value kept in `slot`.
  static func once(_ slot: Int, _ eval: @escaping FastEval) -> FastEval {
    { m in
      if m.stamps[slot] == m.epoch { return m.slots[slot] }
      let v = eval(m)
      m.slots[slot] = v
      m.stamps[slot] = m.epoch
      return v
    }
  }

  func lookup(_ n: String) -> FastLocal? {
    for scope in scopes.reversed() { if let l = scope[n] { return l } }
    return nil
  }

  func expr(_ e: Expr, expected: RuleType?) throws -> FastTyped {
    var t = try uncached(e, expected: expected)
    if t.constant == nil, t.fact == nil { t = dayCached(e, t) }
    return t
  }

  private func uncached(_ e: Expr, expected: RuleType?) throws -> FastTyped {
    switch e.kind {
    case .integer(let n), .money(let n), .decimal(let n):
      guard n != FastValue.none else { throw FastUnsupported() }
      let type: RuleType =
        switch e.kind {
        case .money: .money
        case .decimal: .decimal
        default: .int
        }
      return FastTyped(type: type, eval: { _ in n }, constant: n)
    case .text(let s):
      let id = intern(s)
      return FastTyped(type: .text, eval: { _ in id })
    case .date(let d):
      let n = d.dayNumber
      return FastTyped(type: .date, eval: { _ in n }, constant: n)
    case .boolean(let b):
      let n = b ? 1 : 0
      return FastTyped(type: .bool, eval: { _ in n }, constant: n)
    case .none:
      return FastTyped(type: .none, eval: { _ in FastValue.none }, constant: FastValue.none)
    case .today: return FastTyped(type: .date, eval: { m in m.today })
    case .duration(let n, let unit):
      let (months, overflow) = unit == .years ? n.multipliedReportingOverflow(by: 12) : (n, false)
      guard !overflow,
        let packed = unit == .days
          ? FastValue.duration(months: 0, days: n) : FastValue.duration(months: months, days: 0)
      else { throw FastUnsupported() }
      return FastTyped(type: .duration, eval: { _ in packed })
    case .name(let n): return try name(n, expected: expected)
    case .unary(let op, let a): return try unary(op, a)
    case .binary(let op, let a, let b): return try binary(op, a, b, expected: expected)
    case .conditional(let c, let a, let b): return try conditional(c, a, b, expected: expected)
    case .call(let f, let args): return try call(f, args)
    case .member(let base, let field): return try member(base, field)
    case .list(let items): return try list(items, expected: expected)
    case .aggregate(let kind, let binder, let source, let filter, let body):
      return try aggregate(kind, binder: binder, source: source, filter: filter, body: body)
    case .iterate(let binder, let first, let next, let until, let limit):
      return try iterate(binder, first: first, next: next, until: until, limit: limit)
    case .record, .invalid: throw FastUnsupported()
    }
  }

  private func name(_ n: String, expected: RuleType?) throws -> FastTyped {
    if let l = lookup(n) {
      if let lazy = l.lazy { return lazy }
      let slot = l.slot
      return FastTyped(type: l.type, eval: { m in m.slots[slot] }, slot: slot)
    }
    let general = checker.program
    if let f = checker.factIndex[n] {
      readFacts.insert(f)
      return FastTyped(type: general.facts[f].type, eval: { m in m.fact(f) }, fact: f)
    }
    if let p = checker.paramIndex[n] {
      return FastTyped(type: general.params[p].type, eval: { m in m.param(p) })
    }
    if checker.ruleIndex[n] != nil || checker.outputIndex[n] != nil { throw FastUnsupported() }
    if case .enumeration(let i)? = expected?.unwrapped,
      let c = general.enums[i].cases.firstIndex(of: n)
    {
      return FastTyped(type: .enumeration(i), eval: { _ in c }, constant: c)
    }
    let owners = general.enums.indices.filter { general.enums[$0].cases.contains(n) }
    guard owners.count == 1, let i = owners.first,
      let c = general.enums[i].cases.firstIndex(of: n)
    else { throw FastUnsupported() }
    return FastTyped(type: .enumeration(i), eval: { _ in c }, constant: c)
  }

  private func member(_ base: Expr, _ field: String) throws -> FastTyped {
    let general = checker.program
    if case .name(let n) = base.kind, let i = checker.enumIndex[n] {
      guard let c = general.enums[i].cases.firstIndex(of: field) else { throw FastUnsupported() }
      return FastTyped(type: .enumeration(i), eval: { _ in c }, constant: c)
    }
    let b = try expr(base, expected: nil)
    guard case .record(let r) = b.type.unwrapped,
      let k = general.records[r].fields.firstIndex(where: { $0.name == field })
    else { throw FastUnsupported() }
    let ft = general.records[r].fields[k].type
    let eb = b.eval
    if b.type.isOptional {
      return FastTyped(
        type: ft.optional,
        eval: { m in
          let at = eb(m)
          return at == FastValue.none ? FastValue.none : m.arena[at + k]
        })
    }
    // A field of a binder or a parameter (`v.registered`): the slot read in place.
    if let s = b.slot { return FastTyped(type: ft, eval: { m in m.arena[m.slots[s] + k] }) }
    if let f = b.fact { return FastTyped(type: ft, eval: { m in m.arena[m.fact(f) + k] }) }
    return FastTyped(type: ft, eval: { m in m.arena[eb(m) + k] })
  }

  private func conditional(_ c: Expr, _ a: Expr, _ b: Expr, expected: RuleType?) throws
    -> FastTyped
  {
    let ec = try expr(c, expected: .bool).eval
    let ta = try expr(a, expected: expected)
    let tb = try expr(b, expected: expected ?? ta.type)
    guard let t = ta.type.join(tb.type) else { throw FastUnsupported() }
    let (x, y) = (try coerce(ta, to: t), try coerce(tb, to: t))
    return FastTyped(type: t, eval: { m in ec(m) != 0 ? x(m) : y(m) })
  }

  private func list(_ items: [Expr], expected: RuleType?) throws -> FastTyped {
    var element: RuleType?
    if case .list(let t)? = expected?.unwrapped { element = t }
    var typed: [FastTyped] = []
    for item in items {
      let t = try expr(item, expected: element)
      typed.append(t)
      if let e = element {
        guard let j = t.type.join(e) else { throw FastUnsupported() }
        element = j
      } else {
        element = t.type
      }
    }
    guard let et = element else { throw FastUnsupported() }
    var fill: @Sendable (FastMachine, Int) -> Void = { _, _ in }
    for (i, t) in typed.enumerated().reversed() {
      let (next, e) = (fill, try coerce(t, to: et))
      fill = { m, at in
        m.arena[at + 1 + i] = e(m)
        next(m, at)
      }
    }
    let (n, items) = (typed.count, fill)
    return FastTyped(
      type: .list(et),
      eval: { m in
        guard let at = m.allocate(n + 1) else { return 0 }
        m.arena[at] = n
        items(m, at)
        return at
      })
  }

  /// `value` as `target`: whole numbers become scaled decimals where a decimal is expected.
  func coerce(_ value: FastTyped, to target: RuleType) throws -> FastEval {
    let e = value.eval
    guard target.unwrapped == .decimal, value.type.unwrapped == .int else {
      if value.type.unwrapped == .list(.int) && target.unwrapped == .list(.decimal) {
        throw FastUnsupported()
      }
      return e
    }
    return { m in
      let x = e(m)
      if x == FastValue.none { return x }
      let (r, o) = x.multipliedReportingOverflow(by: Decimal6.scale)
      return o || r == FastValue.none ? m.fail() : r
    }
  }
}
