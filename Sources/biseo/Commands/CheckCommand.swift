import CivilCalendar
import Diagnostics
import Foundation
import NLU
import RuleLanguage
import Secretary

/// `biseo check [PATH…]`: loads and type-checks rules and intents, then runs the rule tests.
enum CheckCommand: BiseoCommand {
  static let name = "check"
  static let summary =
    "load and type-check rules and intents, run every rule test (exit 2 on any error)"
  static let usage = [
    "check [PATH…]", "check --dump-program [PATH…]",
    "check --sources [--json] [--strict] [--as-of DATE] [PATH…]",
  ]
  static let discussion = """
    Each PATH is a .rule or .intent file or a folder searched for them (default: Rules and
    Intents). All rule files load together as one rule book; every diagnostic is printed as
    path:line:column: error: message [code], with the source line and a caret. Then every
    'test' block runs on the Korean public-holiday calendar, with the one-off holidays of
    Rules/calendar/one-off-holidays.txt. Exit 0 when everything loads and passes, 2 otherwise.
    With --dump-program, a rule book that loads is also printed as the typed program every
    engine runs: one operation a line with its type, slots and source position.
    With --sources, a rule book that loads is also reported parameter by parameter: its
    latest value and effective date, its source and the latest date the source cites, the
    rules reading it, and whether it is uncertain ('불확실' in its source) or stale ('[매년]'
    in its source and its latest row from a year before the --as-of year; default today in
    Korea). --json prints the report as one JSON object instead; --strict exits 1 when a
    parameter is uncertain or stale (and the book otherwise checks). See docs/law-watch.md.
    """
  static let options: [OptionSpec] = [
    .value("--holidays", "FILE", "one-off holidays (default Rules/calendar/one-off-holidays.txt)"),
    .flag("--dump-program", "print the rule book's typed program"),
    .flag("--sources", "report every parameter's latest value, source, readers; uncertain, stale"),
    .flag("--json", "with --sources: the report as JSON"),
    .flag("--strict", "with --sources: exit 1 when a parameter is uncertain or stale"),
    .value("--as-of", "DATE", "with --sources: the date staleness is judged at (YYYY-MM-DD)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let paths = arguments.positionals.isEmpty ? ["Rules", "Intents"] : arguments.positionals
    let rulePaths = paths.filter { contains($0, fileExtension: "rule") }
    let intentPaths = paths.filter { contains($0, fileExtension: "intent") }
    if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
      throw CommandError.badInput("no such file or folder '\(missing)'")
    }
    if rulePaths.isEmpty, intentPaths.isEmpty {
      throw CommandError.badInput("no .rule or .intent files in \(paths.joined(separator: ", "))")
    }
    var status: Int32 = 0
    // --strict's 1 yields to any error's 2.
    var strictStatus: Int32 = 0
    var book: RuleBook?
    // A tool reading --sources --json reads stdout as one JSON object: summaries go to stderr.
    let jsonOnly = arguments.has("--sources") && arguments.has("--json")
    let say: (String) -> Void = { jsonOnly ? console.error($0 + "\n") : console.line($0) }
    if !rulePaths.isEmpty {
      let calendar = try holidayCalendar(arguments, console: console)
      let (report, exitCode, checked) = RuleBook.check(paths: rulePaths, calendar: calendar)
      book = checked
      if arguments.has("--dump-program"), let checked { console.out(checked.typedProgramText) }
      if arguments.has("--sources"), let checked {
        let report = ParameterSourcesReport(
          book: checked, asOf: try arguments.asOfDate(now: Date()))
        console.out(arguments.has("--json") ? report.json : report.text)
        if arguments.has("--strict"), exitCode == 0 { strictStatus = report.strictStatus }
      }
      let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
      // The last line is the summary (stdout); diagnostics and failures go to stderr.
      let summary = lines.dropLast().last.map(String.init) ?? ""
      let details = lines.dropLast(2).joined(separator: "\n")
      if !details.isEmpty { console.error(details + "\n") }
      if exitCode == 0 { say(summary) } else { console.error(summary + "\n") }
      status = max(status, exitCode)
      status = max(status, checkPlaces(in: rulePaths, book: checked, console: console, say: say))
    }
    for path in intentPaths {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let loaded =
        isDirectory.boolValue
        ? IntentLoader.load(directory: path)
        : IntentLoader.load(files: [
          (path, Array(FileManager.default.contents(atPath: path) ?? Data()))
        ])
      if !loaded.diagnostics.isEmpty { console.error(loaded.renderedDiagnostics) }
      // With the rule book at hand, the replies and rule names the dialogue relies on, and the
      // question frames beside the intents.
      var problems: [Diagnostic] = []
      if isDirectory.boolValue {
        let frames = (path as NSString).appendingPathComponent("frames.txt")
        problems += QuestionFrames.load(path: frames).1
        problems +=
          WordAliases.load(path: (path as NSString).appendingPathComponent("aliases.txt")).1
        problems +=
          AnswerPhrases.load(path: (path as NSString).appendingPathComponent("answers.txt")).1
        if let book {
          problems += ReplyCheck.problems(in: loaded.catalog, book: book, folder: path)
        }
      }
      if !problems.isEmpty {
        console.error(problems.map { DiagnosticRenderer().render($0) }.joined())
      }
      let examples = loaded.catalog.intents.reduce(0) { $0 + $1.examples.count }
      let summary = "\(loaded.catalog.intents.count) intents, \(examples) examples"
      if loaded.diagnostics.hasErrors || problems.hasErrors {
        console.error("\(path): intents rejected (\(summary))\n")
        status = 2
      } else {
        say("\(summary) in \(path)")
      }
    }
    return status == 0 ? strictStatus : status
  }

  /// Checks `where-to-act.txt` in each rule folder against the book (its rule names, when it
  /// loaded); 2 when any has an error.
  static func checkPlaces(
    in paths: [String], book: RuleBook?, console: Console, say: ((String) -> Void)? = nil
  ) -> Int32 {
    var status: Int32 = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      let file = (path as NSString).appendingPathComponent("where-to-act.txt")
      guard FileManager.default.fileExists(atPath: file) else { continue }
      let loaded = ActionPlaces.load(path: file, ruleNames: book.map { Set($0.ruleNames) })
      if !loaded.report.isEmpty { console.error(loaded.report) }
      let summary = "\(loaded.places.places.count) places to act in \(file)"
      if loaded.diagnostics.hasErrors {
        console.error("\(file): places rejected (\(summary))\n")
        status = 2
      } else {
        if let say { say(summary) } else { console.line(summary) }
      }
    }
    return status
  }

  static func holidayCalendar(_ arguments: ParsedArguments, console: Console) throws
    -> HolidayCalendar
  {
    let path = arguments.value("--holidays") ?? "Rules/calendar/one-off-holidays.txt"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      if arguments.value("--holidays") != nil {
        throw CommandError.badInput("cannot read '\(path)'")
      }
      return HolidayCalendar()
    }
    let file = OneOffHolidayFile.parse(text, path: path)
    if !file.diagnostics.isEmpty {
      console.error(DiagnosticRenderer(sources: [path: text]).render(file.diagnostics))
    }
    if file.diagnostics.hasErrors {
      throw CommandError.badInput("the one-off holiday file has errors")
    }
    return HolidayCalendar(oneOffs: file.holidays)
  }

  /// Whether `path` is such a file, or a folder holding one at any depth.
  static func contains(_ path: String, fileExtension: String) -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return path.hasSuffix("." + fileExtension)
    }
    guard isDirectory.boolValue else { return path.hasSuffix("." + fileExtension) }
    let items = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
    return items.contains { $0.hasSuffix("." + fileExtension) }
  }
}
