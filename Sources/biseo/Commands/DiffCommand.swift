import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage

/// `biseo diff`: what a reform of the rules does to whom, over a population.
enum DiffCommand: BiseoCommand {
  static let name = "diff"
  static let summary = "what a reform of the rules changes for a population, by rule and group"
  static let usage = [
    "diff --rules DIR --reform FILE.reform|DIR --population FILE.jsonl --as-of DATE [--by FACT]… "
      + "[--shard K/N] [--json] [--html FILE]"
  ]
  static let discussion = """
    Evaluates every citizen of the population with the rule book and with its reform, on
    the engine `biseo evaluate` runs, and reports for each rule how many citizens newly
    hold it and no longer hold it, and for each output how many it changed for, with the
    sum and mean of the differences for amounts (won). --by groups the same figures by a
    fact (an enum or text such as sido, a yes/no, a whole number, or a date: ten-year age
    bands). The reform is a file ending in .reform holding parameter overrides in the rule
    language ('param NAME = VALUE since DATE', checked like a rule file; each replaces the
    parameter's rows from its first date on), or a second rule book (a folder or .rule
    file). The text report ends with a Korean memo, one line per rule that changed, worded
    by Corpus/reports/diff.txt; --json prints one JSON object instead. --html also writes a
    page (inline SVG, no scripts) with, per rule and amount that changed, bars of who is
    better and worse off, overall and by group. Streaming: memory does not grow with the
    population; a progress line on stderr when it is a terminal (--quiet: none). Exit
    status 0 whether or not anything changed.
    """
  static let options: [OptionSpec] = [
    .value("--rules", "DIR", "the rule book as it stands (default: Rules)"),
    .value("--reform", "PATH", "a .reform file of parameter overrides, or a second rule book"),
    .value("--population", "FILE", "JSON Lines, one citizen per line ('-' for stdin)"),
    .value("--as-of", "DATE", "evaluation date, YYYY-MM-DD"),
    .value("--by", "FACT", "group by this fact (repeat for several)", repeatable: true),
    .value("--shard", "K/N", "only the citizens of shard K of N"),
    .flag("--json", "one JSON object instead of the text report"),
    .value("--html", "FILE", "also write a self-contained page with the figures as bars"),
    .flag("--quiet", "no progress line on stderr (shown only when stderr is a terminal)"),
    .value("--memo", "FILE", "the memo's wording (default Corpus/reports/diff.txt)"),
    .value("--holidays", "FILE", "one-off holidays (default Rules/calendar/one-off-holidays.txt)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let population = try arguments.required("--population", "FILE")
    let reformPath = try arguments.required("--reform", "FILE.reform or DIR")
    let asOf = try arguments.requiredAsOf()
    let shard = try arguments.shard()
    let memo = try DiffMemo.load(arguments.value("--memo") ?? "Corpus/reports/diff.txt")
    let rules = arguments.value("--rules") ?? "Rules"
    let base = try RuleBook.loaded(paths: [rules], console: console, what: "the rule book")
    let reform =
      reformPath.hasSuffix(".reform")
      ? try RuleBook.loaded(
        paths: [rules], reform: [reformPath], console: console, what: "the reform")
      : try RuleBook.loaded(paths: [reformPath], console: console, what: "the reform's rule book")
    let calendar = try CheckCommand.holidayCalendar(arguments, console: console)
    let diff: PopulationDiff
    do {
      diff = try PopulationDiff(
        base: base, reform: reform, asOf: asOf, calendar: calendar, shard: shard,
        by: arguments.all("--by"))
    } catch {
      throw CommandError.badInput("--by: \(error)")
    }
    let input: Int32 = population == "-" ? 0 : open(population, O_RDONLY)
    guard input >= 0 else { throw CommandError.badInput("cannot open '\(population)'") }
    defer { if input != 0 { close(input) } }
    let report: DiffReport
    let progress = ProgressLine.reading(population, quiet: arguments.has("--quiet"))
    diff.progress = progress?.update
    do {
      defer { progress?.line.finish() }
      report = try diff.run(inputDescriptor: input)
    } catch {
      throw CommandError.failure("\(error)")
    }
    if let path = arguments.value("--html") {
      do {
        try report.html(memo: memo).write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CommandError.badInput("cannot write '\(path)': \(error.localizedDescription)")
      }
    }
    if arguments.has("--json") {
      console.line(report.json.text)
    } else {
      console.line(report.table)
      console.line("")
      console.line(memo.lines(for: report).joined(separator: "\n"))
    }
    return 0
  }
}
