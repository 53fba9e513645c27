/// One `biseo` subcommand: its help text, its options and what it does.
///
/// Commands are listed in `CommandTable`; each lives in its own file under `Commands/`.
protocol BiseoCommand: Sendable {
  static var name: String { get }
  /// One line for `biseo --help`.
  static var summary: String { get }
  /// Usage lines, each without the leading `biseo `.
  static var usage: [String] { get }
  /// Paragraphs shown after the usage in `biseo NAME --help`.
  static var discussion: String { get }
  static var options: [OptionSpec] { get }

  /// Runs the command; throws `CommandError` for bad usage, bad input or a failed job.
  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32
}

extension BiseoCommand {
  static var discussion: String { "" }
}

/// A command as a value, so the table and the runner never handle existential metatypes
/// (which also crash SILGen in Swift 6.3.1 when opened in an async context).
struct CommandEntry: Sendable {
  let name: String
  let summary: String
  let usage: [String]
  let discussion: String
  let options: [OptionSpec]
  let run: @Sendable (ParsedArguments, Console) async throws -> Int32

  init<C: BiseoCommand>(_ command: C.Type) {
    name = C.name
    summary = C.summary
    usage = C.usage
    discussion = C.discussion
    options = C.options
    run = { try await C.run($0, console: $1) }
  }
}

/// An option a command accepts: a flag (`--json`) or an option with a value (`--as-of DATE`).
struct OptionSpec: Sendable {
  let name: String
  /// The placeholder shown in help (`DATE`), or nil for a flag.
  let valueName: String?
  let help: String
  /// Whether the option may be given several times (`--test A --test B`).
  let repeatable: Bool

  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, repeatable: false)
  }

  static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false)
    -> OptionSpec
  {
    OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable)
  }
}

/// Why a command stopped; `biseo` turns it into a message on stderr and an exit code.
enum CommandError: Error {
  /// Wrong command line: exit 2 with the command's usage.
  case usage(String, hint: String? = nil)
  /// Bad input data (a malformed file, an invalid date): exit 2.
  case badInput(String)
  /// The job itself failed: exit 1.
  case failure(String)
}
