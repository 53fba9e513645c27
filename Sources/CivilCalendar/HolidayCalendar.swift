/// Korean public holidays (공휴일) for 1990–2060 with O(1), allocation-free lookups.
///
/// Built once from the statutory rules of each year, the 대체공휴일 rules of each era and the
/// one-off days (elections, 임시공휴일) loaded by `OneOffHolidayFile`. Lookups index a table by day
/// number, so rule evaluation over millions of citizens can call them freely.
///
/// Outside `coveredYears` no holidays are known: only Saturdays and Sundays are days off there.
/// Check `covers(_:)` when a date may fall outside.
public struct HolidayCalendar: Sendable {
  /// The years whose holidays are computed.
  public static let coveredYears: ClosedRange<Int> = 1990...2060

  /// Every holiday, in date order (statutory, substitute and one-off mixed).
  private let all: [Holiday]
  /// For each day from 1 Jan of the first covered year: 0, or 1 + index of its first holiday.
  private let slots: [UInt16]
  /// Index into `all` of each covered year's first holiday, plus the end index.
  private let yearStarts: [Int]
  private let firstDay: Int
  /// Whether 1 May counts as a public holiday (노동절) from 2026.
  public let laborDayIsPublicHolidayFrom2026: Bool

  /// Builds the calendar.
  ///
  /// - Parameters:
  ///   - oneOffs: Election days and 임시공휴일 (usually from `Rules/calendar/one-off-holidays.txt`
  ///     via `OneOffHolidayFile.parse`); entries outside `coveredYears` are ignored.
  ///   - laborDayIsPublicHolidayFrom2026: Count 노동절 (1 May) as a public holiday with a
  ///     substitute from 2026, as the 2026 amendment and python `holidays` 0.109 do. Set false
  ///     to treat it as a working day for government offices (the pre-2026 rule).
  public init(oneOffs: [Holiday] = [], laborDayIsPublicHolidayFrom2026: Bool = true) {
    self.laborDayIsPublicHolidayFrom2026 = laborDayIsPublicHolidayFrom2026
    let rules = StatutoryHolidays(laborDayFrom2026: laborDayIsPublicHolidayFrom2026)
    var oneOffsByYear: [Int: [Holiday]] = [:]
    for holiday in oneOffs where Self.coveredYears.contains(holiday.date.year) {
      oneOffsByYear[holiday.date.year, default: []].append(
        Holiday(date: holiday.date, name: holiday.name, kind: .oneOff))
    }
    var all: [Holiday] = []
    var yearStarts: [Int] = []
    for year in Self.coveredYears {
      yearStarts.append(all.count)
      let entries = rules.entries(in: year)
      let extra = oneOffsByYear[year] ?? []
      let substitutes = SubstituteHolidays.substitutes(for: entries, oneOffs: extra)
      let holidays = entries.map(\.holiday) + extra + substitutes
      all += holidays.enumerated().sorted {
        ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
      }
      .map(\.element)
    }
    yearStarts.append(all.count)

    let first = CivilDate(year: Self.coveredYears.lowerBound, month: 1, day: 1)?.dayNumber ?? 0
    let last = CivilDate(year: Self.coveredYears.upperBound, month: 12, day: 31)?.dayNumber ?? 0
    var slots = [UInt16](repeating: 0, count: last - first + 1)
    precondition(all.count < Int(UInt16.max), "too many holidays for the slot table")
    for (index, holiday) in all.enumerated().reversed() {
      slots[holiday.date.dayNumber - first] = UInt16(index + 1)
    }
    self.all = all
    self.slots = slots
    self.yearStarts = yearStarts
    self.firstDay = first
  }

  /// Whether holidays are known for `date`'s year.
  ///
  /// - Parameter date: Any date.
  /// - Returns: True within `coveredYears`.
  public func covers(_ date: CivilDate) -> Bool { Self.coveredYears.contains(date.year) }

  /// The holidays of `year` in date order; empty outside `coveredYears`.
  ///
  /// - Parameter year: A Gregorian year.
  /// - Returns: Statutory, substitute and one-off holidays; a shared date appears once per name.
  public func holidays(in year: Int) -> [Holiday] {
    guard Self.coveredYears.contains(year) else { return [] }
    let index = year - Self.coveredYears.lowerBound
    return Array(all[yearStarts[index]..<yearStarts[index + 1]])
  }

  /// Whether `date` is a public holiday (Sundays as such are not listed; see `isBusinessDay`).
  ///
  /// - Parameter date: Any date.
  /// - Returns: True if a statutory, substitute or one-off holiday falls on it.
  public func isHoliday(_ date: CivilDate) -> Bool { slot(date) != 0 }

  /// The first holiday on `date`, or nil.
  ///
  /// - Parameter date: Any date.
  /// - Returns: The holiday; call `holidays(on:)` for all of them when two share the day.
  public func holiday(on date: CivilDate) -> Holiday? {
    let s = slot(date)
    return s == 0 ? nil : all[Int(s) - 1]
  }

  /// Every holiday on `date` (usually zero or one; 2025-05-05 has two).
  ///
  /// - Parameter date: Any date.
  /// - Returns: A slice of the calendar's storage; no copy is made.
  public func holidays(on date: CivilDate) -> ArraySlice<Holiday> {
    let s = Int(slot(date))
    guard s != 0 else { return [] }
    var end = s
    while end < all.count, all[end].date == date { end += 1 }
    return all[(s - 1)..<end]
  }

  private func slot(_ date: CivilDate) -> UInt16 {
    let offset = date.dayNumber - firstDay
    guard offset >= 0, offset < slots.count else { return 0 }
    return slots[offset]
  }
}
