import CivilCalendar
import Foundation
import NLU

/// Loading `Intents/` and the intent model for `classify` and `eval`: diagnostics go to
/// stderr, a folder with errors is bad input (exit 2), the model comes from the cache when the
/// cache matches the intents.
enum IntentModelLoading {
  static let intentOptions: [OptionSpec] = [
    .value("--intents", "DIR", "intent files to train on (default: Intents)"),
    .value("--cache", "FILE", "model cache (default: data/cache/intent-model.bin)"),
    .flag("--no-cache", "train from the intents, neither reading nor writing a cache"),
  ]

  static func load(_ arguments: ParsedArguments, console: Console) throws -> (
    catalog: IntentCatalog, model: IntentModel, fromCache: Bool, seconds: Double
  ) {
    let folder = arguments.value("--intents") ?? "Intents"
    let loaded = IntentLoader.load(directory: folder)
    if !loaded.diagnostics.isEmpty { console.error(loaded.renderedDiagnostics) }
    if loaded.diagnostics.hasErrors {
      throw CommandError.badInput("\(folder) has errors; nothing was trained")
    }
    let cache =
      arguments.has("--no-cache")
      ? nil : arguments.value("--cache") ?? "data/cache/intent-model.bin"
    let clock = ContinuousClock()
    var result: (model: IntentModel, fromCache: Bool)?
    let elapsed = clock.measure {
      result = IntentModel.loadOrTrain(loaded.catalog.labeledExamples, cachePath: cache)
    }
    guard let result else { throw CommandError.failure("the intent model could not be built") }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (loaded.catalog, result.model, result.fromCache, seconds)
  }

  /// Today in Asia/Seoul, read once at the edge; logic receives it as a value.
  static func today() -> CivilDate {
    CivilDate(instant: Date(), timeZone: CivilDate.seoul)
  }

  static func jsonLine(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
