import CivilCalendar
import Foundation
import Secretary

/// `biseo ical`: a citizen's reminders as an iCalendar file.
enum IcalCommand: BiseoCommand {
  static let name = "ical"
  static let summary = "a citizen's reminders as an iCalendar (.ics) file"
  static let usage = ["ical --citizen ID [--as-of DATE] [--days N] [--all]"]
  static let discussion = """
    One all-day VEVENT on each reminder's deadline with a VALARM for every notification day
    (RFC 5545; lines folded at 75 octets, times in UTC). Subscribed services only, unless --all.
    """
  static let options = CitizenArguments.planOptions

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let (plans, _, asOf, _) = try CitizenArguments.plans(arguments, console: console)
    // The stamp is the as-of day, so the same inputs give the same file.
    console.out(ICalendarWriter.calendar(plans, stamp: asOf.instant(atHour: 9)))
    return 0
  }
}
