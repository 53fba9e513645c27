import CivilCalendar
import Foundation
import Testing

/// Compares the calendar with `kr-holidays.tsv`, written once by python `holidays` 0.109
/// (`Fixtures/generate_holidays.py`).
@Suite struct OracleComparisonTests {
  /// Names that differ only in spelling between us and the oracle, mapped to one form.
  ///
  /// - `holidays` writes `X 대체 휴일`; the regulation's word is 대체공휴일.
  /// - `holidays` calls both 1 and 2 Jan `신정연휴`; we name 1 Jan `신정`.
  /// - `holidays` renames 석가탄신일 from 2017; the 2017.10 amendment took effect after 2017-05-03,
  ///   so we rename from 2018.
  static func normalized(_ name: some StringProtocol) -> String {
    var text = name.replacingOccurrences(of: " ", with: "")
    text = text.replacingOccurrences(of: "대체휴일", with: "대체공휴일")
    text = text.replacingOccurrences(of: "신정연휴", with: "신정")
    text = text.replacingOccurrences(of: "석가탄신일", with: "부처님오신날")
    return text
  }

  static let oracle: [Int: [String]] = {
    var byYear: [Int: [String]] = [:]
    for row in (try? CalendarFixtures.rows("kr-holidays.tsv")) ?? [] where row.count == 2 {
      guard let year = Int(row[0].prefix(4)) else { continue }
      byYear[year, default: []].append("\(row[0]) \(normalized(row[1]))")
    }
    return byYear
  }()

  @Test func fixtureCoversEveryYear() {
    #expect(Self.oracle.keys.sorted() == Array(HolidayCalendar.coveredYears))
  }

  @Test("연도별 공휴일이 oracle과 일치", arguments: HolidayCalendar.coveredYears)
  func yearMatchesOracle(year: Int) {
    let ours = CalendarFixtures.calendar.holidays(in: year)
      .map { "\($0.date) \(Self.normalized($0.name))" }.sorted()
    let theirs = (Self.oracle[year] ?? []).sorted()
    let missing = theirs.filter { !ours.contains($0) }
    let extra = ours.filter { !theirs.contains($0) }
    #expect(
      missing.isEmpty && extra.isEmpty,
      "\(year): only in oracle \(missing); only in ours \(extra)")
  }
}

extension OracleComparisonTests {
  @Test func comparisonSeesEveryLine() {
    let ours = HolidayCalendar.coveredYears.map { CalendarFixtures.calendar.holidays(in: $0).count }
    let theirs = HolidayCalendar.coveredYears.map { Self.oracle[$0]?.count ?? 0 }
    #expect(ours.reduce(0, +) == theirs.reduce(0, +))
    #expect(ours.reduce(0, +) > 1300)
  }
}
