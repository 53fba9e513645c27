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

/// A slot of the typed program: a binding (computed lazily), a function parameter, a binder,
/// or a narrowed copy (read as the path it copies).
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

/// Lowers the checker's typed program to closures over unboxed slots.
///
/// Names, types and enum cases are the typed program's: this stage never reports and never
/// types again. Whatever it does not handle throws `FastUnsupported`, and the rule then
/// evaluates on the general machine.
final class FastCompiler {
  let general: Program
  var program = FastProgram()
  /// The typed program's slots, as this lane holds them.
  var locals: [Int: FastLocal] = [:]
  var functions: [Int: FastFunction] = [:]
  var compiling: Set<Int> = []
  /// The facts any compiled expression reads.
  var readFacts: Set<Int> = []
  /// Whether each user function's body reads facts (by id).
  let factReaders: [Bool]

  init(program: Program) {
    self.general = program
    factReaders = program.typed.functionsReadingFacts()
  }

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
  static func compile(_ book: Program) -> (FastProgram?, String?) {
    let c = FastCompiler(program: book)
    do {
      let general = try c.compileAll()
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
  private func compileAll() throws -> [String] {
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
    for (i, r) in general.typed.rules.enumerated() {
      let name = general.rules[i].name
      if let o = general.rules[i].outputs.first(where: {
        !FastCompiler.writable(program.outputTypes[$0])
      }) {
        let t = general.types.describe(program.outputTypes[o])
        why[i] = "'\(name)' (output '\(general.outputs[o].name)' of type \(t))"
        continue
      }
      do {
        rules[i] = try rule(r, index: i)
      } catch let e as FastUnsupported {
        why[i] = "'\(name)' (\(e.site))"
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
  private func rule(_ r: TypedProgram.Rule, index: Int) throws -> FastStep {
    var condition: FastEval = { _ in 1 }
    var outputs: [FastOutput] = []
    for b in r.bindings {
      let invariant = isInvariant(b.value)
      let eval = try coerce(try expr(b.value), to: b.type)
      let slot = newSlot()
      locals[b.slot] = FastLocal(
        slot: slot, type: b.type, invariant: invariant,
        lazy: FastTyped(type: b.type, eval: FastCompiler.once(slot, eval)))
    }
    if let c = r.condition { condition = try expr(c).eval }
    for o in r.outputs {
      let final = program.outputTypes[o.index]
      var out = FastOutput(slot: o.index, value: try coerce(try expr(o.value), to: final))
      if let otherwise = o.otherwise {
        out.otherwise = try coerce(try expr(otherwise), to: final)
        out.hasOtherwise = true
      }
      outputs.append(out)
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

  func expr(_ e: Typed) throws -> FastTyped {
    var t = try uncached(e)
    if t.constant == nil, t.fact == nil { t = dayCached(e, t) }
    return t
  }

  private func uncached(_ e: Typed) throws -> FastTyped {
    switch e.op {
    case .constant(let v): return try constant(v, e.type)
    case .today: return FastTyped(type: .date, eval: { m in m.today })
    case .fact(let f):
      readFacts.insert(f)
      return FastTyped(type: e.type, eval: { m in m.fact(f) }, fact: f)
    case .param(let p): return FastTyped(type: e.type, eval: { m in m.param(p) })
    case .local(let s):
      guard let l = locals[s] else { throw FastUnsupported() }
      if let lazy = l.lazy { return lazy }
      let slot = l.slot
      return FastTyped(type: l.type, eval: { m in m.slots[slot] }, slot: slot)
    case .not(let a): return try not(a)
    case .negate(let a): return try negate(a)
    case .and(let a, let b): return try logical(true, a, b)
    case .or(let a, let b): return try logical(false, a, b)
    case .coalesce(let a, let b): return try coalesce(a, b, e.type)
    case .binary(let op, let a, let b): return try binary(op, a, b)
    case .conditional(let c, let a, let b):
      let ec = try expr(c).eval
      let (x, y) = (try coerce(try expr(a), to: e.type), try coerce(try expr(b), to: e.type))
      return FastTyped(type: e.type, eval: { m in ec(m) != 0 ? x(m) : y(m) })
    case .builtin(let f, let args): return try builtin(f, args, e.type)
    case .call(let id, let args): return try callFunction(id, args)
    case .field(let base, let k): return try field(base, k)
    case .list(let items): return try list(items, e.type)
    case .aggregate(let kind, let slot, let source, let filter, let body):
      return try aggregate(kind, slot: slot, source: source, filter: filter, body: body)
    case .iterate(let slot, let first, let next, let until, let limit):
      return try iterate(slot: slot, first: first, next: next, until: until, limit: limit)
    case .narrowed(let copies, let body):
      // A narrowed copy is the path read again where the copy is read (paths are pure), typed
      // optional still, so every use checks it as before narrowing.
      for c in copies {
        let path = try expr(c.value)
        locals[c.slot] = FastLocal(
          slot: -1, type: path.type, invariant: isInvariant(c.value), lazy: path)
      }
      return try expr(body)
    case .rule, .output, .record, .invalid: throw FastUnsupported()
    }
  }

  private func constant(_ v: Value, _ type: RuleType) throws -> FastTyped {
    switch v {
    case .int(let n), .decimal(let n), .date(let n):
      guard n != FastValue.none else { throw FastUnsupported() }
      return FastTyped(type: type, eval: { _ in n }, constant: n)
    case .bool(let b):
      let n = b ? 1 : 0
      return FastTyped(type: .bool, eval: { _ in n }, constant: n)
    case .enumCase(let c): return FastTyped(type: type, eval: { _ in c }, constant: c)
    case .none:
      return FastTyped(type: .none, eval: { _ in FastValue.none }, constant: FastValue.none)
    case .text(let s):
      let id = intern(s)
      return FastTyped(type: .text, eval: { _ in id })
    case .duration(let months, let days):
      guard let packed = FastValue.duration(months: months, days: days) else {
        throw FastUnsupported()
      }
      return FastTyped(type: .duration, eval: { _ in packed })
    case .unknown, .fault, .list, .record: throw FastUnsupported()
    }
  }

  private func field(_ base: Typed, _ k: Int) throws -> FastTyped {
    let b = try expr(base)
    guard case .record(let r) = b.type.unwrapped else { throw FastUnsupported() }
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

  private func list(_ items: [Typed], _ type: RuleType) throws -> FastTyped {
    guard case .list(let et) = type else { throw FastUnsupported() }
    let evals = try items.map { try coerce(try expr($0), to: et) }
    var fill: @Sendable (FastMachine, Int) -> Void = { _, _ in }
    for (i, e) in evals.enumerated().reversed() {
      let next = fill
      fill = { m, at in
        m.arena[at + 1 + i] = e(m)
        next(m, at)
      }
    }
    let (n, all) = (items.count, fill)
    return FastTyped(
      type: type,
      eval: { m in
        guard let at = m.allocate(n + 1) else { return 0 }
        m.arena[at] = n
        all(m, at)
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
