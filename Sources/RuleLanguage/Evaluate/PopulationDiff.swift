import CivilCalendar

/// `biseo diff`: one population through a rule book and its reform, citizen by citizen,
/// tallying what changed.
///
/// Both books run on the one engine `biseo evaluate` runs, batch by batch, and each output
/// is compared as the JSON `evaluate` would print for it, so the diff agrees with two
/// `evaluate` runs by construction. When both books declare the same facts (a reform file
/// always does), each citizen is decoded once: the reform's lane takes the base's columns.
public final class PopulationDiff {
  let base: Evaluator
  let reform: Evaluator
  let asOf: CivilDate
  let shard: Shard?
  /// Both run their vector lanes a batch at a time (else one citizen at a time).
  let batched: Bool
  /// The reform reads the citizens the base decoded.
  let shared: Bool
  /// Rules and outputs in both books (base index, reform index), in `report.items` order.
  let rulePairs: [(Int, Int)]
  let outputPairs: [(Int, Int)]
  let groupings: [Grouping]
  var report: DiffReport
  /// Per grouping, each value's index in its groups.
  var groupIndex: [[String: Int]]
  var changes: [(item: Int, tally: DiffReport.Tally)] = []
  /// The current citizen's group under each grouping (batched path).
  var groupValues: [String] = []
  /// Citizens read so far, batched or tallied (for `progress`).
  var taken = 0
  var before: [UInt8] = []
  var after: [UInt8] = []
  var profile: Profile
  var reformProfile: Profile

  /// - Parameter by: facts to group by: an enum, a text, a yes/no, a whole number, or a date
  ///   (grouped by age in ten-year bands as of `asOf`).
  /// - Throws: `DiffError` for a `by` fact the base book lacks or cannot group by.
  public init(
    base: RuleBook, reform: RuleBook, asOf: CivilDate, calendar: any BusinessCalendar,
    shard: Shard? = nil, by: [String] = []
  ) throws(DiffError) {
    self.base = base.evaluator(calendar: calendar)
    self.reform = reform.evaluator(calendar: calendar)
    self.asOf = asOf
    self.shard = shard
    let (b, r) = (base.program, reform.program)
    batched = base.vector != nil && reform.vector != nil
    shared =
      PopulationDiff.sameFacts(b, r)
      && (!batched || base.vector?.readFacts == reform.vector?.readFacts)
    var items: [DiffReport.Item] = []
    var rules: [(Int, Int)] = []
    let reformRules = Dictionary(r.rules.enumerated().map { ($1.name, $0) }) { a, _ in a }
    for (i, rule) in b.rules.enumerated() {
      guard let j = reformRules[rule.name] else { continue }
      rules.append((i, j))
      items.append(
        .init(
          name: rule.name, rule: rule.name, title: rule.title, label: nil, isRule: true,
          isMoney: false, isNumber: false))
    }
    var outputs: [(Int, Int)] = []
    let reformOutputs = Dictionary(r.outputs.enumerated().map { ($1.name, $0) }) { a, _ in a }
    var onlyInBase: [String] = []
    for (i, o) in b.outputs.enumerated() {
      guard let j = reformOutputs[o.name], r.outputs[j].type == o.type else {
        onlyInBase.append(o.name)
        continue
      }
      outputs.append((i, j))
      let t = o.type.unwrapped
      let rule = o.rule >= 0 ? b.rules[o.rule] : nil
      items.append(
        .init(
          name: o.name, rule: rule?.name ?? "", title: rule?.title, label: o.label, isRule: false,
          isMoney: t == .money, isNumber: t == .money || t == .int))
    }
    let paired = Set(outputs.map { b.outputs[$0.0].name })
    let onlyInReform = r.outputs.map(\.name).filter { !paired.contains($0) }
    rulePairs = rules
    outputPairs = outputs
    groupings = try by.map { name throws(DiffError) in try Grouping(name, in: b) }
    groupIndex = Array(repeating: [:], count: groupings.count)
    report = DiffReport(
      asOf: asOf, items: items, totals: Array(repeating: .init(), count: items.count),
      groups: groupings.map { ($0.name, []) }, onlyInBase: onlyInBase,
      onlyInReform: onlyInReform)
    profile = base.emptyProfile()
    reformProfile = reform.emptyProfile()
  }

  /// Citizens per batch: tests make it small to cross many batches with few citizens.
  package var batchWidth: Int {
    get { base.vectorBatchWidth }
    set {
      base.vectorBatchWidth = newValue
      reform.vectorBatchWidth = newValue
    }
  }

  /// Called after each read of the population with the citizens compared and the bytes read
  /// so far (a progress line).
  public var progress: ((_ citizens: Int, _ bytesRead: Int) -> Void)?

  /// Reads the population from `descriptor` and tallies every citizen of the shard.
  public func run(inputDescriptor: Int32) throws -> DiffReport {
    try PopulationLines.read(inputDescriptor) { line in
      take(line)
    } afterChunk: { bytes in
      progress?(taken, bytes)
    }
    flush()
    for g in report.groups.indices {
      report.groups[g].groups.sort { PopulationDiff.groupOrder($0.value, $1.value) }
    }
    return report
  }

  private func take(_ line: UnsafeBufferPointer<UInt8>) {
    if PopulationLines.isBlank(line) { return }
    if batched {
      guard base.pend(line, asOf: asOf, shard: shard) else { return }
      taken += 1
      if !shared { _ = reform.pend(line, asOf: asOf, shard: shard) }
      if base.pendingCount >= min(base.vectorBatchWidth, VectorMachine.width) { flush() }
      return
    }
    base.book.decoder.decode(line, into: &profile)
    if let shard {
      guard let id = profile.id, shard.contains(id) else { return }
    }
    taken += 1
    base.compute(profile, asOf: asOf)
    if shared {
      reform.compute(profile, asOf: asOf)
    } else {
      reform.book.decoder.decode(line, into: &reformProfile)
      reform.compute(reformProfile, asOf: asOf)
    }
    tally()
  }

  private func flush() {
    guard batched else { return }
    if shared { reform.adoptPending(of: base) }
    let n = base.runPending()
    _ = reform.runPending()
    for i in 0..<n {
      base.makeCurrent(i)
      reform.makeCurrent(i)
      groupValues.removeAll(keepingCapacity: true)
      var decoded = false
      for g in groupings {
        // From the lane's columns when it holds the fact; else the line is decoded again.
        if let v = base.vector?.factValue(g.fact, lane: i) {
          groupValues.append(g.value(v, asOf: asOf, in: base.program))
        } else {
          if !decoded { base.pendingProfile(i, into: &profile) }
          decoded = true
          groupValues.append(g.value(of: profile, asOf: asOf, in: base.program))
        }
      }
      tally()
    }
  }

  /// Compares the current citizen in both books and adds what changed to the report (and to
  /// its groups, from `profile`'s facts).
  private func tally() {
    changes.removeAll(keepingCapacity: true)
    for (k, (r, s)) in rulePairs.enumerated() {
      let (was, now) = (base.holds(r), reform.holds(s))
      if was != now {
        let (gained, lost) = (now ? 1 : 0, was ? 1 : 0)
        changes.append(
          (k, .init(changed: 1, gained: gained, lost: lost, better: gained, worse: lost)))
      }
    }
    let first = rulePairs.count
    for (k, (o, p)) in outputPairs.enumerated() {
      // Same enums (`shared`), so an equal word is an equal value.
      if shared, let x = base.laneWord(o), let y = reform.laneWord(p), x == y { continue }
      before.removeAll(keepingCapacity: true)
      after.removeAll(keepingCapacity: true)
      base.writeOutput(o, into: &before)
      reform.writeOutput(p, into: &after)
      if before == after { continue }
      let (was, now) = (PopulationDiff.held(before), PopulationDiff.held(after))
      var t = DiffReport.Tally(changed: 1, gained: !was && now ? 1 : 0, lost: was && !now ? 1 : 0)
      if report.items[first + k].isNumber {
        t.difference = PopulationDiff.number(after) &- PopulationDiff.number(before)
        t.better = t.difference > 0 ? 1 : 0
        t.worse = t.difference < 0 ? 1 : 0
      }
      changes.append((first + k, t))
    }
    report.citizens += 1
    for (k, t) in changes { report.totals[k].add(t) }
    for (g, grouping) in groupings.enumerated() {
      let value =
        g < groupValues.count
        ? groupValues[g] : grouping.value(of: profile, asOf: asOf, in: base.program)
      let index: Int
      if let known = groupIndex[g][value] {
        index = known
      } else {
        index = report.groups[g].groups.count
        groupIndex[g][value] = index
        report.groups[g].groups.append(
          .init(value: value, tallies: Array(repeating: .init(), count: report.items.count)))
      }
      report.groups[g].groups[index].citizens += 1
      for (k, t) in changes { report.groups[g].groups[index].tallies[k].add(t) }
    }
  }

  /// Groups in a reader's order: numbers and age bands by their number, then words, then
  /// `none` and `unknown`.
  static func groupOrder(_ a: String, _ b: String) -> Bool {
    func key(_ s: String) -> (Int, Int, String) {
      if s == "none" || s == "unknown" { return (2, 0, s) }
      let digits = s.prefix { $0 == "-" || $0.isNumber }
      if let n = Int(digits.hasSuffix("-") ? String(digits.dropLast()) : String(digits)) {
        return (0, n, s)
      }
      return (1, 0, s)
    }
    return key(a) < key(b)
  }

  /// Whether an output's JSON is a value a citizen has: not `null`, `false`, `[]`, nor an
  /// unknown or a fault (`{…}`).
  static func held(_ json: [UInt8]) -> Bool {
    guard let c = json.first else { return false }
    if c == UInt8(ascii: "n") || c == UInt8(ascii: "f") || c == UInt8(ascii: "{") { return false }
    return json != Array("[]".utf8)
  }

  /// A whole number's JSON as a number; anything else (none, unknown) as 0.
  static func number(_ json: [UInt8]) -> Int {
    var (n, sign, digits) = (0, 1, false)
    for (i, c) in json.enumerated() {
      if i == 0, c == UInt8(ascii: "-") {
        sign = -1
      } else if c >= 0x30, c <= 0x39 {
        n = n &* 10 &+ Int(c - 0x30)
        digits = true
      } else {
        return 0
      }
    }
    return digits ? sign * n : 0
  }

  /// Whether two programs declare the same facts, read from the same keys with the same
  /// types (so one's decoded citizen is the other's).
  static func sameFacts(_ a: Program, _ b: Program) -> Bool {
    guard a.facts.count == b.facts.count, a.records.count == b.records.count,
      a.enums.map(\.json) == b.enums.map(\.json)
    else { return false }
    for (x, y) in zip(a.facts, b.facts)
    where x.name != y.name || x.type != y.type || x.keyPath != y.keyPath {
      return false
    }
    for (x, y) in zip(a.records, b.records) {
      guard x.fields.count == y.fields.count else { return false }
      for (f, g) in zip(x.fields, y.fields)
      where f.name != g.name || f.type != g.type || f.key != g.key {
        return false
      }
    }
    return true
  }
}
