import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// Demo citizens' reminder plans for a fixed year, against `Corpus/plans/<citizen>.plan`.
///
/// Every notification the rules produce (subscribed or not), in the form `biseo plan --all`
/// prints. `RECORD_GOLDEN=1` rewrites them and records an issue.
@Suite struct GoldenPlanTests {
  static let citizens = [
    "c002-park-junho", "c004-choi-minho", "c005-jung-youngsook", "c006-kang-dongwook",
    "c013-bae-hyunwoo", "c015-jang-minsu",
  ]
  static let asOf = CivilDate(year: 2026, month: 3, day: 2)

  @Test(arguments: citizens)
  func plan(_ citizen: String) throws {
    let rules = try #require(ReminderPlannerTests.rules)
    let asOf = try #require(Self.asOf)
    let plans = ReminderPlanner(rules: rules).plan(
      citizen: citizen, asOf: asOf, days: 365, subscribedOnly: false)
    let actual =
      "# biseo plan --citizen \(citizen) --as-of \(asOf) --days 365 --all\n"
      + plans.map { "\($0.notifyDay)  \($0.title) (~\($0.windowEnd))  \($0.message)\n" }.joined()
    let url = GoldenConversationTests.root.appendingPathComponent("Corpus/plans/\(citizen).plan")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded \(url.lastPathComponent); review it and run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "\(citizen):\n\(Transcript.diff(expected, actual))")
  }
}
