import Foundation
import NLU

/// `biseo intents export --format rasa`: `Intents/` as Rasa NLU training data.
enum IntentsCommand: BiseoCommand {
  static let name = "intents"
  static let summary = "export Intents/ as Rasa NLU training data"
  static let usage = ["intents export --format rasa [--intents DIR] [--output FILE]"]
  static let discussion = """
    Writes every intent's examples as Rasa NLU YAML 3.x (version "3.1", an nlu: list of
    '- intent:' items with 'examples: |' blocks); entity marks become [surface](kind), or
    [surface]{"entity": "kind", "value": "…"} when they carry a value. biseo eval --train and
    --test read such files back (any path ending in .yml or .yaml), so a Rasa project can be
    scored here and Biseo's data trained there.
    """
  static let options: [OptionSpec] = [
    .value("--format", "FORMAT", "the format to write: rasa (the only one)"),
    .value("--intents", "DIR", "intent files to export (default: Intents)"),
    .value("--output", "FILE", "write to FILE instead of stdout"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    guard arguments.positionals == ["export"] else {
      throw CommandError.usage("expected 'intents export'")
    }
    guard let format = arguments.value("--format") else {
      throw CommandError.usage("missing --format rasa")
    }
    guard format == "rasa" else {
      throw CommandError.usage("unknown format '\(format)'", hint: "the format is 'rasa'")
    }
    let folder = arguments.value("--intents") ?? "Intents"
    let loaded = IntentLoader.load(directory: folder)
    if !loaded.diagnostics.isEmpty { console.error(loaded.renderedDiagnostics) }
    if loaded.diagnostics.hasErrors { throw CommandError.badInput("\(folder) has errors") }
    let yaml = RasaNLUWriter.yaml(loaded.catalog)
    guard let output = arguments.value("--output") else {
      console.out(yaml)
      return 0
    }
    do {
      try yaml.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
      throw CommandError.failure("cannot write '\(output)': \(error.localizedDescription)")
    }
    return 0
  }
}
