import CivilCalendar
import Foundation
import Testing

@testable import Secretary

@Suite struct ReminderPlannerTests {
  static let rules: CitizenRules? = {
    let root = GoldenConversationTests.root
    return CitizenRules.load(
      rules: root.appendingPathComponent("Rules").path,
      profiles: root.appendingPathComponent("Corpus/profiles").path,
      data: NSTemporaryDirectory() + "biseo-plan-\(UUID().uuidString)"
    ).rules
  }()

  private func date(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

  @Test func quietHoursDeferToTheirEnd() throws {
    let quiet = QuietHours.standard
    let nine = try date("2026-03-02").instant(atHour: 9)
    #expect(quiet.deferring(nine) == nine)
    let late = try date("2026-03-02").instant(atHour: 22)
    #expect(quiet.deferring(late) == (try date("2026-03-03")).instant(atHour: 8))
    let early = try date("2026-03-03").instant(atHour: 6)
    #expect(quiet.deferring(early) == (try date("2026-03-03")).instant(atHour: 8))
    #expect(QuietHours("off")?.deferring(late) == late)
    #expect(QuietHours("23:30-06:00") == QuietHours(start: 23 * 60 + 30, end: 6 * 60))
    #expect(QuietHours("25:00-06:00") == nil)
  }

  @Test("구독한 서비스의 알림만, 같은 키로, 기간 안에서")
  func plansSubscribedRemindersWithStableKeys() throws {
    let rules = try #require(Self.rules)
    let planner = ReminderPlanner(rules: rules)
    let plans = planner.plan(citizen: "c004-choi-minho", asOf: try date("2026-11-01"), days: 60)
    #expect(!plans.isEmpty)
    #expect(plans.allSatisfy { $0.rule == "civil_defense" && $0.channels == ["toss"] })
    #expect(plans.map(\.notifyDay) == [try date("2026-11-16"), try date("2026-11-27")])
    #expect(plans.first?.key == "c004-choi-minho:civil_defense:2026-11-30:2026-11-16")
    #expect(plans.first?.sendAt == (try date("2026-11-16")).instant(atHour: 9))
    let again = planner.plan(citizen: "c004-choi-minho", asOf: try date("2026-11-01"), days: 60)
    #expect(again == plans)
    let all = planner.plan(
      citizen: "c004-choi-minho", asOf: try date("2026-11-01"), days: 60, subscribedOnly: false)
    #expect(all.count > plans.count)
  }

  /// Planning citizens together (the daemon's cycle: one batch of the vector lane per sample
  /// day) plans exactly what planning them one by one plans, whatever they subscribed to.
  @Test("여러 시민을 한 묶음으로 계획해도 한 명씩 계획한 것과 같다")
  func batchPlansEqualOneByOne() throws {
    let rules = try #require(Self.rules)
    let planner = ReminderPlanner(rules: rules)
    let ids = rules.profiles.citizenIDs() + ["no-such-citizen"]
    for asOf in ["2026-01-01", "2026-06-13", "2026-11-01", "2028-02-27"] {
      for subscribedOnly in [true, false] {
        let day = try date(asOf)
        let batched = planner.plan(
          citizens: ids, asOf: day, days: 40, subscribedOnly: subscribedOnly)
        let single = ids.map {
          planner.plan(citizen: $0, asOf: day, days: 40, subscribedOnly: subscribedOnly)
        }
        #expect(batched == single, "\(asOf) subscribedOnly: \(subscribedOnly)")
        if !subscribedOnly { #expect(batched.contains { !$0.isEmpty }) }
      }
    }
  }

  /// The planner reads subscriptions from the rule book's decoded facts; an entry the book
  /// cannot decode sends it back to the JSON, which skips the odd parts as it always did.
  @Test(arguments: [
    (
      #"{"service": "civil_defense", "channels": ["toss"]}, {"service": "civil_defense", "channels": ["kakao"]}"#,
      ["toss", "kakao"]
    ),
    (#"{"service": "civil_defense", "channels": ["toss", 7]}, {"channels": ["sms"]}"#, ["toss"]),
    (#"{"service": "civil_defense"}"#, []),
  ])
  func subscriptionsReadTheSameWhateverTheirShape(entries: String, channels: [String]) throws {
    let rules = try #require(Self.rules)
    let data = NSTemporaryDirectory() + "biseo-plan-subs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: data + "/citizens", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: data) }
    let demo = GoldenConversationTests.root.appendingPathComponent(
      "Corpus/profiles/c004-choi-minho.json")
    let text = try String(contentsOf: demo, encoding: .utf8).replacingOccurrences(
      of: #"[{"service": "civil_defense", "channels": ["toss"], "consentedAt": "2024-02-01"}]"#,
      with: "[\(entries)]")
    try #require(text.contains(entries))
    try Data(text.utf8).write(to: URL(fileURLWithPath: data + "/citizens/c004-choi-minho.json"))
    let plans = ReminderPlanner(rules: rules.withDataDirectory(data)).plan(
      citizen: "c004-choi-minho", asOf: try date("2026-11-01"), days: 60)
    #expect(plans.map(\.notifyDay) == [try date("2026-11-16"), try date("2026-11-27")])
    #expect(plans.allSatisfy { $0.channels == channels })
  }
}

@Suite struct ReminderStabilityTests {
  /// A reminder whose window follows the evaluation date ("due today" for something overdue)
  /// would get a new key every day, and the daemon would send it every day.
  @Test("알림 기간은 평가 날짜를 따라 움직이지 않는다")
  func windowsDoNotFollowTheEvaluationDate() throws {
    let rules = try #require(ReminderPlannerTests.rules)
    var moving: [String] = []
    for citizen in rules.profiles.citizenIDs() {
      for start in [
        "2026-01-05", "2026-03-02", "2026-06-15", "2026-09-01", "2026-12-20", "2027-01-05",
      ] {
        let day = try #require(CivilDate(iso: start))
        guard let first = rules.evaluate(citizen, asOf: day),
          let second = rules.evaluate(citizen, asOf: day.adding(days: 1))
        else { continue }
        for result in first.rules {
          for reminder in result.reminders where reminder.end == day {
            let next = second.rule(result.name)?.reminders ?? []
            if next.contains(where: { $0.end == day.adding(days: 1) }) {
              moving.append("\(citizen) \(result.name) \(start)")
            }
          }
        }
      }
    }
    #expect(moving.isEmpty, "\(moving)")
  }
}
