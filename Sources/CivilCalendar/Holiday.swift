/// One public holiday (공휴일) on one date, as 관공서의 공휴일에 관한 규정 defines it.
///
/// Two holidays can share a date (2025-05-05 was both 어린이날 and 부처님오신날); they are then two
/// values with the same `date`.
public struct Holiday: Hashable, Sendable, CustomStringConvertible {
  /// Where a holiday comes from.
  public enum Kind: String, Hashable, Sendable {
    /// Named in the regulation for a fixed solar or lunar date (신정, 설날, 추석, 국경일, …).
    case statutory
    /// A 대체공휴일 given because a holiday fell on a weekend or on another holiday.
    case substitute
    /// Declared case by case: election days and 임시공휴일, loaded from a data file.
    case oneOff
  }

  /// The day off.
  public let date: CivilDate
  /// The Korean name as printed on calendars (`설날 전날`, `광복절 대체공휴일`).
  public let name: String
  /// Whether the day is statutory, a substitute or a one-off.
  public let kind: Kind

  /// Makes a holiday value; the calendar builds statutory and substitute ones itself.
  ///
  /// - Parameters:
  ///   - date: The day off.
  ///   - name: The Korean name.
  ///   - kind: Where the holiday comes from.
  public init(date: CivilDate, name: String, kind: Kind) {
    self.date = date
    self.name = name
    self.kind = kind
  }

  /// `YYYY-MM-DD name`, for test failures and logs.
  public var description: String { "\(date) \(name)" }
}
