import CivilCalendar
import Testing

/// Statutory holidays and 대체공휴일 by era, as the government announced them.
@Suite struct SubstituteHolidayTests {
  let calendar = CalendarFixtures.calendar

  @Test(
    "대체공휴일이 생기는 날",
    arguments: [
      // 2014 era: 설날·추석 on a Sunday or another holiday, 어린이날 on a Saturday too.
      ("2014-09-10", "추석 대체공휴일"),  // first ever: 추석 전날 9.7 was a Sunday
      ("2015-09-29", "추석 대체공휴일"),
      ("2016-02-10", "설날 대체공휴일"),
      ("2017-10-06", "추석 대체공휴일"),  // 추석 전날 = 개천절 10.3
      ("2018-05-07", "어린이날 대체공휴일"),  // 5.5 was a Saturday
      ("2019-05-06", "어린이날 대체공휴일"),
      // 2021.8 era: 삼일절, 광복절, 개천절, 한글날 on a Saturday or Sunday.
      ("2021-08-16", "광복절 대체공휴일"),
      ("2021-10-04", "개천절 대체공휴일"),
      ("2021-10-11", "한글날 대체공휴일"),
      ("2025-03-03", "삼일절 대체공휴일"),
      // 2023.5 era: 부처님오신날 and 기독탄신일.
      ("2023-05-29", "부처님오신날 대체공휴일"),
      ("2024-02-12", "설날 대체공휴일"),
      ("2024-05-06", "어린이날 대체공휴일"),
      ("2025-05-06", "어린이날 대체공휴일"),  // 5.5 was also 부처님오신날: one day for both
      ("2025-05-06", "부처님오신날 대체공휴일"),
      ("2025-10-08", "추석 대체공휴일"),
      ("2027-02-09", "설날 대체공휴일"),  // dangi 설날 2.7 is a Sunday (Chinese: 2.6, Saturday)
      ("2027-12-27", "기독탄신일 대체공휴일"),
      ("2028-10-05", "추석 대체공휴일"),  // 추석 = 개천절 10.3
      // 2026: 제헌절 is a holiday again, 노동절 becomes one; both with substitutes.
      ("2027-07-19", "제헌절 대체공휴일"),
      ("2027-05-03", "노동절 대체공휴일"),
    ])
  func substituteExists(date: String, name: String) throws {
    let day = try CivilDate.iso(date)
    let found = calendar.holidays(on: day).filter { $0.name == name }
    #expect(found.count == 1, "\(date): \(calendar.holidays(on: day).map(\.name))")
    #expect(found.first?.kind == .substitute)
  }

  @Test(
    "대체공휴일이 없는 날 (그 시대 규칙에 해당하지 않음)",
    arguments: [
      "2012-01-23",  // 설날 2012.1.22 was a Sunday, before the 2014 era
      "2014-02-03",  // 설날 연휴 1.30–2.1 included a Saturday only
      "2020-08-17",  // 광복절 on a Saturday before 2021.8: 8.17 was a 임시공휴일 instead
      "2022-12-26",  // 기독탄신일 on a Sunday before 2023.5
      "2026-09-28",  // 추석 연휴 9.24–26 ends on a Saturday: no substitute for Saturdays
      "2026-06-08",  // 현충일 never has one
      "2022-01-03",  // nor does 신정
    ])
  func noSubstitute(date: String) throws {
    let day = try CivilDate.iso(date)
    #expect(!calendar.holidays(on: day).contains { $0.kind == .substitute })
  }

  @Test func twoHolidaysOnOneDayGiveOneSubstituteDay() throws {
    let may = try CivilDate.iso("2025-05-05")
    #expect(calendar.holidays(on: may).map(\.name) == ["어린이날", "부처님오신날"])
    #expect(calendar.holiday(on: may)?.name == "어린이날")
    #expect(calendar.isBusinessDay(try CivilDate.iso("2025-05-07")))
  }

  @Test(
    "시대별 법정공휴일",
    arguments: [
      ("1990-01-02", "신정 연휴", true), ("1990-01-03", "", false),
      ("1990-10-01", "국군의 날", true), ("1990-10-09", "한글날", true),
      ("1991-10-09", "", false), ("1998-01-02", "신정 연휴", true), ("1999-01-02", "", false),
      ("2005-04-05", "식목일", true), ("2006-04-05", "", false),
      ("2007-07-17", "제헌절", true), ("2008-07-17", "", false),
      ("2013-10-09", "한글날", true), ("2017-05-03", "석가탄신일", true),
      ("2018-05-22", "부처님오신날", true), ("2026-07-17", "제헌절", true),
      ("2026-05-01", "노동절", true), ("2025-05-01", "", false),
    ])
  func statutoryByEra(date: String, name: String, holiday: Bool) throws {
    let day = try CivilDate.iso(date)
    #expect(calendar.isHoliday(day) == holiday)
    if holiday { #expect(calendar.holiday(on: day)?.name == name) }
  }

  @Test func laborDayCanBeTurnedOff() throws {
    let off = HolidayCalendar(laborDayIsPublicHolidayFrom2026: false)
    #expect(!off.isHoliday(try CivilDate.iso("2026-05-01")))
    #expect(!off.isHoliday(try CivilDate.iso("2027-05-03")))
    #expect(off.holidays(in: 2027).count == calendar.holidays(in: 2027).count - 2)
  }

  @Test func yearsOutsideCoverageHaveNoHolidays() throws {
    let day = try CivilDate.iso("2061-01-01")
    #expect(!calendar.covers(day))
    #expect(!calendar.isHoliday(day))
    #expect(calendar.holidays(in: 1989).isEmpty)
    #expect(calendar.covers(try CivilDate.iso("1990-01-01")))
  }
}
