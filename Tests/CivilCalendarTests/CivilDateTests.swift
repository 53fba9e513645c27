import CivilCalendar
import Foundation
import Testing

@Suite struct CivilDateTests {
  private func d(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

  @Test func dayNumberRoundTripsOverFourCenturies() {
    for n in stride(from: -150_000, through: 150_000, by: 1) {
      let date = CivilDate(dayNumber: n)
      #expect(date.dayNumber == n)
      if n % 10_007 == 0 { #expect(CivilDate(iso: date.description) == date) }
    }
  }

  @Test func dayNumberAgreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    for n in stride(from: -40_000, through: 40_000, by: 97) {
      let instant = Date(timeIntervalSince1970: Double(n) * 86_400)
      let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
      let date = CivilDate(dayNumber: n)
      #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
      // Foundation numbers Sunday 1 … Saturday 7.
      #expect(date.weekday.rawValue % 7 + 1 == parts.weekday)
    }
  }

  @Test func invalidDatesAreRejected() {
    #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
    #expect(CivilDate(iso: "2026-3-1") == nil)
    #expect(CivilDate(iso: "2026-04-31") == nil)
    #expect(CivilDate(iso: "２０２６-01-01") == nil)
  }

  @Test("2월 29일 생일은 평년에 3월 1일에 나이를 먹는다")
  func leapDayBirthdays() throws {
    let born = try d("2000-02-29")
    #expect(born.age(on: try d("2025-02-28")) == 24)
    #expect(born.age(on: try d("2025-03-01")) == 25)
    #expect(born.age(on: try d("2024-02-29")) == 24)
    #expect(born.anniversary(years: 1) == (try d("2001-03-01")))
    #expect(born.anniversary(years: 4) == (try d("2004-02-29")))
    #expect(born.adding(years: 1) == (try d("2001-02-28")))
  }

  @Test func monthArithmeticClampsToTheMonthEnd() throws {
    #expect(try d("2026-01-31").adding(months: 1) == (try d("2026-02-28")))
    #expect(try d("2024-01-31").adding(months: 1) == (try d("2024-02-29")))
    #expect(try d("2026-03-15").adding(months: -3) == (try d("2025-12-15")))
    #expect(try d("2026-12-31").adding(days: 1) == (try d("2027-01-01")))
    #expect(try d("2026-02-10").endOfMonth == (try d("2026-02-28")))
    #expect(try d("2026-11-29").weekday == .sunday)
  }

  @Test func codableUsesIsoText() throws {
    let date = try d("2026-03-02")
    let data = try JSONEncoder().encode([date])
    #expect(String(decoding: data, as: UTF8.self) == "[\"2026-03-02\"]")
    #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([CivilDate].self, from: Data("[\"2026-02-30\"]".utf8))
    }
  }
}
