import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// `biseo check --sources`: the report on a small fixture book, and its judgements.
@Suite struct SourcesReportTests {
  static let fixture = "Golden/Sources/fixture.rule"

  static func book() throws -> RuleBook {
    let url = TestPaths.testsFolder.appendingPathComponent(fixture)
    let text = try String(contentsOf: url, encoding: .utf8)
    let (book, diagnostics) = RuleBook.load([RuleFile(path: fixture, text: text)])
    return try #require(book, "\(diagnostics.map(\.message))")
  }

  static func day(_ text: String) throws -> CivilDate {
    try #require(CivilDate(iso: text))
  }

  @Test func textMatchesGolden() throws {
    let report = ParameterSourcesReport(book: try Self.book(), asOf: try Self.day("2026-12-07"))
    let file = TestPaths.golden.appendingPathComponent("Sources/fixture.sources.txt")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try report.text.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded fixture.sources.txt; run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(report.text == expected, "got\n\(report.text)")
  }

  @Test func judgesUncertainAndStale() throws {
    let report = ParameterSourcesReport(book: try Self.book(), asOf: try Self.day("2026-12-07"))
    #expect(report.uncertain.map(\.name) == ["threshold", "report_period"])
    #expect(report.stale.map(\.name) == ["threshold"])
    #expect(report.strictStatus == 1)
    let amount = try #require(report.parameters.first { $0.name == "monthly_amount" })
    #expect(amount.latestValue == "350_000 won")
    #expect(amount.effective == (try Self.day("2026-01-01")))
    #expect(amount.sourceDate == (try Self.day("2025-12-30")))
    #expect(amount.yearly && !amount.stale)
    #expect(amount.readBy == ["checkup", "allowance"])
  }

  @Test func aYearlyValueGoesStaleWhenTheYearTurns() throws {
    let report = ParameterSourcesReport(book: try Self.book(), asOf: try Self.day("2027-01-01"))
    #expect(report.stale.map(\.name) == ["monthly_amount", "threshold"])
  }

  @Test func readersIncludeFunctionsAndReminders() throws {
    let report = ParameterSourcesReport(book: try Self.book(), asOf: try Self.day("2026-12-07"))
    let readers = Dictionary(uniqueKeysWithValues: report.parameters.map { ($0.name, $0.readBy) })
    #expect(readers["checkup_min_age"] == ["checkup"])
    #expect(readers["report_period"] == ["checkup"])
    #expect(readers["unused_rate"] == [])
  }

  @Test func nothingToReportExitsZero() throws {
    let text = """
      param a: int
        = 1 since 2020-01-01
        source "법 §1 [확정]"
      """
    let book = try #require(RuleBook.load([RuleFile(path: "a.rule", text: text)]).book)
    let report = ParameterSourcesReport(book: book, asOf: try Self.day("2026-12-07"))
    #expect(report.strictStatus == 0)
    #expect(report.text.hasSuffix("1 parameters, 0 uncertain, 0 stale as of 2026-12-07\n"))
  }

  @Test func jsonCarriesTheSameJudgements() throws {
    let report = ParameterSourcesReport(book: try Self.book(), asOf: try Self.day("2026-12-07"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
    #expect(object["asOf"] as? String == "2026-12-07")
    #expect(object["stale"] as? [String] == ["threshold"])
    let parameters = try #require(object["parameters"] as? [[String: Any]])
    #expect(parameters.count == 5)
    #expect(parameters.first?["latestValue"] as? String == "20")
  }

  @Test func sourceDatesReadTheLatestWholeDate() {
    #expect(
      ParameterSourcesReport.latestDate(in: "2024.12.31 고시, 2026. 3. 1. 통과")?.description
        == "2026-03-01")
    #expect(ParameterSourcesReport.latestDate(in: "2026년 1월") == nil)
  }
}
