import CivilCalendar

/// The fast lane's state for one citizen: unboxed slots and a bump arena, reused.
///
/// Lists and records live in `arena`: a list is the offset of its count, followed by its
/// elements; a record is the offset of its first field. The first `reserved` words stay zero,
/// so the 0 a failed expression returns reads as an empty list or a record of zeros and the
/// rest of the citizen's run stays in bounds until the machine gives up on it.
final class FastMachine: LaneStorage {
  let program: FastProgram
  let calendar: any BusinessCalendar
  let facts: UnsafeMutablePointer<Int>
  /// 1 for each fact the lane cannot hold for this citizen (unknown, or a text or number
  /// beyond it): reading one fails the rule that reads it, and the other rules stay in the
  /// lane.
  private let unheld: UnsafeMutablePointer<Int>
  /// The facts some compiled rule reads, the only ones loaded (not subscriptions or names).
  private let readFacts: [Int]
  let params: UnsafeMutablePointer<Int>
  let slots: UnsafeMutablePointer<Int>
  let rules: UnsafeMutablePointer<Int>
  /// Per rule, the epoch of the last citizen the lane gave it up for; and those rules, in
  /// order, `undecidedCount` of them.
  private let undecidedStamps: UnsafeMutablePointer<Int>
  let undecided: UnsafeMutablePointer<Int>
  let outputs: UnsafeMutablePointer<Int>
  let memo: UnsafeMutablePointer<Int>
  /// Per slot, the epoch its value was computed in (for lazy bindings).
  let stamps: UnsafeMutablePointer<Int>
  /// Per day-invariant expression, its value and the day epoch it was computed in.
  let dayValues: UnsafeMutablePointer<Int>
  let dayStamps: UnsafeMutablePointer<Int>
  let arena: UnsafeMutablePointer<Int>
  /// today, its year, the failed flag, the epoch, the arena top, the citizens' arena start,
  /// the parameters' day; outside stored properties so closures read them without
  /// exclusivity checks.
  private let registers: UnsafeMutablePointer<Int>
  /// 1 for parameters with no value on the day (reading one fails the citizen).
  private let paramMissing: UnsafeMutablePointer<Int>

  /// `program.run` and `program.textOutputs`, held directly (read per citizen).
  private let runRules: @Sendable (FastMachine) -> Void
  private let textOutputs: [Int]
  let factShapes: [FastShape]
  /// Text constants by interned id, for writing text outputs.
  let textsByID: [String]
  let recordShapes: [[FastShape]]
  /// The book's text constants when there are few (compared, not hashed).
  let fewTexts: [(String, Int)]?

  static let reserved = 64
  static let arenaCapacity = 1 << 16

  var today: Int { registers[0] }
  var todayYear: Int { registers[1] }
  var failed: Bool { registers[2] != 0 }
  var epoch: Int { registers[3] }
  var dayEpoch: Int { registers[7] }
  /// How many rules the lane gave up on for this citizen (listed in `undecided`).
  var undecidedCount: Int { registers[8] }

  /// Whether the lane gave up on rule `r` for this citizen (its value and outputs are then
  /// the general machine's to compute).
  func isUndecided(_ r: Int) -> Bool { undecidedStamps[r] == registers[3] }

  /// Leaves rule `r` of this citizen to the general machine and clears the failure, so the
  /// next rule runs in the lane.
  func giveUp(rule r: Int) {
    registers[2] = 0
    guard undecidedStamps[r] != registers[3] else { return }
    undecidedStamps[r] = registers[3]
    undecided[registers[8]] = r
    registers[8] += 1
  }

  private static func buffer(_ count: Int) -> UnsafeMutablePointer<Int> {
    let p = UnsafeMutablePointer<Int>.allocate(capacity: max(count, 1))
    p.initialize(repeating: 0, count: max(count, 1))
    return p
  }

  init(program: FastProgram, calendar: any BusinessCalendar) {
    self.program = program
    self.calendar = calendar
    runRules = program.run
    textOutputs = program.textOutputs
    facts = FastMachine.buffer(program.factTypes.count)
    unheld = FastMachine.buffer(program.factTypes.count)
    for f in 0..<program.factTypes.count { unheld[f] = 1 }
    readFacts = program.readFacts
    params = FastMachine.buffer(program.params.count)
    slots = FastMachine.buffer(program.slotCount)
    rules = FastMachine.buffer(program.ruleCount)
    undecidedStamps = FastMachine.buffer(program.ruleCount)
    undecided = FastMachine.buffer(program.ruleCount)
    outputs = FastMachine.buffer(program.outputTypes.count)
    memo = FastMachine.buffer(program.functionCount)
    stamps = FastMachine.buffer(program.slotCount)
    dayValues = FastMachine.buffer(program.cacheCount)
    dayStamps = FastMachine.buffer(program.cacheCount)
    arena = FastMachine.buffer(FastMachine.arenaCapacity)
    registers = FastMachine.buffer(9)
    paramMissing = FastMachine.buffer(program.params.count)
    factShapes = program.factTypes.map(FastShape.init)
    var texts = Array(repeating: "", count: program.texts.count)
    for (text, id) in program.texts { texts[id] = text }
    textsByID = texts
    recordShapes = program.records.map { $0.map(FastShape.init) }
    fewTexts = FastMachine.fewTexts(of: program.texts)
    registers[3] = 1
    registers[4] = FastMachine.reserved
    registers[5] = FastMachine.reserved
    registers[6] = Int.min
    registers[7] = 1
  }

  deinit {
    for p in [
      facts, unheld, params, slots, rules, undecidedStamps, undecided, outputs, memo,
      arena,
      registers, paramMissing, stamps,
      dayValues, dayStamps,
    ] { p.deallocate() }
  }

  /// Marks the citizen as beyond the lane; returns the 0 expressions yield from then on.
  func fail() -> Int {
    registers[2] = 1
    return 0
  }

  /// Fact `f`, or a failure when the lane does not hold it for this citizen.
  @inline(__always) func fact(_ f: Int) -> Int {
    if unheld[f] != 0 { return fail() }
    return facts[f]
  }

  /// A parameter's value, or a failure when it has none on the day.
  func param(_ p: Int) -> Int {
    if paramMissing[p] != 0 { return fail() }
    return params[p]
  }

  var recordTypes: [[RuleType]] { program.records }
  var factTypes: [RuleType] { program.factTypes }
  var textTable: [String: Int] { program.texts }

  /// Reserves `count` words of arena; nil (and the citizen fails) when it is full.
  func allocate(_ count: Int) -> Int? {
    let top = registers[4]
    guard count >= 0, top + count <= FastMachine.arenaCapacity else {
      _ = fail()
      return nil
    }
    registers[4] = top + count
    return top
  }

  /// Runs every compiled rule for `facts` on `day`.
  ///
  /// - Returns: true (the rules in `undecided` still need the general machine; the slots of
  ///   every other rule hold its value and outputs).
  func run(facts values: [Value], day: Int) -> Bool {
    if registers[6] != day { setDay(day) }
    registers[2] = 0
    registers[3] += 1
    registers[4] = registers[5]
    registers[8] = 0
    values.withUnsafeBufferPointer { buf in
      for f in readFacts {
        if f < buf.count, let v = load(buf[f], factShapes[f], at: .fact(f)) {
          facts[f] = v
          unheld[f] = 0
        } else {
          unheld[f] = 1
        }
      }
    }
    // A full arena while loading leaves facts unheld; the rules run from a clean flag.
    registers[2] = 0
    runRules(self)
    for o in textOutputs where outputs[o] == -1 { giveUp(rule: program.outputRule[o]) }
    return true
  }

  /// Starts a citizen whose rules were decided elsewhere (the vector lane): no rule given up,
  /// an empty arena; the caller then writes `rules`, `outputs` and `copyList`.
  func adopt(day: Int) {
    if registers[6] != day { setDay(day) }
    registers[2] = 0
    registers[3] += 1
    registers[4] = registers[5]
    registers[8] = 0
  }

  /// Copies a list of words (count, then items) into this citizen's arena; nil when full.
  func copyList(_ from: UnsafeMutablePointer<Int>) -> Int? {
    let n = from[0]
    guard let at = allocate(n + 1) else { return nil }
    (arena + at).update(from: from, count: n + 1)
    return at
  }

  private func setDay(_ day: Int) {
    registers[0] = day
    registers[1] = CivilDate(dayNumber: day).year
    registers[6] = day
    registers[7] += 1
    registers[4] = FastMachine.reserved
    loadParams(program.params, day: day, into: params, missing: paramMissing)
    registers[5] = registers[4]
  }

  /// Output `o` as a general-machine value, so it is written exactly as the general path
  /// writes it.
  func output(_ o: Int) -> Value { value(outputs[o], program.outputTypes[o]) }

  private func value(_ x: Int, _ type: RuleType) -> Value {
    if x == FastValue.none, type.isOptional { return .none }
    switch type.unwrapped {
    case .bool: return .bool(x != 0)
    case .int, .money: return .int(x)
    case .decimal: return .decimal(x)
    case .date: return .date(x)
    case .enumeration: return .enumCase(x)
    case .duration: return .duration(months: FastValue.months(x), days: FastValue.days(x))
    case .text: return x >= 0 && x < textsByID.count ? .text(textsByID[x]) : .none
    case .list(let element):
      let n = arena[x]
      var items: [Value] = []
      items.reserveCapacity(n)
      for i in 0..<n { items.append(value(arena[x + 1 + i], element)) }
      return .list(items)
    default: return .none
    }
  }
}
