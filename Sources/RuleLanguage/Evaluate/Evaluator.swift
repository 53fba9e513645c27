import CivilCalendar
import Hangul

/// Evaluates a rule book for citizens, one at a time or a batch at a time, reusing its
/// buffers.
///
/// One engine decides the rules it compiles, the vector lane, at any width: one citizen for
/// `compute`, `evaluate`, the rule tests and the planner, up to `VectorMachine.width` for
/// `biseo evaluate` (`enqueueLine`) and `compute(batch:)`, unknown values, their missing facts
/// and reminders included. The general machine decides the rest (rules the lane does not
/// compile, and rules it gave up on for a citizen: a lane limit, two different faults),
/// composes reasons, and runs every rule with a trace (`explain`); tests hold the lane's
/// values, missing facts and reminders to the general machine's, line by line.
///
/// Not thread-safe: make one per thread with `RuleBook.evaluator(calendar:)`.
public final class Evaluator {
  public let book: RuleBook
  /// The book's program, stored: read through `book` each access would copy the struct
  /// (a retain and release of each of its arrays), paid per rule in `evaluate`.
  let program: Program
  let machine: Machine
  /// The vector lane; nil when the book compiles no rule for it.
  let vector: VectorMachine?
  /// The lines waiting for the vector lane (`enqueueLine`; their facts are already in its
  /// columns), each line's end and id, and the day they are for; kept to decode a `Profile`
  /// for the citizens with a rule the general machine decides.
  var pendingBytes: [UInt8] = []
  var pendingEnds: [Int] = []
  var pendingIDs: [String?] = []
  var pendingDay = Int.min
  /// Citizens per batch in `enqueueLine` (at most `VectorMachine.width`): tests make it small
  /// to cross many batches with few citizens.
  package var vectorBatchWidth = VectorMachine.width
  /// Which lane holds the current citizen, the switch and the counters, in a buffer: as
  /// stored properties of a class each access per citizen would be a dynamic exclusivity
  /// check.
  struct Lanes {
    /// The current citizen's lane in the vector lane's batch; -1 when the general machine
    /// decided every rule of it.
    var lane = -1
    /// Lets tests compare the vector lane with the general machine on the same citizens.
    var enabled = true
    /// Citizens the vector lane took, and those the general machine took whole.
    var laneCount = 0
    var generalCount = 0
    /// Rules the general machine ran for citizens the lane took (those it does not compile,
    /// and those it gave up on for one citizen).
    var generalRuleCount = 0
    /// Pending citizens (`enqueueLine`).
    var pendingCount = 0
  }

  let lanes: UnsafeMutablePointer<Lanes>
  /// Per rule, `fallbackKinds` counters (`countFallback`).
  let fallbackCounts: UnsafeMutablePointer<Int>
  /// The current citizen's lane in the vector lane's batch, or -1.
  var lane: Int {
    get { lanes.pointee.lane }
    set { lanes.pointee.lane = newValue }
  }
  package var vectorLaneEnabled: Bool {
    get { lanes.pointee.enabled }
    set { lanes.pointee.enabled = newValue }
  }
  package var vectorLaneCount: Int { lanes.pointee.laneCount }
  package var generalCount: Int { lanes.pointee.generalCount }
  package var generalRuleCount: Int { lanes.pointee.generalRuleCount }
  var pendingCount: Int {
    get { lanes.pointee.pendingCount }
    set { lanes.pointee.pendingCount = newValue }
  }
  var scratch: Profile
  /// `,"name":` for each output, and each enum case as a JSON string, encoded once.
  let outputKeys: [[UInt8]]
  let outputTypes: [RuleType]
  let enumJSON: [[[UInt8]]]
  /// How the lane's word of each output is written, decided once from its type.
  let laneWriters: [LaneWriter]
  /// The same keys and enum cases as `outputKeys` and `enumJSON`, and the literals, for the
  /// lane's writer: piece `o` is output `o`'s key, `enumPieces[e] + c` is case `c` of enum
  /// `e`.
  let pieces = JSONPieces()
  let enumPieces: [Int]
  let truePiece: Int
  let falsePiece: Int
  let nullPiece: Int
  let outputCount: Int
  /// The rules the lane leaves to the general machine, and their outputs (by index).
  let generalRules: [Int]
  let generalRule: [Bool]
  let generalOutput: [Bool]
  let outputRule: [Int]
  /// The rules the lane runs whose reminders it does not compute: where one holds and the
  /// reminders are wanted, the general machine runs it too, to compose them.
  let machineReminders: [Int]
  /// Each rule's reminders and name, kept apart from `program` (the planner asks for every
  /// reminding rule of every citizen on every sample day; a `CompiledRule` copied out of
  /// the book costs a retain and release of each of its arrays).
  let ruleReminders: [[CompiledReminder]]
  let ruleHeads: [(name: String, title: String?, source: String?)]
  let outputNames: [String]

  init(book: RuleBook, calendar: any BusinessCalendar) {
    self.book = book
    program = book.program
    lanes = UnsafeMutablePointer<Lanes>.allocate(capacity: 1)
    lanes.initialize(to: Lanes())
    let counters = book.program.rules.count * Evaluator.fallbackKinds
    fallbackCounts = .allocate(capacity: max(counters, 1))
    fallbackCounts.initialize(repeating: 0, count: max(counters, 1))
    machine = Machine(program: book.program, calendar: calendar)
    vector = book.vector.map { VectorMachine(program: $0, calendar: calendar) }
    scratch = book.emptyProfile()
    outputKeys = book.program.outputs.map { o in
      var key: [UInt8] = [UInt8(ascii: ",")]
      JSONText.string(o.name, into: &key)
      key.append(UInt8(ascii: ":"))
      return key
    }
    outputTypes = book.program.outputs.map(\.type)
    laneWriters = book.program.outputs.map { LaneWriter($0.type) }
    outputCount = book.program.outputs.count
    generalRules = book.vector?.generalRules.sorted() ?? []
    var ruleFlags = Array(repeating: false, count: book.program.rules.count)
    for r in generalRules { ruleFlags[r] = true }
    generalRule = ruleFlags
    var outputFlags = Array(repeating: false, count: outputCount)
    for o in book.vector?.generalOutputs ?? [] { outputFlags[o] = true }
    generalOutput = outputFlags
    outputRule = book.vector?.outputRule ?? []
    ruleReminders = book.program.rules.map(\.reminders)
    ruleHeads = book.program.rules.map { ($0.name, $0.title, $0.source) }
    outputNames = book.program.outputs.map(\.name)
    machineReminders = book.program.rules.indices.filter { r in
      !ruleFlags[r] && !book.program.rules[r].reminders.isEmpty
        && book.vector?.reminders[r] == nil
    }
    enumJSON = book.program.enums.map { e in
      e.json.map { text in
        var bytes: [UInt8] = []
        JSONText.string(text, into: &bytes)
        return bytes
      }
    }
    for key in outputKeys { _ = pieces.add(key) }
    var firsts: [Int] = []
    for cases in enumJSON {
      firsts.append(cases.isEmpty ? 0 : pieces.add(cases[0]))
      for c in cases.dropFirst() { _ = pieces.add(c) }
    }
    enumPieces = firsts
    truePiece = pieces.add(Array("true".utf8))
    falsePiece = pieces.add(Array("false".utf8))
    nullPiece = pieces.add(Array("null".utf8))
    pieces.seal()
  }

  deinit {
    lanes.deallocate()
    fallbackCounts.deallocate()
  }

  func load(_ profile: Profile, asOf: CivilDate) {
    machine.setFacts(profile.facts)
    machine.reset(day: asOf.dayNumber)
  }

  /// Every rule and output for `profile` as of `asOf`; with `explain`, each rule's trace.
  ///
  /// Values, outputs and reminders come from the vector lane where it decided the rule; the
  /// general machine runs the rest, and every rule again with a trace for `explain`.
  public func evaluate(_ profile: Profile, asOf: CivilDate, explain: Bool = false) -> Evaluation {
    compute(profile, asOf: asOf)
    var results: [RuleResult] = []
    results.reserveCapacity(ruleHeads.count)
    for r in ruleHeads.indices {
      let rule = ruleHeads[r]
      results.append(
        RuleResult(
          name: rule.name, title: rule.title, source: rule.source,
          status: status(ruleValue(r)), reminders: reminders(r), trace: nil))
    }
    let outputs = outputNames.indices.map { o in
      OutputField(name: outputNames[o], value: output(outputValue(o), outputTypes[o]))
    }
    if explain {
      for r in program.rules.indices {
        results[r].trace = trace(rule: r, profile: profile, asOf: asOf)
      }
    }
    return Evaluation(citizen: profile.id, asOf: asOf, rules: results, outputs: outputs)
  }

  /// Whether the vector lane gave up rule `r` for citizen `i` of its batch.
  @inline(__always) func undecided(_ r: Int, _ i: Int) -> Bool {
    guard let vector else { return true }
    return vector.undecided[r * VectorMachine.width + i] != 0
  }

  /// The facts rule `r`'s value waits for, for citizen `i` of the lane's batch, as bits (0 when
  /// the lane decided it or gave it up).
  @inline(__always) func laneMissing(rule r: Int, _ i: Int) -> Int {
    guard let vector, vector.unknownIn[r] != 0 else { return 0 }
    return vector.ruleMissing[r * VectorMachine.width + i]
  }

  /// The same for output `o`.
  @inline(__always) func laneMissing(output o: Int, _ i: Int) -> Int {
    guard let vector, vector.unknownIn[outputRule[o]] != 0 else { return 0 }
    return vector.outputMissing[o * VectorMachine.width + i]
  }

  /// After the vector lane ran for citizen `i` of its batch (`profile`), the rules it leaves
  /// to the general machine: those it does not compile and those it gave up on for the
  /// citizen.
  func runGeneralRules(_ profile: Profile, asOf: CivilDate, lane i: Int) {
    guard let vector else { return }
    let reminding = vector.reminding && !machineReminders.isEmpty
    guard !generalRules.isEmpty || vector.anyUndecided[i] != 0 || reminding else { return }
    load(profile, asOf: asOf)
    for r in generalRules { machine.run(rule: r) }
    var given = generalRules.count
    if vector.anyUndecided[i] != 0 {
      for r in 0..<program.rules.count where !generalRule[r] && undecided(r, i) {
        machine.run(rule: r)
        countFallback(r)
        given += 1
      }
    }
    if reminding {
      for r in machineReminders where laneHolds(r, i) { machine.run(rule: r) }
    }
    lanes.pointee.generalRuleCount += given
  }

  /// Whether the lane decided that rule `r` holds for citizen `i` of its batch (it ran the
  /// rule and did not give it up).
  @inline(__always) func laneHolds(_ r: Int, _ i: Int) -> Bool {
    guard let vector else { return false }
    return laneMissing(rule: r, i) == 0 && vector.ruleValues[r * VectorMachine.width + i] == 1
  }

  /// Makes citizen `i` of the lane's batch the current one.
  func enterLane(_ i: Int) {
    lane = i
    lanes.pointee.laneCount += 1
    // The lane's faults are kept with the general machine's (`laneFailure`), which is not
    // reset for a citizen whose rules the lane decided.
    if !machine.faults.isEmpty { machine.faults.removeAll(keepingCapacity: true) }
  }

  /// Runs the vector lane for `profile` alone (a batch of one); false without a lane.
  private func runLane(_ profile: Profile, asOf: CivilDate) -> Bool {
    guard vectorLaneEnabled, let vector else { return false }
    vector.reminding = true
    withUnsafePointer(to: profile) {
      vector.run(UnsafeBufferPointer(start: $0, count: 1), day: asOf.dayNumber)
    }
    enterLane(0)
    return true
  }

  /// Computes every rule and output for `profile` without building a result (benchmarks,
  /// and callers that only need `holds(_:)`).
  public func compute(_ profile: Profile, asOf: CivilDate) {
    if runLane(profile, asOf: asOf) {
      runGeneralRules(profile, asOf: asOf, lane: 0)
      return
    }
    computeGeneral(profile, asOf: asOf)
  }

  /// Every rule of `profile` on the general machine alone.
  private func computeGeneral(_ profile: Profile, asOf: CivilDate) {
    lane = -1
    lanes.pointee.generalCount += 1
    load(profile, asOf: asOf)
    machine.runAll()
  }

  /// After `compute`, whether rule number `index` (in `RuleBook.ruleNames` order) holds.
  public func holds(_ index: Int) -> Bool {
    // Not through `ruleValue`: an unknown there is a new fact set, and the chat's probes ask
    // this of every rule on every day they try.
    let i = lane
    if i >= 0, !generalRule[index], !undecided(index, i) { return laneHolds(index, i) }
    if case .bool(true) = machine.ruleValues[index] { return true }
    return false
  }

  /// After `compute`, rule `r`'s value for the current citizen: the vector lane's where it
  /// decided the rule, else the general machine's.
  func ruleValue(_ r: Int) -> Value {
    let i = lane
    guard i >= 0, let vector, !generalRule[r], !undecided(r, i) else {
      return machine.ruleValues[r]
    }
    let bits = laneMissing(rule: r, i)
    if bits != 0 { return laneFailure(bits) }
    return .bool(vector.ruleValues[r * VectorMachine.width + i] == 1)
  }

  /// The same for output `o`.
  func outputValue(_ o: Int) -> Value {
    let i = lane
    guard i >= 0, let vector, !generalOutput[o], !undecided(outputRule[o], i) else {
      return machine.outputs[o]
    }
    let bits = laneMissing(output: o, i)
    if bits != 0 { return laneFailure(bits) }
    return vector.output(o, lane: i)
  }

  /// A value the lane kept undecided (`VectorMachine.settled`) as the general machine's: an
  /// unknown with its facts, or a fault (kept with the general machine's).
  func laneFailure(_ settled: Int) -> Value {
    guard settled < 0, let vector else { return .unknown(FactSet(bits: settled)) }
    machine.faults.append(vector.fault(settled))
    return .fault(machine.faults.count - 1)
  }

  /// Like `compute`, but only rules numbered `rules` (and whatever they read): the planner's
  /// path, which needs nothing from rules that cannot remind the citizen.
  ///
  /// For many rules the vector lane decides them and computes the reminders of those that
  /// hold; the general machine runs only what the lane left (`settle`). The lane runs every
  /// rule, so for a few (a citizen subscribed to one service) the general machine alone is
  /// cheaper.
  public func compute(_ profile: Profile, asOf: CivilDate, rules: [Int]) {
    guard rules.count * 4 >= program.rules.count, runLane(profile, asOf: asOf) else {
      load(profile, asOf: asOf)
      lane = -1
      lanes.pointee.generalCount += 1
      for r in rules { machine.run(rule: r) }
      return
    }
    settle(rules, profile, asOf: asOf)
  }

  /// After the vector lane ran the current citizen (`profile`), the general machine runs
  /// each of `rules` the lane gave up or left to it, and each the lane decided holds but
  /// whose reminders it did not compute (for `reminders`).
  func settle(_ rules: [Int], _ profile: Profile, asOf: CivilDate) {
    guard let vector else { return }
    let (i, reminding) = (lane, vector.reminding)
    var loaded = false
    for r in rules {
      let general = generalRule[r] || undecided(r, i)
      guard
        general
          || (!ruleReminders[r].isEmpty
            && (!reminding || vector.program.reminders[r] == nil) && laneHolds(r, i))
      else { continue }
      if !loaded { load(profile, asOf: asOf) }
      loaded = true
      machine.run(rule: r)
      if general { lanes.pointee.generalRuleCount += 1 }
    }
  }

  /// After `compute`, the facts rule number `index` waits for, when it is undecided.
  public func missingFacts(ofRule index: Int) -> [String]? {
    guard case .unknown(let s) = ruleValue(index) else { return nil }
    return s.ids.map { program.facts[$0].name }
  }

  /// Whether rule number `index` declares any reminder.
  public func declaresReminders(rule index: Int) -> Bool {
    !ruleReminders[index].isEmpty
  }

  /// A decoded profile's fact `name` as data; nil when the book declares no such fact.
  public func fact(_ name: String, of profile: Profile) -> OutputValue? {
    guard let i = program.facts.firstIndex(where: { $0.name == name }), i < profile.facts.count
    else { return nil }
    if case .fault = profile.facts[i] { return nil }  // decoding never makes one; be safe
    return output(profile.facts[i], program.facts[i].type)
  }

  /// After `compute`, the reminders rule number `index` asks for (none unless it holds).
  ///
  /// Rules are numbered in `RuleBook.ruleNames` order. The planner's path: no results,
  /// outputs or traces for the rules it does not need.
  ///
  /// - Parameter days: when given, only reminders with a notification day in it, and no
  ///   message is composed for the others.
  public func reminders(ofRule index: Int, notifyingWithin days: ClosedRange<CivilDate>? = nil)
    -> [Reminder]
  {
    reminders(index, notifyingWithin: days)
  }

  /// Evaluates one JSON Lines profile and appends one JSON line of outputs to `out`.
  ///
  /// The line is `{"id":…,"asOf":…,<outputs in declaration order>}`. The batch path at width
  /// one: no trace, little allocation; lines pending from `enqueueLine` are written first.
  public func evaluateLine(
    _ line: UnsafeBufferPointer<UInt8>, asOf: CivilDate, into out: inout [UInt8]
  ) {
    _ = evaluateLine(line, asOf: asOf, shard: nil, into: &out)
  }

  /// Like `evaluateLine`, but only if the citizen's id falls in `shard` (decoding once).
  ///
  /// - Returns: whether the citizen was in the shard and evaluated.
  public func evaluateLine(
    _ line: UnsafeBufferPointer<UInt8>, asOf: CivilDate, shard: Shard?,
    into out: inout [UInt8]
  ) -> Bool {
    guard vectorLaneEnabled, vector != nil else {
      book.decoder.decode(line, into: &scratch)
      if let shard {
        guard let id = scratch.id, shard.contains(id)
        else { return false }
      }
      computeGeneral(scratch, asOf: asOf)
      writeLine(id: scratch.id, asOf: asOf, into: &out)
      return true
    }
    flushLines(into: &out)
    let taken = pend(line, asOf: asOf, shard: shard)
    flushLines(into: &out)
    return taken
  }

  func status(_ v: Value) -> RuleStatus {
    switch v {
    case .bool(true): .holds
    case .bool(false): .fails
    case .unknown(let s): .unknown(missing: s.ids.map { program.facts[$0].name })
    case .fault(let i): .fault(machine.faults[i])
    default: .fails
    }
  }

  func output(_ v: Value, _ type: RuleType) -> OutputValue {
    switch v {
    case .unknown(let s): return .unknown(missing: s.ids.map { program.facts[$0].name })
    case .fault(let i): return .fault(machine.faults[i])
    case .none: return .null
    case .bool(let b): return .bool(b)
    case .int(let n):
      // A whole number where a decimal is expected prints as itself (scaling could overflow).
      return type.unwrapped == .decimal ? .decimal(String(n)) : .int(n)
    case .decimal(let n): return .decimal(Decimals.text(n))
    case .date(let d): return .date(CivilDate(dayNumber: d))
    case .duration(let m, let d): return .duration(months: m, days: d)
    case .text(let s): return .text(s)
    case .enumCase(let c):
      if case .enumeration(let e) = type.unwrapped { return .text(program.enums[e].json[c]) }
      return .int(c)
    case .list(let items):
      var element = RuleType.error
      if case .list(let t) = type.unwrapped { element = t }
      return .list(items.map { output($0, element) })
    case .record(let fields):
      guard case .record(let r) = type.unwrapped else { return .null }
      let info = program.records[r]
      return .record(
        zip(info.fields, fields).map { OutputField(name: $0.key, value: output($1, $0.type)) })
    }
  }

  private func reminders(_ r: Int, notifyingWithin range: ClosedRange<CivilDate>? = nil)
    -> [Reminder]
  {
    let declared = ruleReminders[r]
    guard !declared.isEmpty, holds(r) else { return [] }
    let onLane = laneReminders(r)
    var out: [Reminder] = []
    for (k, rem) in declared.enumerated() {
      let columns = onLane?[k]
      guard case .date(let s) = columns.map({ laneValue($0.start, of: r) }) ?? rem.start(machine),
        case .date(let e) = columns.map({ laneValue($0.end, of: r) }) ?? rem.end(machine)
      else { continue }
      var days: [CivilDate] = []
      for (n, notice) in rem.notify.enumerated() {
        guard
          case .duration(let mo, let d) = columns.map({ laneValue($0.notify[n], of: r) })
            ?? notice.offset(machine)
        else { continue }
        let sign = notice.before ? -1 : 1
        if case .date(let day) = Operators.shift(
          notice.fromEnd ? e : s, months: sign * mo, days: sign * d)
        {
          days.append(CivilDate(dayNumber: day))
        }
      }
      if let range, !days.contains(where: range.contains) { continue }
      out.append(
        Reminder(
          rule: ruleHeads[r].name, start: CivilDate(dayNumber: s), end: CivilDate(dayNumber: e),
          notifyOn: days.sorted(),
          message: compose(rem.message, columns: columns.map { ($0.values, r) })))
    }
    return out
  }

  /// Where the current citizen's reminders of rule `r` are in the lane's columns; nil when
  /// the general machine composes them.
  private func laneReminders(_ r: Int) -> [LaneReminder]? {
    let i = lane
    guard i >= 0, let vector, vector.reminding, !generalRule[r], !undecided(r, i) else {
      return nil
    }
    return vector.program.reminders[r]
  }

  /// Part `part` of rule `r`'s reminders for the current citizen, as the general machine's
  /// value.
  private func laneValue(_ part: LanePart, of r: Int) -> Value {
    guard let vector, case .column(let column) = part else {
      if case .constant(let v) = part { return v }
      return .none
    }
    let at = column * VectorMachine.width + lane
    if vector.unknownIn[r] != 0, case let bits = vector.outputMissing[at], bits != 0 {
      return laneFailure(bits)
    }
    return vector.output(column, lane: lane)
  }

  /// A `say` or `because` text with its values, as the machine holds them now, or from the
  /// lane's `columns` of rule `r` (one per value piece).
  func compose(_ pieces: [CompiledReminder.Piece], columns: ([LanePart], r: Int)? = nil)
    -> String
  {
    var message = ""
    var previousValue: String?
    // An unknown or absent value waits for the literal after it: "{name}님, 올해 …" for a
    // citizen whose name is not known drops the address and keeps the sentence ("올해 …")
    // rather than calling them "알 수 없음님"; anything else prints it as before.
    var absent: String?
    var k = 0
    for piece in pieces {
      switch piece {
      case .literal(let t):
        if absent != nil, t.hasPrefix("님") {
          message += t.drop { $0 != " " }.drop { $0 == " " }
        } else {
          message += absent ?? ""
          // "{service}을/를": the particle after a value agrees with how the value ends.
          message += previousValue.map { Josa.resolvingLeadingPair(in: t, after: $0) } ?? t
        }
        previousValue = nil
        absent = nil
      case .value(let eval, let type):
        message += absent ?? ""
        let value = output(columns.map { laneValue($0.0[k], of: $0.r) } ?? eval(machine), type)
        k += 1
        let text = Korean.value(value, money: type.unwrapped == .money)
        switch value {
        case .unknown, .null: absent = text
        default:
          absent = nil
          message += text
        }
        previousValue = text
      }
    }
    message += absent ?? ""
    return message
  }
}

enum Decimals {
  /// `2500000` (scaled) → `"2.5"`.
  static func text(_ scaled: Int) -> String {
    let negative = scaled < 0
    let m = scaled.magnitude
    let whole = m / UInt(Decimal6.scale)
    var frac = String(m % UInt(Decimal6.scale))
    frac = String(repeating: "0", count: 6 - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return (negative ? "-" : "") + String(whole) + (frac.isEmpty ? "" : "." + frac)
  }
}
