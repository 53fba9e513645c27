import CivilCalendar
import Foundation
import Testing

/// Checks Foundation's `dangi` calendar, which gives the lunar holidays, against
/// `kr-lunar.tsv` (python `korean-lunar-calendar` 0.4.0, KASI tables, 1990–2050).
@Suite struct LunarCalendarTests {
  struct LunarRow: CustomTestStringConvertible, Sendable {
    let year: Int
    let seollal: CivilDate
    let buddha: CivilDate
    let chuseok: CivilDate
    var testDescription: String { String(year) }
  }

  static let table: [LunarRow] = ((try? CalendarFixtures.rows("kr-lunar.tsv")) ?? []).compactMap {
    guard $0.count == 4, let year = Int($0[0]), let a = CivilDate(iso: $0[1]),
      let b = CivilDate(iso: $0[2]), let c = CivilDate(iso: $0[3])
    else { return nil }
    return LunarRow(year: year, seollal: a, buddha: b, chuseok: c)
  }

  @Test func tableCovers1990Through2050() {
    #expect(Self.table.map(\.year) == Array(1990...2050))
  }

  @Test("설날·부처님오신날·추석이 KASI 표와 일치", arguments: table)
  func lunarHolidaysMatchKASI(row: LunarRow) {
    let holidays = HolidayCalendar().holidays(in: row.year)
    func date(_ name: String) -> CivilDate? { holidays.first { $0.name == name }?.date }
    #expect(date("설날") == row.seollal)
    #expect(date("추석") == row.chuseok)
    #expect((date("부처님오신날") ?? date("석가탄신일")) == row.buddha)
  }

  /// Years where the Korean date differs from the Chinese one (domain doc §9.4).
  @Test(
    "한국 음력은 중국 음력과 다르다",
    arguments: [
      ("1997-02-08", "설날", 1, 1), ("2001-05-01", "석가탄신일", 4, 8),
      ("2012-05-28", "석가탄신일", 4, 8), ("2023-05-27", "부처님오신날", 4, 8),
      ("2027-02-07", "설날", 1, 1), ("2028-01-27", "설날", 1, 1), ("2040-09-21", "추석", 8, 15),
    ])
  func koreanNotChineseDates(korean: String, name: String, month: Int, day: Int) throws {
    let date = try CivilDate.iso(korean)
    #expect(HolidayCalendar().holidays(on: date).contains { $0.name == name })
    // In the Chinese calendar the same Gregorian day is another lunar day (2012: 윤4월 8일).
    var chinese = Calendar(identifier: .chinese)
    chinese.timeZone = try #require(TimeZone(identifier: "Asia/Seoul"))
    var gregorian = Calendar(identifier: .gregorian)
    gregorian.timeZone = chinese.timeZone
    let instant = try #require(
      gregorian.date(
        from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)))
    let lunar = chinese.dateComponents([.month, .day], from: instant)
    let sameLunarDay = lunar.month == month && lunar.day == day && lunar.isLeapMonth != true
    #expect(!sameLunarDay, "\(korean) is also \(month)/\(day) in the Chinese calendar")
  }
}
