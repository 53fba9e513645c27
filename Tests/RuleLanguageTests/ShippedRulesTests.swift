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
}
