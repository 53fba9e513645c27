import CivilCalendar
import Diagnostics
import Foundation
import Hangul
import Secretary

/// `biseo explain`: each rule's decision for one citizen, why, and the law behind it.
enum ExplainCommand: BiseoCommand {
  static let name = "explain"
  static let summary = "each rule's decision for a citizen, with the reasons and sources"
  static let usage = ["explain (--citizen ID | --profile FILE) [--as-of DATE] [RULE…] [--json]"]
  static let discussion = """
    Evaluates the rules for a demo citizen (--citizen) or any profile file (--profile; see
    docs/profile.md) as of --as-of (default today in Korea) and prints, for each RULE (all when
    none are named), whether it holds, the conditions with the values used, the facts and
    parameters it rested on with their sources, and its reminders. --json prints the trace as
    one JSON object. A malformed profile file is a located error (exit 2).
    """
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "a citizen of Corpus/profiles or the data folder"),
    .value("--profile", "FILE", "a profile JSON file instead"),
    .value("--as-of", "DATE", "the date (YYYY-MM-DD)"),
    .flag("--json", "the trace as JSON"),
    .value("--data", "DIR", "learned profiles (default ./data)"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let citizen = arguments.value("--citizen")
    let file = arguments.value("--profile")
    guard (citizen == nil) != (file == nil) else {
      throw CommandError.usage("give either --citizen ID or --profile FILE")
    }
    let asOf = try arguments.asOfDate(now: Date())
    let rules = try arguments.citizenRules(console: console)
    let names = arguments.positionals
    for name in names where !rules.ruleNames.contains(name) {
      let hint = Suggestion.closest(to: name, among: rules.ruleNames).map {
        "did you mean '\($0)'?"
      }
      throw CommandError.usage("no rule '\(name)'", hint: hint)
    }
    let profile: JSONValue
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CommandError.badInput("cannot read '\(file)'")
      }
      let text = DecodedText(utf8: data).text
      switch JSONParser.parse(text, path: file) {
      case .success(let value): profile = value
      case .failure(let d):
        throw CommandError.badInput(DiagnosticRenderer(sources: [file: text]).render(d))
      }
    } else if let citizen {
      do {
        profile = try rules.profiles.profile(citizen)
      } catch {
        throw CommandError.usage(String(describing: error))
      }
    } else {
      preconditionFailure("checked above: one of --citizen and --profile")
    }
    console.out(rules.explain(profile, asOf: asOf, rules: names, json: arguments.has("--json")))
    if arguments.has("--json") { console.line() }
    return 0
  }
}
