import CivilCalendar
import Foundation
import Secretary

/// `biseo plan`: the reminders a citizen would receive, with dates and messages.
enum PlanCommand: BiseoCommand {
  static let name = "plan"
  static let summary = "the reminders a citizen would receive in the next days"
  static let usage = ["plan --citizen ID [--as-of DATE] [--days N] [--all] [--json]"]
  static let discussion = """
    Lists each notification the daemon would send the citizen from --as-of (default today in
    Korea) for --days days (default 365): the day and time it goes out (09:00, after quiet
    hours), the reminder's window and its message. Only services the citizen subscribed to,
    unless --all.
    """
  static let options: [OptionSpec] =
    CitizenArguments.planOptions + [.flag("--json", "one JSON object per notification")]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let (plans, citizen, asOf, days) = try CitizenArguments.plans(arguments, console: console)
    for plan in plans {
      if arguments.has("--json") {
        let object = JSONValue.object([
          ("key", .string(plan.key)), ("rule", .string(plan.rule)), ("title", .string(plan.title)),
          ("notifyDay", .string(plan.notifyDay.description)),
          ("windowStart", .string(plan.windowStart.description)),
          ("windowEnd", .string(plan.windowEnd.description)), ("message", .string(plan.message)),
          ("channels", .array(plan.channels.map { .string($0) })),
        ])
        console.line(object.text)
      } else {
        console.line("\(plan.notifyDay)  \(plan.title) (~\(plan.windowEnd))  \(plan.message)")
      }
    }
    if plans.isEmpty, !arguments.has("--json") {
      console.line("no reminders for \(citizen) in \(days) days from \(asOf)")
    }
    return 0
  }
}

/// The options `plan` and `ical` share: which citizen, as of when, from which data.
enum CitizenArguments {
  /// The options `plan` and `ical` share.
  static let planOptions: [OptionSpec] = [
    .value("--citizen", "ID", "the citizen (see Corpus/profiles)"),
    .value("--as-of", "DATE", "the first day (YYYY-MM-DD; default today in Korea)"),
    .value("--days", "N", "how many days ahead (default 365)"),
    .flag("--all", "every reminder the rules produce, subscribed or not"),
    .value("--data", "DIR", "learned profiles (default ./data)"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  /// The citizen's plan as `plan` and `ical` print it.
  static func plans(_ arguments: ParsedArguments, console: Console) throws -> (
    plans: [ReminderPlan], citizen: String, asOf: CivilDate, days: Int
  ) {
    let (rules, citizen, asOf) = try load(arguments, console: console)
    guard let days = Int(arguments.value("--days") ?? "365"), (1...3660).contains(days) else {
      throw CommandError.usage("--days takes a number of days, 1 to 3660")
    }
    let plans = ReminderPlanner(rules: rules).plan(
      citizen: citizen, asOf: asOf, days: days, subscribedOnly: !arguments.has("--all"))
    return (plans, citizen, asOf, days)
  }

  static func load(_ arguments: ParsedArguments, console: Console) throws -> (
    CitizenRules, String, CivilDate
  ) {
    guard let citizen = arguments.value("--citizen") else {
      throw CommandError.usage("--citizen is required")
    }
    let asOf = try arguments.asOfDate(now: Date())
    let rules = try arguments.citizenRules(console: console)
    let known = rules.profiles.citizenIDs()
    guard known.contains(citizen) else {
      let hint = Suggestion.closest(to: citizen, among: known).map { "did you mean '\($0)'?" }
      throw CommandError.usage("no citizen '\(citizen)'", hint: hint)
    }
    return (rules, citizen, asOf)
  }
}
