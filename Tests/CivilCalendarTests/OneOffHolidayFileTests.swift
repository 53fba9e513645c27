import CivilCalendar
import Diagnostics
import Testing

/// The one-off holiday data file: the committed one loads cleanly, bad lines are located.
@Suite struct OneOffHolidayFileTests {
  @Test func committedFileHasNoDiagnostics() throws {
    let parsed = try CalendarFixtures.oneOffs()
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
    #expect(parsed.holidays.count > 50)
    #expect(parsed.holidays.allSatisfy { $0.kind == .oneOff })
    let dates = parsed.holidays.map(\.date)
    #expect(dates == dates.sorted())
  }

  @Test(
    "임시공휴일과 선거일",
    arguments: [
      "2015-08-14", "2017-10-02", "2020-08-17", "2023-10-02", "2024-10-01", "2025-01-27",
      "2025-06-03", "2024-04-10", "2026-06-03",
    ])
  func knownOneOffsAreHolidays(date: String) throws {
    let day = try CivilDate.iso(date)
    #expect(CalendarFixtures.calendar.holiday(on: day)?.kind == .oneOff)
  }

  @Test func goodLinesLoadAroundCommentsBlanksAndCRLF() throws {
    let text = "# 주석\n\n2025-01-27\t임시공휴일\t국무회의\r\n  # indented comment\n"
    let parsed = OneOffHolidayFile.parse(text, path: "x.txt")
    #expect(parsed.diagnostics.isEmpty)
    #expect(
      parsed.holidays == [Holiday(date: try .iso("2025-01-27"), name: "임시공휴일", kind: .oneOff)])
  }

  struct BadLine: Sendable, CustomTestStringConvertible {
    let line: String
    let code: String
    let column: Int
    let length: Int
    let message: String
    var testDescription: String { code }
  }

  @Test(
    "잘못된 줄은 위치와 함께 진단",
    arguments: [
      BadLine(
        line: "2025-01-27 임시공휴일 국무회의", code: "C0101", column: 1, length: 21,
        message: "expected 3 tab-separated fields (date, name, source), found 1"),
      BadLine(
        line: "2025-02-30\t임시공휴일\t국무회의", code: "C0102", column: 1, length: 10,
        message: "expected a date, found '2025-02-30'"),
      BadLine(
        line: "25-1-27\t임시공휴일\t국무회의", code: "C0102", column: 1, length: 7,
        message: "expected a date, found '25-1-27'"),
      BadLine(
        line: "2025-01-27\t \t국무회의", code: "C0103", column: 12, length: 1,
        message: "expected a holiday name after the date"),
      BadLine(
        line: "2025-01-27\t임시공휴일\t", code: "C0104", column: 18, length: 1,
        message: "expected a source after the name"),
      BadLine(
        line: "2070-01-01\t임시공휴일\t국무회의", code: "C0105", column: 1, length: 10,
        message: "expected a date in 1990–2060, found '2070-01-01'"),
    ])
  func badLineIsLocated(bad: BadLine) throws {
    let text = "# header\n2024-10-01\t국군의 날\t국무회의\n\(bad.line)\n2025-06-03\t대통령 선거일\t공직선거법\n"
    let parsed = OneOffHolidayFile.parse(text, path: "Rules/calendar/one-off-holidays.txt")
    let diagnostic = try #require(parsed.diagnostics.first)
    #expect(parsed.diagnostics.count == 1)
    #expect(diagnostic.code == bad.code)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message == bad.message)
    #expect(
      diagnostic.span
        == SourceSpan(
          path: "Rules/calendar/one-off-holidays.txt", line: 3, column: bad.column,
          length: bad.length))
    // The good lines around the bad one still load.
    #expect(parsed.holidays.map(\.date.description) == ["2024-10-01", "2025-06-03"])
  }

  @Test func duplicatesAndDisorderAreReported() throws {
    let text = """
      2025-06-03\t대통령 선거일\t공직선거법
      2025-01-27\t임시공휴일\t국무회의
      2025-06-03\t대통령 선거일\t공직선거법
      """
    let parsed = OneOffHolidayFile.parse(text, path: "f.txt")
    #expect(parsed.diagnostics.map(\.code) == ["C0107", "C0106"])
    #expect(parsed.diagnostics.map(\.span.start.line) == [2, 3])
    #expect(parsed.diagnostics[0].severity == .warning)
    #expect(parsed.diagnostics[1].notes == ["first listed on line 1"])
    #expect(parsed.holidays.count == 2)
  }

  @Test func oneOffsCountAsOtherHolidaysForSubstitutes() throws {
    // 2044-05-05 (Thursday) is both 어린이날 and 부처님오신날, so 5.6 is their substitute;
    // a made-up one-off on 5.6 pushes it past the weekend.
    let blocked = Holiday(date: try .iso("2044-05-06"), name: "선거일", kind: .oneOff)
    let calendar = HolidayCalendar(oneOffs: [blocked])
    let may = calendar.holidays(in: 2044).filter {
      $0.kind == .substitute && $0.date.day > 5 && $0.date.month == 5
    }
    #expect(may.map(\.description) == ["2044-05-09 어린이날 대체공휴일", "2044-05-09 부처님오신날 대체공휴일"])
    #expect(
      CalendarFixtures.calendar.holidays(on: try .iso("2044-05-06")).map(\.name)
        == ["어린이날 대체공휴일", "부처님오신날 대체공휴일"])
  }

  @Test func rendersLikeRuleDiagnostics() throws {
    let parsed = OneOffHolidayFile.parse("2025-13-01\t임시공휴일\t국무회의\n", path: "h.txt")
    let diagnostic = try #require(parsed.diagnostics.first)
    #expect("\(diagnostic.span)" == "h.txt:1:1")
    #expect(diagnostic.notes == ["dates are written YYYY-MM-DD and must exist"])
  }
}

extension OneOffHolidayFileTests {
  /// Scheduled elections follow 공직선거법 §34: the first Wednesday on or after a day counted
  /// back from the end of the term, a week later if it or a neighbouring day is a holiday.
  @Test func scheduledElectionsFollowTheElectionAct() throws {
    let statutory = HolidayCalendar()
    let scheduled = try CalendarFixtures.oneOffs().holidays.filter { $0.date.year > 2026 }
    #expect(scheduled.count == 24)
    for election in scheduled {
      let from: (month: Int, day: Int)? =
        switch election.name {
        case "대통령 선거일": (3, 25)  // term ends 6.3; 70 days before
        case "국회의원 선거일": (4, 9)  // term ends 5.29; 50 days before
        case "지방선거일": (5, 31)  // term ends 6.30; 30 days before
        default: nil
        }
      let start = try #require(from, "unexpected one-off \(election)")
      var day = try #require(
        CivilDate(year: election.date.year, month: start.month, day: start.day))
      while day.weekday != .wednesday { day = day.adding(days: 1) }
      if (-1...1).contains(where: { statutory.isHoliday(day.adding(days: $0)) }) {
        day = day.adding(days: 7)
      }
      #expect(election.date == day, "\(election)")
    }
  }
}
