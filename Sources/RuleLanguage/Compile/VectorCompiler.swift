import CivilCalendar

/// A vector-lane expression with its static type (as the general checker would type it).
struct VecTyped {
  var type: RuleType
  var eval: VecEval
  /// The value of a literal, so operators can take it as a word instead of a column.
  var constant: Int?
  /// The value when it is the same in every lane (today, a parameter, a day-invariant
  /// expression); it fails every active lane itself when it has none.
  var word: WordEval?
  /// Whether computing it on lanes that do not read it is cheap and fails none of them (a
  /// literal, a local, a comparison of such): a conditional on such branches selects
  /// lane by lane instead of masking each side.
  var total = false

  /// A word for every lane, when there is one and it can never be `none`.
  var uniform: WordEval? {
    guard !type.isOptional else { return nil }
    if let word { return word }
    guard let k = constant else { return nil }
    let constantWord: WordEval = { _ in k }
    return constantWord
  }
}

/// A value the same in every lane of a batch.
typealias WordEval = @Sendable (VectorMachine) -> Int

/// A slot of the typed program: a rule's binding (computed lazily, per citizen), or a function
/// parameter or binder (a column of the space it was bound in, `depth` levels from the
/// citizens').
struct VecLocal {
  var slot: Int
  var type: RuleType
  var depth: Int
  var binding: VecEval?
  /// A parameter of a function called in the citizens' space whose argument's failures are
  /// kept with it (`VectorMachine.argument`) and fail its readers.
  var carries = false
}

/// Lowers the checker's typed program to kernels over columns of a batch of citizens.
///
/// Each closure is a loop over the lanes of a batch, so the dispatch cost is shared by the
/// batch. A rule the lane cannot decide for a citizen goes to the general machine for that
/// citizen, so failing more often than needed costs speed, never a result.
final class VectorCompiler {
  let general: Program
  var program = VectorProgram()
  var locals: [Int: VecLocal] = [:]
  /// Narrowed copies, by slot: each read compiles its path again where it is read (the
  /// space there may be deeper than where the path was narrowed).
  var narrowed: [Int: Typed] = [:]
  /// How many aggregates deep the expression being compiled is (0: the citizens' space).
  var depth = 0
  var compiling: Set<Int> = []
  var readFacts: Set<Int> = []
  /// The binding slots of the rule being compiled, and the facts it reads, reset at its start.
  var bindings: [Int] = []
  var ruleFacts: Set<Int> = []
  /// Whether each user function's body reads facts (by id).
  let factReaders: [Bool]
  /// Calls of facts, parameters and the day already compiled, by their text and type, and
  /// how many times each is made (`batchCached`).
  var batchKeys: [String: Int] = [:]
  var batchUses: [Int] = []
  /// Whether the rule being compiled may meet unknown facts: each rule is compiled twice, and
  /// the version without the bookkeeping of unknowns runs for a batch whose citizens hold
  /// every fact it reads (the SPEC population, most rules at width one).
  var aware = true

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

  /// The book's vector lane, or nil when it decides no rule; and, when some rules stay on the
  /// general machine, which ones and where the compiler gave up on each.
  static func compile(_ book: Program) -> (VectorProgram?, String?) {
    let c = VectorCompiler(program: book)
    let general = c.compileAll()
    guard !general.isEmpty else { return (c.program, nil) }
    let note = general.joined(separator: "; ")
    guard c.program.generalRules.count < c.program.ruleCount else {
      return (nil, "not compiled: no rule (\(note))")
    }
    return (c.program, "compiled; general machine for \(note)")
  }

  /// Compiles every rule it can; a rule it cannot (or one writing an output the lane cannot
  /// hold) stays on the general machine, which then runs it for every citizen the lane
  /// decides, so one rare construct costs that rule its speed and not the whole book.
  ///
  /// - Returns: the rules left to the general machine, each with where the compiler stopped.
  private func compileAll() -> [String] {
    program.factTypes = general.facts.map(\.type)
    program.records = general.records.map { $0.fields.map(\.type) }
    program.params = general.params
    program.faultSites = general.params.indices.map { (general.params[$0].span, $0, nil) }
    program.ruleCount = general.rules.count
    program.outputCount = general.outputs.count
    program.outputTypes = general.outputs.map(\.type)
    program.reminders = Array(repeating: nil, count: general.rules.count)
    program.reminderColumns = Array(repeating: [], count: general.rules.count)
    for p in general.params {
      for row in p.rows { internTexts(row.value) }
    }
    var steps: [Int: @Sendable (VectorMachine) -> Void] = [:]
    var why: [Int: String] = [:]
    for (i, r) in general.typed.rules.enumerated() {
      let name = general.rules[i].name
      if let o = general.rules[i].outputs.first(where: {
        !VectorCompiler.writable(program.outputTypes[$0])
      }) {
        let t = general.types.describe(program.outputTypes[o])
        why[i] = "'\(name)' (output '\(general.outputs[o].name)' of type \(t))"
        continue
      }
      do {
        steps[i] = try rule(r, index: i)
      } catch let e as VectorUnsupported {
        why[i] = "'\(name)' (\(e.site))"
      } catch {
        why[i] = "'\(name)' (\(error))"
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
      for i in general.rules.indices where why[i] == nil {
        let shared = general.rules[i].outputs.filter(generalOutputs.contains)
        guard let o = shared.first else { continue }
        why[i] = "'\(general.rules[i].name)' (shares output '\(general.outputs[o].name)')"
        generalOutputs.formUnion(general.rules[i].outputs)
        changed = true
      }
    }
    program.generalRules = Set(why.keys)
    program.generalOutputs = generalOutputs
    program.outputRule = Array(repeating: 0, count: general.outputs.count)
    for (i, rule) in general.rules.enumerated() {
      for o in rule.outputs { program.outputRule[o] = i }
    }
    // No compiled rule reads another: a rule given up for a citizen leaves the others alone.
    // One chain of closures: iterating an array of closures retains each one per batch, which
    // at width one is per citizen.
    var all: @Sendable (VectorMachine) -> Void = { _ in }
    for i in general.rules.indices.reversed() where why[i] == nil {
      guard let step = steps[i] else { continue }
      let next = all
      all = { m in
        step(m)
        next(m)
      }
    }
    program.run = all
    program.readFacts = readFacts.sorted()
    program.batchCacheReused = batchUses.map { $0 > 1 }
    return why.keys.sorted().compactMap { why[$0] }
  }

  private func internTexts(_ v: Value) {
    switch v {
    case .text(let s): _ = intern(s)
    case .list(let items), .record(let items): for i in items { internTexts(i) }
    default: break
    }
  }

  /// Output types the evaluator writes from the lane's words.
  static func writable(_ t: RuleType) -> Bool {
    switch t.unwrapped {
    case .bool, .int, .money, .decimal, .date, .duration, .enumeration, .none, .text: true
    case .list(let e):
      switch e {
      case .bool, .int, .money, .decimal, .date, .duration, .enumeration, .text: true
      default: false
      }
    default: false
    }
  }

  private func rule(_ r: TypedProgram.Rule, index: Int) throws
    -> @Sendable (VectorMachine) -> Void
  {
    aware = false
    let (plain, facts, outputSlots) = try ruleBody(r, index: index)
    aware = true
    let (full, _, _) = try ruleBody(r, index: index)
    let reminding = outputSlots + program.reminderColumns[index]
    return { m in
      m.beginRule()
      // Failures kept apart only where Kleene logic may absorb one or a value may be unknown:
      // some citizen lacks a fact the rule reads (at width one, most demo citizens' rules read
      // none they lack).
      var unknowns = false
      for f in facts where m.anyUnheld[f] { unknowns = true }
      m.unknowns = unknowns
      if !unknowns {
        plain(m)
        // A failure without unknowns is a fault or a lane limit: the bookkeeping run again
        // takes the condition's and each output's apart and keeps the faults it locates.
        guard m.anyFailed() else {
          m.endRule(index)
          return
        }
        m.beginRule()
        m.unknowns = true
      }
      full(m)
      m.endRule(index, outputs: m.reminding ? reminding : outputSlots)
    }
  }

  /// Rule `r`'s bindings, condition and outputs (as `aware` says), the facts it reads and its
  /// outputs.
  private func ruleBody(_ r: TypedProgram.Rule, index: Int) throws
    -> (@Sendable (VectorMachine) -> Void, [Int], [Int])
  {
    bindings = []
    ruleFacts = []
    depth = 0
    var condition: VecEval = { m in m.fill(1) }
    var outputs: [(slot: Int, value: VecEval, otherwise: VecEval?)] = []
    for b in r.bindings {
      let eval = try coerce(try expr(b.value), to: b.type)
      let slot = newSlot()
      bindings.append(slot)
      locals[b.slot] = VecLocal(slot: slot, type: b.type, depth: 0, binding: eval)
    }
    if let c = r.condition { condition = try expr(c).eval }
    for o in r.outputs {
      let final = program.outputTypes[o.index]
      let other = try o.otherwise.map { try coerce(try expr($0), to: final) }
      outputs.append((o.index, try coerce(try expr(o.value), to: final), other))
    }
    // Outputs as one chain of closures, as the rules are (no array iterated per batch). With
    // unknowns, each output's failures are taken apart from the condition's and the others'.
    let width = VectorMachine.width
    var finish: @Sendable (VectorMachine, UnsafeMutablePointer<Int>) -> Void = { _, _ in }
    let aware = aware
    for (slot, value, other) in outputs.reversed() {
      let next = finish
      guard let other else {
        finish = { m, c in
          let v = value(m)
          (m.outputs + slot * width).update(from: v, count: m.space.count)
          if aware { m.takeFailures(into: m.outputMissing + slot * width) }
          next(m, c)
        }
        continue
      }
      let comparable = VectorCompiler.comparable(program.outputTypes[slot])
      finish = { m, c in
        // Under an unknown condition both sides run, as in the general machine (`bothSides`).
        var (unknown, kinds): (UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>) = (
          nil, m.empty
        )
        if aware && m.unknowns {
          let (lanes, k, cond) = (m.column(), m.column(), m.ruleMissing + index * width)
          var any = 0
          for i in 0..<m.space.count {
            lanes[i] = cond[i] & 3 == 1 ? 1 : 0
            k[i] = lanes[i] != 0 ? cond[i] : 0
            any |= lanes[i]
          }
          if any != 0 { (unknown, kinds) = (lanes, k) }
        }
        let (yes, no) = VectorCompiler.split(m, c, except: unknown)
        let v = m.any(yes) ? m.masked(yes) { value(m) } : nil
        let w = m.any(no) ? m.masked(no) { other(m) } : nil
        let out = m.outputs + slot * width
        VectorCompiler.blend(m, c, v, w, into: out)
        if let unknown {
          // The condition's facts join the output's only where it stays unknown.
          m.bothSides(unknown, kinds, value, other, comparable: comparable, into: out)
        }
        if aware {
          m.takeFailures(
            into: m.outputMissing + slot * width, condition: m.ruleMissing + index * width)
        }
        next(m, c)
      }
    }
    let (test, outs, slots) = (condition, finish, bindings)
    let remind = reminders(r, index: index)
    let body: @Sendable (VectorMachine) -> Void = { m in
      for s in slots { m.resetBinding(s) }
      let c = test(m)
      let values = m.ruleValues + index * width
      values.update(from: c, count: m.space.count)
      if aware { m.takeFailures(into: m.ruleMissing + index * width) }
      outs(m, c)
      // Without the bookkeeping of unknowns a failure runs the rule again with it.
      if m.reminding, let remind, aware || !m.anyFailed() { remind(m, c) }
    }
    return (body, ruleFacts.sorted(), outputs.map(\.slot))
  }

  /// The active lanes where `c` is true, and those where it is false (leaving out `except`).
  static func split(
    _ m: VectorMachine, _ c: UnsafeMutablePointer<Int>, except: UnsafeMutablePointer<Int>? = nil
  ) -> (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) {
    // `c` is 0 or 1 wherever `active` is 1 (a boolean), so the masks are bit arithmetic.
    let (yes, no, a) = (m.column(), m.column(), m.space.active)
    for i in 0..<m.space.count {
      yes[i] = a[i] & c[i]
      no[i] = a[i] & (c[i] ^ 1)
    }
    if let except {
      for i in 0..<m.space.count {
        yes[i] &= except[i] ^ 1
        no[i] &= except[i] ^ 1
      }
    }
    return (yes, no)
  }

  /// `c ? p : q` lane by lane, where a branch no lane took is nil.
  static func blend(
    _ m: VectorMachine, _ c: UnsafeMutablePointer<Int>, _ p: UnsafeMutablePointer<Int>?,
    _ q: UnsafeMutablePointer<Int>?, into out: UnsafeMutablePointer<Int>
  ) {
    let n = m.space.count
    guard let x = p ?? q, let y = q ?? p else {
      out.update(repeating: 0, count: n)
      return
    }
    for i in 0..<n { out[i] = c[i] != 0 ? x[i] : y[i] }
  }

  func expr(_ e: Typed) throws -> VecTyped {
    let t = try uncached(e)
    guard t.constant == nil else { return t }
    let daily = dayCached(e, t)
    return daily.word == nil ? batchCached(e, daily) : daily
  }

  private func uncached(_ e: Typed) throws -> VecTyped {
    switch e.op {
    case .constant(let v): return try constant(v, e.type)
    case .today:
      return VecTyped(
        type: .date, eval: { m in m.fill(m.today) }, word: { m in m.today }, total: true)
    case .fact(let f):
      readFacts.insert(f)
      ruleFacts.insert(f)
      let deep = depth > 0
      return VecTyped(type: e.type, eval: { m in m.fact(f, deep: deep) })
    case .param(let p):
      // Total: a parameter fails lanes only when it has no value on the day, and then all.
      return VecTyped(
        type: e.type, eval: { m in m.param(p) }, word: { m in m.paramWord(p) }, total: true)
    case .local(let s):
      if let path = narrowed[s] { return try expr(path) }
      guard let l = locals[s] else { throw VectorUnsupported() }
      let (slot, levels) = (l.slot, depth - l.depth)
      if let binding = l.binding {
        return VecTyped(type: l.type, eval: { m in m.binding(slot, binding, deep: levels > 0) })
      }
      if l.carries {
        // A function parameter whose argument may have failed: its readers fail again.
        return VecTyped(
          type: l.type,
          eval: { m in
            if m.bindingAnyFail[slot] != 0 {
              m.failAgain(m.bindingFails[slot], through: levels == 0 ? nil : m.space.root)
            }
            return levels == 0 ? m.slots[slot] : m.lifted(m.slots[slot], levels: levels)
          })
      }
      if levels == 0 { return VecTyped(type: l.type, eval: { m in m.slots[slot] }, total: true) }
      return VecTyped(
        type: l.type, eval: { m in m.lifted(m.slots[slot], levels: levels) }, total: true)
    case .not(let a): return try not(a)
    case .negate(let a): return try negate(a, at: e.span)
    case .and(let a, let b): return try logical(true, a, b)
    case .or(let a, let b): return try logical(false, a, b)
    case .coalesce(let a, let b): return try coalesce(a, b, e.type)
    case .binary(let op, let a, let b): return try binary(op, a, b, at: e.span)
    case .conditional(let c, let a, let b): return try conditional(c, a, b, e.type)
    case .builtin(let f, let args): return try builtin(f, args, e.type, at: e.span)
    case .call(let id, let args): return try callFunction(id, args)
    case .field(let base, let k): return try field(base, k)
    // A list literal stops at its first unknown item in the general machine: a citizen with
    // one leaves the rule to it.
    case .list(let items):
      let t = try list(items, e.type)
      return aware ? hardened(t) : t
    case .aggregate(let kind, let slot, let source, let filter, let body):
      let t = try aggregate(
        kind, slot: slot, source: source, filter: filter, body: body, at: e.span)
      // In the citizens' space it follows the general machine itself (`aggregate`).
      return depth == 0 || !aware ? t : hardened(t)
    case .iterate(let slot, let first, let next, let until, let limit):
      let t = try iterate(
        slot: slot, first: first, next: next, until: until, limit: limit, at: e.span)
      // In the citizens' space it follows the general machine itself (`iterate`).
      return depth == 0 || !aware ? t : hardened(t)
    case .narrowed(let copies, let body):
      for c in copies { narrowed[c.slot] = c.value }
      return try expr(body)
    case .rule, .output, .record, .invalid: throw VectorUnsupported()
    }
  }

  /// `t` where an unknown fact met inside fails its citizen hard (`VectorMachine.hardening`).
  func hardened(_ t: VecTyped) -> VecTyped {
    var out = t
    out.eval = VectorCompiler.hardened(t.eval)
    return out
  }

  static func hardened(_ e: @escaping VecEval) -> VecEval {
    { m in m.hardening { e(m) } }
  }

  /// `e` where an unknown fact met inside fails its citizen hard and a located fault stays
  /// (`VectorMachine.hardeningUnknowns`).
  static func hardenedUnknowns(_ e: @escaping VecEval) -> VecEval {
    { m in m.hardeningUnknowns { e(m) } }
  }

  private func constant(_ v: Value, _ type: RuleType) throws -> VecTyped {
    switch v {
    case .int(let n), .decimal(let n), .date(let n):
      guard n != LaneWord.none else { throw VectorUnsupported() }
      return VecTyped(type: type, eval: { m in m.fill(n) }, constant: n, total: true)
    case .bool(let b):
      let n = b ? 1 : 0
      return VecTyped(type: .bool, eval: { m in m.fill(n) }, constant: n, total: true)
    case .enumCase(let c):
      return VecTyped(type: type, eval: { m in m.fill(c) }, constant: c, total: true)
    case .none:
      return VecTyped(
        type: .none, eval: { m in m.fill(LaneWord.none) }, constant: LaneWord.none, total: true)
    case .text(let s):
      let id = intern(s)
      return VecTyped(type: .text, eval: { m in m.fill(id) })
    case .duration(let months, let days):
      guard let packed = LaneWord.duration(months: months, days: days) else {
        throw VectorUnsupported()
      }
      return VecTyped(type: .duration, eval: { m in m.fill(packed) }, constant: packed)
    case .unknown, .fault, .list, .record: throw VectorUnsupported()
    }
  }

  private func field(_ base: Typed, _ k: Int) throws -> VecTyped {
    let b = try expr(base)
    guard case .record(let r) = b.type.unwrapped else { throw VectorUnsupported() }
    let ft = general.records[r].fields[k].type
    let (eb, optional) = (b.eval, b.type.isOptional)
    let limit = UInt(VectorMachine.arenaCapacity - k)
    guard optional else {
      return VecTyped(
        type: ft,
        eval: { m in
          let (at, out, a, arena) = (eb(m), m.column(), m.space.active, m.arena)
          // Offsets are only followed where they are read; the guard keeps any other in bounds.
          for i in 0..<m.space.count {
            out[i] = a[i] != 0 && UInt(bitPattern: at[i]) < limit ? arena[at[i] + k] : 0
          }
          return out
        })
    }
    return VecTyped(
      type: ft.optional,
      eval: { m in
        let (at, out, a, arena) = (eb(m), m.column(), m.space.active, m.arena)
        for i in 0..<m.space.count {
          let x = at[i]
          if x == LaneWord.none {
            out[i] = LaneWord.none
          } else {
            out[i] = a[i] != 0 && UInt(bitPattern: x) < limit ? arena[x + k] : 0
          }
        }
        return out
      })
  }
}
