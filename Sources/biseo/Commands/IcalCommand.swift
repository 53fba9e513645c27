import CivilCalendar
import Foundation
import Secretary

/// `biseo ical`: a citizen's reminders as an iCalendar file, or the URL of their feed.
enum IcalCommand: BiseoCommand {
  static let name = "ical"
  static let summary = "a citizen's reminders as an iCalendar (.ics) file, or their feed URL"
  static let usage = [
    "ical --citizen ID [--as-of DATE] [--days N] [--all]",
    "ical --citizen ID --feed-url [--rotate] [--base URL] [--data DIR]",
    "ical --citizen ID --revoke [--data DIR]",
  ]
  static let discussion = """
    One all-day VEVENT on each reminder's deadline with a VALARM for every notification day
    (RFC 5545; lines folded at 75 octets, times in UTC). Subscribed services only, unless --all.

    --feed-url prints the path `biseo serve` answers the feed at,
    /citizens/ID/SECRET/reminders.ics (after --base, e.g. https://biseo.example.kr), making a
    secret (192 random bits) the first time. Whoever holds the URL reads the feed: --rotate
    makes a new secret (the old URL answers 404 at once), --revoke leaves no URL at all.
    """
  static let options =
    CitizenArguments.planOptions + [
      .flag("--feed-url", "print the citizen's calendar feed URL instead"),
      .flag("--rotate", "with --feed-url: a new secret; the old URL stops working"),
      .flag("--revoke", "the feed answers at no URL until the next --feed-url"),
      .value("--base", "URL", "with --feed-url: the server's public origin"),
    ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    if arguments.has("--feed-url") || arguments.has("--revoke") {
      return try feedURL(arguments, console: console)
    }
    let (plans, _, asOf, _) = try CitizenArguments.plans(arguments, console: console)
    // The stamp is the as-of day, so the same inputs give the same file.
    console.out(ICalendarWriter.calendar(plans, stamp: asOf.instant(atHour: 9)))
    return 0
  }

  private static func feedURL(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let citizen = try LinkCommand.knownCitizen(arguments)
    let book = LinkBook(dataDirectory: arguments.value("--data") ?? "data")
    let now = Int(Date().timeIntervalSince1970)
    do {
      if arguments.has("--revoke") {
        try book.append([.feedRevoked(citizen: citizen, at: now)])
        console.line("revoked the calendar feed of \(citizen)")
        return 0
      }
      var secret = FeedSecrets.secret(of: citizen, in: book)
      if secret == nil || arguments.has("--rotate") {
        secret = try FeedSecrets.rotate(citizen: citizen, in: book, now: now)
      }
      var base = arguments.value("--base") ?? ""
      while base.hasSuffix("/") { base.removeLast() }
      console.line("\(base)/citizens/\(citizen)/\(secret ?? "")/reminders.ics")
      return 0
    } catch {
      throw CommandError.failure(error.description)
    }
  }
}
