import CivilCalendar
import Foundation

/// A citizen's reminders as an iCalendar feed (RFC 5545): one all-day `VEVENT` on each
/// reminder's deadline, with one `VALARM` per notification day.
public enum ICalendarWriter {
  /// - Parameters:
  ///   - plans: the notifications, as the planner makes them; grouped per reminder window.
  ///   - stamp: `DTSTAMP` (UTC), injected so that the file is reproducible.
  ///   - domain: the right-hand side of each `UID`.
  public static func calendar(_ plans: [ReminderPlan], stamp: Date, domain: String = "biseo.local")
    -> String
  {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Biseo//Reminders 0.1//KO", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ]
    var order: [String] = []
    var byWindow: [String: [ReminderPlan]] = [:]
    for plan in plans {
      let id = "\(plan.citizen):\(plan.rule):\(plan.windowEnd)"
      if byWindow[id] == nil { order.append(id) }
      byWindow[id, default: []].append(plan)
    }
    for id in order {
      guard let group = byWindow[id], let first = group.first else { continue }
      lines += [
        "BEGIN:VEVENT", "UID:\(id)@\(domain)", "DTSTAMP:\(utc(stamp))",
        "DTSTART;VALUE=DATE:\(compact(first.windowEnd))", "SUMMARY:\(text(first.title))",
        "DESCRIPTION:\(text(first.message))",
      ]
      for plan in group {
        lines += [
          "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;VALUE=DATE-TIME:\(utc(plan.sendAt))",
          "DESCRIPTION:\(text(plan.title))", "END:VALARM",
        ]
      }
      lines.append("END:VEVENT")
    }
    lines.append("END:VCALENDAR")
    return lines.map(fold).joined()
  }

  /// TEXT escaping (§3.3.11).
  static func text(_ value: String) -> String {
    var out = ""
    for c in value {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      case "\r": continue
      default: out.append(c)
      }
    }
    return out
  }

  /// A content line folded at 75 octets, never inside a UTF-8 sequence, ending in CRLF (§3.1).
  static func fold(_ line: String) -> String {
    var out = ""
    var width = 0
    for scalar in line.unicodeScalars {
      let size = UTF8.width(scalar)
      if width + size > 75 {
        out += "\r\n "
        width = 1
      }
      out.unicodeScalars.append(scalar)
      width += size
    }
    return out + "\r\n"
  }

  static func compact(_ date: CivilDate) -> String {
    date.description.replacingOccurrences(of: "-", with: "")
  }

  static func utc(_ instant: Date) -> String {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    let day = CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    let rest = seconds - day.dayNumber * 86_400
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(compact(day))T\(two(rest / 3600))\(two(rest % 3600 / 60))\(two(rest % 60))Z"
  }
}
