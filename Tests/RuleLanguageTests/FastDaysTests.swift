import CivilCalendar
import Testing

@testable import RuleLanguage

/// The lane's day-number date builtins must agree with `CivilDate` wherever they answer, and
/// answer for the years a batch meets.
@Suite struct FastDaysTests {
  // Every day of 1899…2201, so both table edges and every 29 February are crossed.
  static let days = Array(
    (CivilDate(year: 1899, month: 1, day: 1)?.dayNumber ?? 0)...(CivilDate(
      year: 2201, month: 12, day: 31)?.dayNumber ?? 0))

  @Test func anniversaryMatchesCivilDate() {
    var answered = 0
    for day in Self.days {
      for years in [-300, -2, -1, 0, 1, 3, 4, 6, 65, 100, 301] {
        guard let fast = FastDays.anniversary(day, years: years) else { continue }
        answered += 1
        let expected = CivilDate(dayNumber: day).anniversary(years: years).dayNumber
        if fast != expected {
          Issue.record("anniversary(\(CivilDate(dayNumber: day)), \(years)): \(fast) ≠ \(expected)")
          return
        }
      }
    }
    #expect(answered > 500_000)
  }

  @Test func ageMatchesCivilDate() {
    let on = [
      "2024-02-28", "2024-02-29", "2024-03-01", "2025-02-28", "2025-03-01", "2026-06-15",
      "2026-12-31", "1900-01-01", "2199-12-31",
    ].map { CivilDate(iso: $0)?.dayNumber ?? 0 }
    var answered = 0
    for birth in Self.days {
      for day in on {
        guard let fast = FastDays.age(birth, on: day) else { continue }
        answered += 1
        let expected = CivilDate(dayNumber: birth).age(on: CivilDate(dayNumber: day))
        if fast != expected {
          Issue.record("age(\(CivilDate(dayNumber: birth)), \(day)): \(fast) ≠ \(expected)")
          return
        }
      }
    }
    #expect(answered > 900_000)
  }

  @Test func dateAndMonthMatchCivilDate() {
    var answered = 0
    for day in Self.days {
      let d = CivilDate(dayNumber: day)
      if let (first, last) = FastDays.month(of: day) {
        answered += 1
        #expect(first == d.startOfMonth.dayNumber && last == d.endOfMonth.dayNumber, "\(d)")
      }
      for (y, m, dd) in [(d.year, d.month, d.day), (d.year, d.month, 31), (d.year, 2, 29)] {
        if let fast = FastDays.date(year: y, month: m, day: dd) {
          #expect(fast == CivilDate(year: y, month: m, day: dd)?.dayNumber, "\(y)-\(m)-\(dd)")
        } else if y >= 1900 && y < 2200 {
          #expect(CivilDate(year: y, month: m, day: dd) == nil, "\(y)-\(m)-\(dd)")
        }
      }
    }
    #expect(answered > 100_000)
    #expect(FastDays.date(year: 2026, month: 13, day: 1) == nil)
    #expect(FastDays.date(year: 2026, month: 0, day: 1) == nil)
  }

  @Test func partsAndMonthsMatchCivilDate() {
    var answered = 0
    for day in Self.days {
      let d = CivilDate(dayNumber: day)
      if let (y, m, dd) = FastDays.parts(day) {
        #expect(y == d.year && m == d.month && dd == d.day, "\(d)")
      }
      for months in [-25, -12, -1, 1, 2, 11, 12, 13, 120] {
        guard let fast = FastDays.adding(months: months, to: day) else { continue }
        answered += 1
        if fast != d.adding(months: months).dayNumber {
          Issue.record("\(d) + \(months) months: \(CivilDate(dayNumber: fast))")
          return
        }
      }
    }
    #expect(answered > 900_000)
  }
}
