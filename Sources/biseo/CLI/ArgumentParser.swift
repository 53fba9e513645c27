/// The parsed command line of one subcommand.
struct ParsedArguments {
  private(set) var flags: Set<String> = []
  private(set) var values: [String: [String]] = [:]
  private(set) var positionals: [String] = []

  func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The last value given for an option, or nil.
  func value(_ option: String) -> String? { values[option]?.last }

  func all(_ option: String) -> [String] { values[option] ?? [] }

  /// Parses `arguments` against `options`.
  ///
  /// Accepts `--name value`, `--name=value`, flags and positionals; `--` ends options. An
  /// unknown option is a usage error that names the closest known one.
  init(_ arguments: [String], options: [OptionSpec]) throws {
    let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var i = 0
    var optionsEnded = false
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let spec = byName[name] else {
        let known = options.map(\.name) + ["--help"]
        let hint =
          Suggestion.closest(to: name, among: known).map { "did you mean '\($0)'?" }
          ?? "valid options: " + known.joined(separator: ", ")
        throw CommandError.usage("unknown option '\(name)'", hint: hint)
      }
      guard spec.valueName != nil else {
        if inlineValue != nil { throw CommandError.usage("option '\(name)' takes no value") }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if i < arguments.count {
        value = arguments[i]
        i += 1
      } else {
        throw CommandError.usage("option '\(name)' needs a value (\(spec.valueName ?? "VALUE"))")
      }
      if !spec.repeatable, values[name] != nil {
        throw CommandError.usage("option '\(name)' is given more than once")
      }
      values[name, default: []].append(value)
    }
  }
}
