import CivilCalendar
import Testing

/// Business days and deadline shifting (국세기본법 §5, 지방세기본법 §24, 민법 §161).
@Suite struct BusinessDayTests {
  let calendar = CalendarFixtures.calendar

  /// Tax deadlines from the domain notes (§9.5), Saturdays, Sundays, holidays and 5.1 skipped.
  @Test(
    "세법 기한 (국세기본법 §5)",
    arguments: [
      ("2024-06-30", "2024-07-01"), ("2024-08-31", "2024-09-02"), ("2024-12-15", "2024-12-16"),
      ("2025-01-25", "2025-01-31"),  // weekend → 1.27 임시공휴일 → 설날 1.28–30
      ("2025-05-31", "2025-06-02"), ("2026-01-31", "2026-02-02"), ("2026-05-31", "2026-06-01"),
      ("2027-07-31", "2027-08-02"),
      ("2017-09-30", "2017-10-10"),  // 개천절, 추석, 10.2 임시공휴일, 대체공휴일, 한글날
      ("2019-05-01", "2019-05-02"),  // 근로자의 날
      ("2014-05-01", "2014-05-01"),  // before 근로자의 날 entered §5 (2015)
      ("2024-12-31", "2024-12-31"),  // 31 Dec is a working day
    ])
  func taxDeadline(stated: String, effective: String) throws {
    let day = try CivilDate.iso(stated)
    #expect(calendar.deadline(day, under: .tax) == (try CivilDate.iso(effective)))
  }

  @Test(
    "민법 기한 (§161): 근로자의 날은 휴일이 아니다",
    arguments: [
      ("2019-05-01", "2019-05-01"), ("2025-01-25", "2025-01-31"), ("2024-06-30", "2024-07-01"),
      ("2026-05-01", "2026-05-04"),  // 노동절 is a public holiday from 2026
    ])
  func civilDeadline(stated: String, effective: String) throws {
    let day = try CivilDate.iso(stated)
    #expect(calendar.deadline(day, under: .civil) == (try CivilDate.iso(effective)))
  }

  @Test func laborDayOptionOnlyChangesTheCivilRule() throws {
    let off = HolidayCalendar(laborDayIsPublicHolidayFrom2026: false)
    let may = try CivilDate.iso("2026-05-01")
    #expect(off.deadline(may, under: .civil) == may)
    #expect(off.deadline(may, under: .tax) == (try CivilDate.iso("2026-05-04")))
  }

  @Test func nextBusinessDayCrossesSeollalAndTheWeekend() throws {
    let saturday = try CivilDate.iso("2025-01-25")
    #expect(calendar.nextBusinessDay(onOrAfter: saturday) == (try CivilDate.iso("2025-01-31")))
    let friday = try CivilDate.iso("2025-01-31")
    #expect(calendar.nextBusinessDay(onOrAfter: friday) == friday)
    // 2024: 설날 연휴 2.9 (Fri)–2.11 (Sun), 대체공휴일 2.12.
    #expect(
      calendar.nextBusinessDay(onOrAfter: try CivilDate.iso("2024-02-09"))
        == (try CivilDate.iso("2024-02-13")))
  }

  @Test(
    "영업일 더하기",
    arguments: [
      ("2025-01-24", 1, "2025-01-31"), ("2025-01-24", 2, "2025-02-03"),
      ("2025-02-03", -1, "2025-01-31"), ("2025-01-31", -1, "2025-01-24"),
      ("2025-01-26", 0, "2025-01-26"), ("2024-05-03", 1, "2024-05-07"),
      ("2025-09-30", 10, "2025-10-21"),  // 10.3, 추석 10.5–7, 대체 10.8, 한글날 10.9
    ])
  func addingBusinessDays(start: String, count: Int, end: String) throws {
    let day = try CivilDate.iso(start)
    #expect(calendar.addingBusinessDays(count, to: day) == (try CivilDate.iso(end)))
  }

  @Test func weekendsAreNeverBusinessDays() throws {
    #expect(!calendar.isBusinessDay(try CivilDate.iso("2026-11-28")))
    #expect(!calendar.isBusinessDay(try CivilDate.iso("2026-11-29")))
    #expect(calendar.isBusinessDay(try CivilDate.iso("2026-11-30")))
    #expect(!calendar.isBusinessDay(try CivilDate.iso("2061-01-01")))  // Saturday, uncovered
  }

  @Test func lookupsAgreeWithTheYearLists() {
    for year in HolidayCalendar.coveredYears {
      let listed = Set(calendar.holidays(in: year).map(\.date))
      var day = CivilDate(dayNumber: (CivilDate(year: year, month: 1, day: 1)?.dayNumber ?? 0))
      while day.year == year {
        #expect(calendar.isHoliday(day) == listed.contains(day))
        day = day.adding(days: 1)
      }
    }
  }
}
