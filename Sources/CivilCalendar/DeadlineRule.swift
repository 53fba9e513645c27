/// Which days push a deadline to the next day.
///
/// Laws differ: the tax codes also skip 근로자의 날 (1 May), which was not a public holiday.
public enum DeadlineRule: Hashable, Sendable {
  /// 민법 §161 (and 행정기본법 §6 for filings): Saturdays and public holidays, Sundays included.
  case civil
  /// 국세기본법 §5 ① and 지방세기본법 §24: Saturdays, public holidays and 근로자의 날
  /// (1 May, from 2015; called 노동절 from 2026).
  case tax

  /// First year 국세기본법 §5 ① lists 근로자의 날 (2014.12 amendment, as we understand it).
  static let workersDayFirstYear = 2015

  /// Whether `date` is off for this rule beyond weekends and public holidays.
  func isExtraDayOff(_ date: CivilDate) -> Bool {
    switch self {
    case .civil: false
    case .tax: date.month == 5 && date.day == 1 && date.year >= Self.workersDayFirstYear
    }
  }
}
