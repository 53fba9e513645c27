import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Testing

/// Loads the whole `Rules/` folder through the public `RuleBook` API and runs its `test` blocks.
@Suite struct ShippedRulesTests {
  static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules")

  static func load() throws -> RuleBook {
    let (book, diagnostics) = RuleBook.load(paths: [rules.path])
    var sources: [String: String] = [:]
    for d in diagnostics {
      sources[d.span.path] = (try? String(contentsOfFile: d.span.path, encoding: .utf8)) ?? ""
    }
    let rendered = DiagnosticRenderer(sources: sources).render(diagnostics)
    #expect(diagnostics.isEmpty, "\(rendered)")
    return try #require(book, "\(rendered)")
  }

  /// The Korean public holidays with the one-off file in `Rules/calendar/`: what
  /// `next_business_day` skips in the shipped rules.
  static func calendar() throws -> HolidayCalendar {
    let file = rules.appendingPathComponent("calendar/one-off-holidays.txt")
    let text = try String(contentsOf: file, encoding: .utf8)
    let parsed = OneOffHolidayFile.parse(text, path: file.path)
    #expect(parsed.diagnostics.isEmpty)
    return HolidayCalendar(oneOffs: parsed.holidays)
  }

  @Test("Rules/ 폴더 전체가 오류 없이 읽힌다")
  func loads() throws {
    let book = try Self.load()
    #expect(book.ruleNames.count >= 1)
  }

  @Test("Rules/ 안의 test 블록이 한국 공휴일 달력으로 모두 통과한다")
  func embeddedTestsPass() throws {
    let book = try Self.load()
    let calendar = try Self.calendar()
    let outcomes = book.runTests(calendar: calendar)
    #expect(!outcomes.isEmpty)
    for o in outcomes where !o.passed {
      Issue.record("\(o.title): \(book.render(o.failures))")
    }
  }

  @Test("규칙마다 test 블록이 세 개 이상 있다")
  func everyRuleIsTested() throws {
    let book = try Self.load()
    #expect(book.testCount >= 3 * book.ruleNames.count)
  }

  static let profiles = rules.deletingLastPathComponent().appendingPathComponent("Corpus/profiles")

  @Test("데모 시민 프로필은 파일 이름이 id이고, 모든 규칙이 오류 없이 평가된다")
  func demoProfilesEvaluateWithoutFaults() throws {
    let book = try Self.load()
    let calendar = try Self.calendar()
    let evaluator = book.evaluator(calendar: calendar)
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.profiles.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 15)
    let dates = ["2026-01-02", "2026-06-20", "2026-11-29", "2027-03-02"]
      .compactMap(CivilDate.init(iso:))
    for file in files {
      let data = try Data(contentsOf: Self.profiles.appendingPathComponent(file))
      let profile = book.profile(json: data)
      #expect(profile.id.map { $0 + ".json" } == file, "\(file): id does not match the file name")
      for day in dates {
        let evaluation = evaluator.evaluate(profile, asOf: day)
        for r in evaluation.rules {
          if case .fault(let f) = r.status { Issue.record("\(file) \(day) \(r.name): \(f)") }
        }
      }
    }
  }

  @Test("데모 시민의 알림: 창, 알림일, 조사가 맞춰진 문구")
  func demoReminders() throws {
    let book = try Self.load()
    let evaluator = book.evaluator(calendar: try Self.calendar())
    let file = Self.profiles.appendingPathComponent("c004-choi-minho.json")
    let profile = book.profile(json: try Data(contentsOf: file))
    let asOf = try #require(CivilDate(iso: "2026-03-02"))
    let result = try #require(evaluator.evaluate(profile, asOf: asOf).rule("civil_defense"))
    #expect(result.status == .holds)
    let reminder = try #require(result.reminders.first)
    #expect(reminder.start == CivilDate(iso: "2026-03-01"))
    #expect(reminder.end == CivilDate(iso: "2026-11-30"))
    let notify = ["2026-03-01", "2026-11-16", "2026-11-27"].compactMap(CivilDate.init(iso:))
    #expect(reminder.notifyOn == notify)
    let expected = "최민호님은 2026년 민방위 4년차입니다. 사이버교육 2시간을 "
    #expect(reminder.message.hasPrefix(expected), "\(reminder.message)")
  }

  /// A demo citizen's expected reminder: profile, date, rule, window, notify days, message start.
  struct ExpectedReminder: Sendable, CustomStringConvertible {
    var file: String
    var asOf: String
    var rule: String
    var window: (String, String)
    var notify: [String]
    var message: String

    var description: String { "\(file) \(rule) \(asOf)" }
  }

  static let expectedReminders: [ExpectedReminder] = [
    ExpectedReminder(
      file: "c002-park-junho.json", asOf: "2026-11-29", rule: "car_tax",
      window: ("2026-12-16", "2026-12-31"), notify: ["2026-12-16", "2026-12-24", "2026-12-30"],
      message: "박준호님, 자동차세 116,330원 납부 기간입니다. 2026년 12월 31일까지"),
    ExpectedReminder(
      file: "c013-bae-hyunwoo.json", asOf: "2026-11-29", rule: "comprehensive_real_estate_tax",
      window: ("2026-12-01", "2026-12-15"), notify: ["2026-12-01", "2026-12-10", "2026-12-14"],
      message: "배현우님, 종합부동산세 납부 기한은 2026년 12월 15일입니다."),
    ExpectedReminder(
      file: "c008-han-jisoo.json", asOf: "2026-11-29", rule: "moving_in",
      window: ("2026-11-20", "2026-12-04"), notify: ["2026-11-21", "2026-11-30", "2026-12-03"],
      message: "한지수님, 이사하셨다면 전입신고를 2026년 12월 4일까지"),
    ExpectedReminder(
      file: "c009-oh-sangchul.json", asOf: "2026-11-29", rule: "war_veteran_allowance",
      window: ("2013-03-25", "2013-03-31"), notify: ["2013-02-25", "2013-03-25"],
      message: "오상철님, 참전유공자 참전명예수당을 2013년 3월 25일부터 받을 수 있습니다. 국가보훈부로 "),
  ]

  @Test("데모 시민의 알림: 세금·신고·수당의 창과 알림일", arguments: expectedReminders)
  func demoRemindersByRule(_ x: ExpectedReminder) throws {
    let book = try Self.load()
    let evaluator = book.evaluator(calendar: try Self.calendar())
    let data = try Data(contentsOf: Self.profiles.appendingPathComponent(x.file))
    let profile = book.profile(json: data)
    let asOf = try #require(CivilDate(iso: x.asOf))
    let result = try #require(evaluator.evaluate(profile, asOf: asOf).rule(x.rule))
    #expect(result.status == .holds)
    let reminder = try #require(result.reminders.first)
    #expect(reminder.start == CivilDate(iso: x.window.0))
    #expect(reminder.end == CivilDate(iso: x.window.1))
    #expect(reminder.notifyOn == x.notify.compactMap(CivilDate.init(iso:)))
    #expect(reminder.message.hasPrefix(x.message), "\(reminder.message)")
  }
}
