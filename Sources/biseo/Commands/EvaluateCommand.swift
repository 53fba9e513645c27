import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage

/// `biseo evaluate`: every output of a rule book for every citizen of a JSON Lines file.
enum EvaluateCommand: BiseoCommand {
  static let name = "evaluate"
  static let summary = "evaluate rules for a JSON Lines population, one JSON line per citizen"
  static let usage = [
    "evaluate --rules DIR --population FILE.jsonl --as-of DATE [--shard K/N] [--json]"
  ]
  static let discussion = """
    Prints {"id":…,"asOf":…,<every output>} per citizen, in file order, streaming (memory
    stays flat). A field that is missing, mistyped or malformed makes that fact unknown; an
    unknown output prints as {"unknown":[facts]} and a runtime fault as {"error":"path:line:
    column: …"} — the batch always continues. --shard K/N keeps the citizens whose id hashes
    (FNV-1a) to K modulo N. Business days follow the Korean public-holiday calendar. Output
    is JSON Lines with or without --json. When stderr is a terminal a progress line shows
    the citizens done, their rate and the time left (--quiet: none).
    """
  static let options: [OptionSpec] = [
    .value("--rules", "DIR", "rule files or folder (default: Rules)"),
    .value("--population", "FILE", "JSON Lines, one citizen per line ('-' for stdin)"),
    .value("--as-of", "DATE", "evaluation date, YYYY-MM-DD"),
    .value("--shard", "K/N", "evaluate only shard K of N (0 ≤ K < N)"),
    .flag("--json", "JSON Lines output (the only format)"),
    .flag("--quiet", "no progress line on stderr (shown only when stderr is a terminal)"),
    .value("--holidays", "FILE", "one-off holidays (default Rules/calendar/one-off-holidays.txt)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let population = try arguments.required("--population", "FILE")
    let asOf = try arguments.requiredAsOf()
    let shard = try arguments.shard()
    let book = try RuleBook.loaded(paths: [arguments.value("--rules") ?? "Rules"], console: console)
    let input: Int32
    if population == "-" {
      input = 0
    } else {
      input = open(population, O_RDONLY)
      guard input >= 0 else { throw CommandError.badInput("cannot open '\(population)'") }
    }
    defer { if input != 0 { close(input) } }
    let calendar = try CheckCommand.holidayCalendar(arguments, console: console)
    console.flush()
    do {
      var batch = BatchEvaluation(asOf: asOf, shard: shard, calendar: calendar)
      let progress = ProgressLine.reading(population, quiet: arguments.has("--quiet"))
      batch.progress = progress?.update
      defer { progress?.line.finish() }
      try batch.run(book: book, inputDescriptor: input, outputDescriptor: 1)
    } catch {
      throw CommandError.failure("\(error)")
    }
    return 0
  }
}
