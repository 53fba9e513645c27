/// The help screens, built from the command table and each command's option specs.
enum HelpText {
  static let version = "0.1.0"

  static func main(commands: [CommandEntry]) -> String {
    var text = """
      biseo — a national secretary for Korean public services (국민비서)

      usage: biseo COMMAND [OPTIONS]

      commands:

      """
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    for command in commands {
      text += "  " + command.name.padding(to: width) + command.summary + "\n"
    }
    text += """

      options:
        --help, -h    show help (also after any command: biseo COMMAND --help)
        --version     print the version

      Exit status: 0 success, 1 the job failed, 2 bad usage or bad input.

      """
    return text
  }

  static func command(_ command: CommandEntry) -> String {
    var text = command.summary + "\n\nusage:\n"
    for line in command.usage { text += "  biseo \(line)\n" }
    if !command.discussion.isEmpty { text += "\n" + command.discussion + "\n" }
    let options = command.options + [.flag("--help", "show this help")]
    let labels = options.map { option in
      option.valueName.map { "\(option.name) \($0)" } ?? option.name
    }
    let width = (labels.map(\.count).max() ?? 0) + 2
    text += "\noptions:\n"
    for (label, option) in zip(labels, options) {
      text += "  " + label.padding(to: width) + option.help + "\n"
    }
    return text
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
