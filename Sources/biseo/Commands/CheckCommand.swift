import Diagnostics
import RuleLanguage

/// `biseo check [PATH…]`: loads and type-checks rule files, then runs their `test` blocks.
enum CheckCommand: BiseoCommand {
  static let name = "check"
  static let summary = "load and type-check rules, run every rule test (exit 2 on any error)"
  static let usage = ["check [PATH…]"]
  static let discussion = """
    Each PATH is a .rule file or a folder searched for .rule files (default: Rules). All
    files load together as one rule book; every diagnostic is printed as
    path:line:column: error: message [code], with the source line and a caret. Then every
    'test' block runs. Exit 0 when everything loads and passes, 2 otherwise.
    """
  static let options: [OptionSpec] = []

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let paths = arguments.positionals.isEmpty ? ["Rules"] : arguments.positionals
    let (report, exitCode, _) = RuleBook.check(paths: paths)
    let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
    // The last line is the summary (stdout); diagnostics and failures go to stderr.
    let summary = lines.dropLast().last.map(String.init) ?? ""
    let details = lines.dropLast(2).joined(separator: "\n")
    if !details.isEmpty { console.error(details + "\n") }
    if exitCode == 0 {
      console.line(summary)
    } else {
      console.error(summary + "\n")
    }
    return exitCode
  }
}
