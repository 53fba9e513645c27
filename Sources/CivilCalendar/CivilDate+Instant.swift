import Foundation

extension CivilDate {
  /// The calendar date of `instant` in `timeZone` (Biseo passes Asia/Seoul).
  ///
  /// Only the edges call this, with the clock they were given; logic takes dates.
  public init(instant: Date, timeZone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    self =
      CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CivilDate(dayNumber: 0)
  }

  /// Korea's time zone, which every date in Biseo is counted in.
  public static var seoul: TimeZone { TimeZone(identifier: "Asia/Seoul") ?? .gmt }
}
