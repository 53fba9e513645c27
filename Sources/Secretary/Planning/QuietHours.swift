import CivilCalendar
import Foundation

/// Hours of the night when no reminder is sent (default 21:00–08:00 Asia/Seoul); a reminder
/// due inside them waits for their end.
public struct QuietHours: Sendable, Equatable {
  /// Minutes after midnight, Korean time.
  public var start: Int
  public var end: Int

  public static let standard = QuietHours(start: 21 * 60, end: 8 * 60)

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  /// Parses `HH:MM-HH:MM` ("21:00-08:00"); `off` means no quiet hours.
  public init?(_ text: String) {
    if text == "off" {
      self.init(start: 0, end: 0)
      return
    }
    let parts = text.split(separator: "-")
    guard parts.count == 2, let a = Self.minutes(parts[0]), let b = Self.minutes(parts[1]) else {
      return nil
    }
    self.init(start: a, end: b)
  }

  private static func minutes(_ text: Substring) -> Int? {
    let hm = text.split(separator: ":")
    guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h),
      (0..<60).contains(m)
    else { return nil }
    return h * 60 + m
  }

  /// Whether minute-of-day `m` is quiet (the span may wrap past midnight).
  func contains(minute m: Int) -> Bool {
    if start == end { return false }
    return start < end ? (start..<end).contains(m) : (m >= start || m < end)
  }

  /// `instant`, or the end of the quiet hours it falls in.
  public func deferring(_ instant: Date) -> Date {
    let seconds = Int(instant.timeIntervalSince1970) + 9 * 3600  // Korea has no DST: UTC+9
    let minute = ((seconds % 86_400) + 86_400) % 86_400 / 60
    guard contains(minute: minute) else { return instant }
    var wait = end - minute
    if wait <= 0 { wait += 24 * 60 }
    let startOfMinute = instant.timeIntervalSince1970 - Double(((seconds % 60) + 60) % 60)
    return Date(timeIntervalSince1970: startOfMinute + Double(wait * 60))
  }
}

extension CivilDate {
  /// `hour`:00 on this date in Korea, as an instant.
  public func instant(atHour hour: Int) -> Date {
    Date(timeIntervalSince1970: Double(dayNumber * 86_400 + (hour - 9) * 3600))
  }
}
