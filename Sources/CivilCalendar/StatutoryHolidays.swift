/// The holidays 관공서의 공휴일에 관한 규정 (and since 2021 공휴일에 관한 법률) names for one year,
/// by the text in force that year.
///
/// History encoded here (see docs/calendar.md for sources):
/// - 신정: 1–2 Jan until 1998 (1989.2 amendment cut it from three days), 1 Jan only from 1999.
/// - 설날 and 추석: three days (eve, day, next day) since 1989.
/// - 식목일 until 2005; 제헌절 until 2007 and again from 2026; 국군의 날 and 한글날 until 1990,
///   한글날 again from 2013; 노동절 (1 May) from 2026 when enabled.
/// - 석가탄신일 was renamed 부처님오신날 by the 2017.10 amendment.
struct StatutoryHolidays {
  /// When a holiday earns a 대체공휴일.
  enum Substitution: Equatable {
    /// Never (신정, 현충일, and every holiday before its era).
    case none
    /// 설날 or 추석 block: the day is a Sunday or another holiday.
    case sundayOrOverlap(block: String)
    /// The day is a Saturday, a Sunday or another holiday.
    case weekendOrOverlap
  }

  /// A statutory holiday with its substitution rule for that year.
  struct Entry {
    var holiday: Holiday
    var substitution: Substitution
  }

  /// 2013.11.5 amendment: 설날, 추석 and 어린이날 (first applied on 2014-09-10).
  static let firstEra = fixed(2013, 11, 5)
  /// 2021.8.4 amendment after 공휴일에 관한 법률: 삼일절, 광복절, 개천절, 한글날.
  static let nationalDaysEra = fixed(2021, 8, 4)
  /// 2023.5.4 amendment: 부처님오신날 and 기독탄신일 (first applied on 2023-05-29).
  static let religiousDaysEra = fixed(2023, 5, 4)
  /// 2026 amendments: 제헌절 again a holiday, 노동절 made one; both with substitutes.
  static let era2026 = fixed(2026, 1, 1)

  /// Whether 1 May (노동절) counts as a public holiday from 2026.
  var laborDayFrom2026: Bool

  /// The statutory holidays of `year` in date order, each with its substitution rule.
  ///
  /// - Parameter year: A Gregorian year within `HolidayCalendar.coveredYears`.
  /// - Returns: The entries; preconditions fail if the lunar conversion fails, a program bug.
  func entries(in year: Int) -> [Entry] {
    var out: [Entry] = []
    func add(_ month: Int, _ day: Int, _ name: String, since era: CivilDate? = nil) {
      guard let date = CivilDate(year: year, month: month, day: day) else {
        preconditionFailure("no date \(year)-\(month)-\(day)")
      }
      out.append(entry(date, name, era.map { date >= $0 ? .weekendOrOverlap : .none } ?? .none))
    }
    func addLunar(_ month: Int, _ day: Int, _ name: String, block: Bool, since era: CivilDate?) {
      guard
        let date = KoreanLunarCalendar.gregorianDate(
          lunarYearStartingIn: year, month: month, day: day)
      else { preconditionFailure("dangi calendar has no lunar \(year)-\(month)-\(day)") }
      if block {
        let rule: Substitution =
          date >= StatutoryHolidays.firstEra ? .sundayOrOverlap(block: name) : .none
        out.append(entry(date.adding(days: -1), "\(name) 전날", rule))
        out.append(entry(date, name, rule))
        out.append(entry(date.adding(days: 1), "\(name) 다음날", rule))
      } else {
        out.append(entry(date, name, era.map { date >= $0 ? .weekendOrOverlap : .none } ?? .none))
      }
    }

    add(1, 1, "신정")
    if year <= 1998 { add(1, 2, "신정 연휴") }
    addLunar(1, 1, "설날", block: true, since: nil)
    add(3, 1, "삼일절", since: Self.nationalDaysEra)
    if year <= 2005 { add(4, 5, "식목일") }
    if laborDayFrom2026, year >= 2026 { add(5, 1, "노동절", since: Self.era2026) }
    add(5, 5, "어린이날", since: Self.firstEra)
    addLunar(
      4, 8, year >= 2018 ? "부처님오신날" : "석가탄신일", block: false, since: Self.religiousDaysEra)
    add(6, 6, "현충일")
    if year <= 2007 || year >= 2026 { add(7, 17, "제헌절", since: Self.era2026) }
    add(8, 15, "광복절", since: Self.nationalDaysEra)
    addLunar(8, 15, "추석", block: true, since: nil)
    if year <= 1990 { add(10, 1, "국군의 날") }
    add(10, 3, "개천절", since: Self.nationalDaysEra)
    if year <= 1990 || year >= 2013 { add(10, 9, "한글날", since: Self.nationalDaysEra) }
    add(12, 25, "기독탄신일", since: Self.religiousDaysEra)
    // Same-date holidays keep the order above (어린이날 before 부처님오신날).
    return out.enumerated().sorted {
      ($0.element.holiday.date, $0.offset) < ($1.element.holiday.date, $1.offset)
    }
    .map(\.element)
  }

  /// A date written in this file; only valid literals are passed.
  private static func fixed(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    guard let date = CivilDate(year: year, month: month, day: day) else {
      preconditionFailure("no date \(year)-\(month)-\(day)")
    }
    return date
  }

  private func entry(_ date: CivilDate, _ name: String, _ rule: Substitution) -> Entry {
    Entry(holiday: Holiday(date: date, name: name, kind: .statutory), substitution: rule)
  }
}
