/// Dispatches `biseo ARGS…` to a command and turns its outcome into an exit status.
enum Runner {
  static func run(_ arguments: [String], console: Console) async -> Int32 {
    defer { console.flush() }
    let commands = CommandTable.commands
    guard let first = arguments.first else {
      console.error(HelpText.main(commands: commands))
      return 2
    }
    switch first {
    case "--help", "-h", "help":
      if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
        console.out(HelpText.command(command))
      } else {
        console.out(HelpText.main(commands: commands))
      }
      return 0
    case "--version":
      console.line("biseo \(HelpText.version)")
      return 0
    default:
      break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      let known = commands.map(\.name) + ["--help", "--version"]
      var message = "biseo: error: unknown command '\(first)'\n"
      if let hint = Suggestion.closest(to: first, among: known) {
        message += "hint: did you mean '\(hint)'?\n"
      }
      console.error(message + "run 'biseo --help' for the list of commands\n")
      return 2
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      console.out(HelpText.command(command))
      return 0
    }
    return await invoke(command, rest, console: console)
  }

  private static func invoke(
    _ command: CommandEntry, _ arguments: [String], console: Console
  ) async -> Int32 {
    do {
      let parsed = try ParsedArguments(arguments, options: command.options)
      return try await command.run(parsed, console)
    } catch {
      guard let commandError = error as? CommandError else {
        console.error("biseo \(command.name): error: \(error)\n")
        return 1
      }
      return report(commandError, command: command, console: console)
    }
  }

  private static func report(
    _ error: CommandError, command: CommandEntry, console: Console
  ) -> Int32 {
    switch error {
    case .usage(let message, let hint):
      var text = "biseo \(command.name): error: \(message)\n"
      if let hint { text += "hint: \(hint)\n" }
      text += "usage:\n" + command.usage.map { "  biseo \($0)\n" }.joined()
      text += "run 'biseo \(command.name) --help' for more\n"
      console.error(text)
      return 2
    case .badInput(let message):
      console.error(
        message.hasSuffix("\n") ? message : "biseo \(command.name): error: \(message)\n")
      return 2
    case .failure(let message):
      console.error("biseo \(command.name): error: \(message)\n")
      return 1
    }
  }
}
