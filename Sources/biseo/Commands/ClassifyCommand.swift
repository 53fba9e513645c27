import CivilCalendar
import Foundation
import NLU

/// `biseo classify …`: intent, confidence and entities of each utterance.
enum ClassifyCommand: BiseoCommand {
  static let name = "classify"
  static let summary = "intent, confidence and entities of each utterance"
  static let usage = [
    "classify [--json] [--explain] [--as-of DATE] [--intents DIR] [--cache FILE] [TEXT…]"
  ]
  static let discussion = """
    Trains on Intents/ (well under a second) or reads the cached model when it matches the
    intents exactly; a stale or damaged cache is rebuilt, never trusted. Without TEXT, each
    line of stdin is one utterance. Relative dates (내일, 다음 주 화요일) are resolved against
    --as-of (default: today in Asia/Seoul).

    Output: one line per utterance, 'intent<TAB>confidence<TAB>text', then one indented line
    per entity; --json prints one JSON object per utterance instead. An utterance whose best
    intent is less likely than the threshold is out_of_scope.
    """
  static let options: [OptionSpec] =
    [
      .flag("--json", "one JSON object per utterance (JSON Lines)"),
      .flag("--explain", "also show the runner-up intents, the threshold and the corrected text"),
      .value("--as-of", "DATE", "the day relative dates count from, YYYY-MM-DD"),
    ] + IntentModelLoading.intentOptions

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let asOf: CivilDate
    if let text = arguments.value("--as-of") {
      guard let date = CivilDate(iso: text) else {
        throw CommandError.usage("--as-of expects a date YYYY-MM-DD, found '\(text)'")
      }
      asOf = date
    } else {
      asOf = IntentModelLoading.today()
    }
    let (catalog, model, _, _) = try IntentModelLoading.load(arguments, console: console)
    let interpreter = Interpreter(model: model)
    var inputs = arguments.positionals
    if inputs.isEmpty { inputs = console.readStandardInputLines() }
    for input in inputs {
      let result = interpreter.interpret(input, asOf: asOf)
      if arguments.has("--json") {
        console.line(try IntentModelLoading.jsonLine(result))
        continue
      }
      let confidence = String(format: "%.2f", result.intent.confidence)
      console.line("\(result.intent.intent)\t\(confidence)\t\(input)")
      for entity in result.entities {
        console.line(
          "  \(entity.kind.rawValue)\t'\(entity.text)' = \(entity.value)\t[\(entity.start), \(entity.end))"
        )
      }
      if arguments.has("--explain") {
        explain(result, catalog: catalog, model: model, input: input, console: console)
      }
    }
    return 0
  }

  private static func explain(
    _ result: Interpretation, catalog: IntentCatalog, model: IntentModel, input: String,
    console: Console
  ) {
    if result.text != input { console.line("  read as: \(result.text)") }
    guard !result.intent.ranking.isEmpty else {
      console.line("  nothing readable (no letters or digits): out_of_scope")
      return
    }
    let ranking = result.intent.ranking.map {
      "\($0.label) \(String(format: "%.2f", $0.probability))"
    }
    console.line("  ranking: \(ranking.joined(separator: ", "))")
    let threshold = String(format: "%.2f", model.calibration.threshold)
    if result.intent.fellBack {
      console.line("  below the threshold \(threshold): '\(result.intent.topLabel)' → out_of_scope")
    } else {
      console.line("  threshold: \(threshold)")
    }
    if let intent = catalog.intent(named: result.intent.intent) {
      if !intent.summary.isEmpty { console.line("  summary: \(intent.summary)") }
      if !intent.rules.isEmpty { console.line("  rules: \(intent.rules.joined(separator: ", "))") }
      if !intent.facts.isEmpty { console.line("  facts: \(intent.facts.joined(separator: ", "))") }
    }
  }
}
