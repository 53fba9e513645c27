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
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "the citizen (see Corpus/profiles)"),
    .value("--as-of", "DATE", "the first day (YYYY-MM-DD; default today in Korea)"),
    .value("--days", "N", "how many days ahead (default 365)"),
    .flag("--all", "every reminder the rules produce, subscribed or not"),
    .value("--data", "DIR", "learned profiles (default ./data)"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let (rules, citizen, asOf) = try CitizenArguments.load(arguments, console: console)
    guard let days = Int(arguments.value("--days") ?? "365"), (1...3660).contains(days) else {
      throw CommandError.usage("--days takes a number of days, 1 to 3660")
    }
    let plans = ReminderPlanner(rules: rules).plan(
      citizen: citizen, asOf: asOf, days: days, subscribedOnly: !arguments.has("--all"))
    // The stamp is the as-of day, so the same inputs give the same file.
    console.out(ICalendarWriter.calendar(plans, stamp: asOf.instant(atHour: 9)))
    return 0
  }
}
