import Foundation
import Synchronization

/// The `Date` header's value (RFC 9110 §5.6.7 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`),
/// formatted at most once a second: every response carries it, and the text only changes when
/// the second does.
package final class HTTPDateCache: Sendable {
  private struct Cached {
    var second: Int64 = .min
    var text = ""
    var formats = 0
  }

  private let clock: @Sendable () -> Date
  private let cached = Mutex(Cached())

  /// - Parameter clock: the wall clock (injected; tests pass a fixed or stepping one).
  package init(clock: @escaping @Sendable () -> Date) { self.clock = clock }

  /// The current second as IMF-fixdate.
  package func current() -> String {
    let second = Int64(clock().timeIntervalSince1970.rounded(.down))
    return cached.withLock { cached in
      if cached.second != second {
        cached = Cached(second: second, text: Self.imfFixdate(second), formats: cached.formats + 1)
      }
      return cached.text
    }
  }

  /// How many times a date was formatted (one per distinct second asked for).
  package var formats: Int { cached.withLock { $0.formats } }

  /// `seconds` since 1970 (UTC) as IMF-fixdate; no formatter, no locale.
  package static func imfFixdate(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = Int(seconds - days * 86_400)
    // Civil date from days (Howard Hinnant's algorithm), proleptic Gregorian.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = Int(doy - (153 * mp + 2) / 5 + 1)
    let month = Int(mp < 10 ? mp + 3 : mp - 9)
    let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
    let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday
    let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year4 = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    return "\(names[weekday]), \(two(day)) \(months[month - 1]) \(year4) "
      + "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
  }
}
