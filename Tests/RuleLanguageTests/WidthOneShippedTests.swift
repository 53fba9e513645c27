import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// The shipped rule book citizen by citizen: the demo citizens and variations of them must get
/// the same lines, rule values and reminders with the vector lane (at width one) on and off.
@Suite struct WidthOneShippedTests {
  /// Every 23rd day over four years (all weekdays, month ends and starts drift through),
  /// plus 29 February and year ends.
  static let dates: [CivilDate] = {
    let first = day("2025-01-01").dayNumber
    var all = stride(from: first, to: first + 4 * 365, by: 23).map(CivilDate.init(dayNumber:))
    all += ["2028-02-29", "2027-12-31", "2026-03-02"].map(day)
    return all
  }()

  static func demoLines() throws -> [String] {
    let dir = ShippedRulesTests.profiles
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    return try files.map {
      let data = try Data(contentsOf: dir.appendingPathComponent($0))
      // One line per citizen, as `evaluateLine` reads them.
      return String(decoding: data, as: UTF8.self).split(separator: "\n").joined(separator: " ")
    }
  }

  /// Every date in `value` moved by `shift` days; some keys dropped, some incomes changed.
  static func vary(_ value: Any, _ shift: Int, _ rng: inout SeededGenerator) -> Any? {
    switch value {
    case let s as String:
      guard s.count == 10, let d = CivilDate(iso: s) else { return s }
      return "\(d.adding(days: shift))"
    case let items as [Any]:
      return items.compactMap { vary($0, shift, &rng) }
    case let fields as [String: Any]:
      var out: [String: Any] = [:]
      for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
        if k != "id", Int.random(in: 0..<25, using: &rng) == 0 { continue }
        // Numbers keep their JSON type only if left alone (Foundation may box a bool as one).
        let percentile = k == "incomePercentile" && Int.random(in: 0..<3, using: &rng) == 0
        out[k] = percentile ? Int.random(in: 0...100, using: &rng) : vary(v, shift, &rng)
      }
      return out
    default:
      return value
    }
  }

  static func variations(of lines: [String], count: Int) throws -> [String] {
    var rng = SeededGenerator(state: 29)
    var out: [String] = []
    for i in 0..<count {
      let base = try JSONSerialization.jsonObject(with: Data(lines[i % lines.count].utf8))
      let shift = Int.random(in: -3000...1500, using: &rng)
      let varied = try #require(vary(base, shift, &rng))
      let data = try JSONSerialization.data(withJSONObject: varied, options: [.sortedKeys])
      out.append(String(decoding: data, as: UTF8.self))
    }
    return out
  }

  /// Both lanes on every line and date: the JSON line, then the planner's path (only rules
  /// with reminders, then their reminders).
  ///
  /// - Returns: how many runs the lane took, and how many rules it then left to the
  ///   general machine.
  static func compare(_ lines: [String], dates: [CivilDate]) throws -> (runs: Int, general: Int) {
    let book = try ShippedRulesTests.load()
    let calendar = try ShippedRulesTests.calendar()
    let lane = book.evaluator(calendar: calendar)
    let general = book.evaluator(calendar: calendar)
    general.vectorLaneEnabled = false
    let reminding = book.ruleNames.indices.filter { lane.declaresReminders(rule: $0) }
    for line in lines {
      let profile = book.profile(json: Array(line.utf8))
      for asOf in dates {
        var a: [UInt8] = []
        var b: [UInt8] = []
        Array(line.utf8).withUnsafeBufferPointer { buf in
          lane.evaluateLine(buf, asOf: asOf, into: &a)
          general.evaluateLine(buf, asOf: asOf, into: &b)
        }
        #expect(
          a == b,
          "\(asOf) \(line)\nlane:    \(String(decoding: a, as: UTF8.self))general: \(String(decoding: b, as: UTF8.self))"
        )
        lane.compute(profile, asOf: asOf)
        general.compute(profile, asOf: asOf)
        for r in book.ruleNames.indices {
          #expect(lane.holds(r) == general.holds(r), "\(asOf) \(book.ruleNames[r]) \(line)")
          #expect(
            lane.missingFacts(ofRule: r) == general.missingFacts(ofRule: r),
            "\(asOf) \(book.ruleNames[r]) \(line)")
        }
        lane.compute(profile, asOf: asOf, rules: reminding)
        general.compute(profile, asOf: asOf, rules: reminding)
        let week = asOf...asOf.adding(days: 6)
        for r in reminding {
          #expect(
            lane.reminders(ofRule: r, notifyingWithin: week)
              == general.reminders(ofRule: r, notifyingWithin: week),
            "\(asOf) \(book.ruleNames[r]) \(line)")
        }
      }
    }
    #expect(general.vectorLaneCount == 0)
    return (lane.vectorLaneCount, lane.generalRuleCount)
  }

  @Test("Rules/에 벡터 길이 있고, 일반 기계에 남는 규칙은 드물다")
  func shippedBookHasALane() throws {
    let book = try ShippedRulesTests.load()
    let note = book.vectorLaneMissing ?? ""
    #expect(!note.hasPrefix("not compiled"), "\(note)")
  }

  @Test("데모 시민 16명: 여러 날짜에서 한 명씩 돌린 벡터 길과 일반 기계가 같다")
  func demoCitizensAgree() throws {
    let lines = try Self.demoLines()
    #expect(lines.count >= 16)
    let (runs, general) = try Self.compare(lines, dates: Self.dates)
    // The lane takes every run (three per citizen and date) and decides every rule itself,
    // though demo citizens leave many facts unknown (their values then wait for those facts).
    #expect(runs == 3 * lines.count * Self.dates.count)
    #expect(general == 0, "\(general) rules on the general machine")
  }

  @Test("데모 시민의 변형: 날짜를 옮기고 값을 바꾸고 키를 빼도 같다")
  func variationsAgree() throws {
    let lines = try Self.variations(of: Self.demoLines(), count: 240)
    let dates = stride(from: 0, to: Self.dates.count, by: 8).map { Self.dates[$0] }
    let (runs, general) = try Self.compare(lines, dates: dates)
    // Unknowns, faults and Kleene logic all stay in the lane: no rule goes to the general
    // machine.
    #expect(runs > 0 && general == 0, "\(general) rules on the general machine")
  }
}
