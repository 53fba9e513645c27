extension HolidayCalendar {
  /// Whether government offices work on `date`: not a Saturday, a Sunday or a public holiday.
  ///
  /// - Parameter date: Any date.
  /// - Returns: True on a working day.
  public func isBusinessDay(_ date: CivilDate) -> Bool {
    !date.weekday.isWeekend && !isHoliday(date)
  }

  /// Whether `date` is a working day for `rule`'s deadlines.
  ///
  /// - Parameters:
  ///   - date: Any date.
  ///   - rule: `.tax` also skips 근로자의 날 (1 May from 2015).
  /// - Returns: True if a deadline on `date` stays there.
  public func isBusinessDay(_ date: CivilDate, under rule: DeadlineRule) -> Bool {
    isBusinessDay(date) && !rule.isExtraDayOff(date)
  }

  /// `date` if it is a business day, else the first business day after it.
  ///
  /// - Parameter date: Any date.
  /// - Returns: The first business day on or after `date`.
  public func nextBusinessDay(onOrAfter date: CivilDate) -> CivilDate {
    var day = date
    while !isBusinessDay(day) { day = day.adding(days: 1) }
    return day
  }

  /// The date `count` business days after `date` (before it when negative).
  ///
  /// `date` itself is never counted: adding 1 to a Friday gives the next Monday (or the first
  /// business day after a holiday), adding 0 returns `date` unchanged.
  ///
  /// - Parameters:
  ///   - count: Business days to move; negative moves back.
  ///   - date: The start.
  /// - Returns: The business day reached.
  public func addingBusinessDays(_ count: Int, to date: CivilDate) -> CivilDate {
    let step = count < 0 ? -1 : 1
    var remaining = abs(count)
    var day = date
    while remaining > 0 {
      day = day.adding(days: step)
      if isBusinessDay(day) { remaining -= 1 }
    }
    return day
  }

  /// Moves a deadline that falls on a day off to the next day that is not one.
  ///
  /// 국세기본법 §5 ① and 지방세기본법 §24 (`.tax`): a deadline on a Saturday, a public holiday
  /// (Sundays included) or 근로자의 날 moves to the next day, repeatedly. 민법 §161 (`.civil`)
  /// does the same without 근로자의 날. Example: 2025-01-25 (Sat) → 2025-01-31 across the
  /// 1.27 임시공휴일 and 설날.
  ///
  /// - Parameters:
  ///   - date: The deadline as the law or notice states it.
  ///   - rule: Which law's days off apply.
  /// - Returns: The effective deadline.
  public func deadline(_ date: CivilDate, under rule: DeadlineRule) -> CivilDate {
    var day = date
    while !isBusinessDay(day, under: rule) { day = day.adding(days: 1) }
    return day
  }
}
