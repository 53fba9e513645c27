import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Testing

/// The Korean public holidays (with the one-off file in `Rules/calendar/`) as the evaluator's
/// business calendar: what `next_business_day` skips in the shipped rules.
struct KoreanBusinessCalendar: BusinessCalendar {
  let holidays: HolidayCalendar

  init(oneOffFile: URL) throws {
    let text = try String(contentsOf: oneOffFile, encoding: .utf8)
    let parsed = OneOffHolidayFile.parse(text, path: oneOffFile.path)
    holidays = HolidayCalendar(oneOffs: parsed.holidays)
  }

  func isBusinessDay(_ date: CivilDate) -> Bool { holidays.isBusinessDay(date, under: .civil) }
}

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

  @Test("Rules/ 폴더 전체가 오류 없이 읽힌다")
  func loads() throws {
    let book = try Self.load()
    #expect(book.ruleNames.count >= 1)
  }

  @Test("Rules/ 안의 test 블록이 한국 공휴일 달력으로 모두 통과한다")
  func embeddedTestsPass() throws {
    let book = try Self.load()
    let calendar = try KoreanBusinessCalendar(
      oneOffFile: Self.rules.appendingPathComponent("calendar/one-off-holidays.txt"))
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
    let calendar = try KoreanBusinessCalendar(
      oneOffFile: Self.rules.appendingPathComponent("calendar/one-off-holidays.txt"))
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
}
