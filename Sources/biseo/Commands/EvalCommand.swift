import CivilCalendar
import Diagnostics
import Foundation
import NLU

/// `biseo eval …`: accuracy, macro-F1, per-label scores, confusions, training time and
/// throughput of the classifier on any `label<TAB>text` data.
enum EvalCommand: BiseoCommand {
  static let name = "eval"
  static let summary = "accuracy, macro-F1 and confusions on label<TAB>text data"
  static let usage = [
    "eval --test FILE.tsv [--train FILE.tsv] [--json] [--calibrate] [--intents DIR]",
    "eval [--test FILE.tsv] --consent FILE.tsv [--as-of DATE] [--json]",
    "eval --entities FILE.tsv [--json]",
    "eval --calibrate [--intents DIR] [--set KEY=VALUE …]",
  ]
  static let discussion = """
    Without --train the model is trained on Intents/ (never read from the cache, so the
    training time is real) and scored with its out-of-scope threshold. With --train it is
    trained on that file: feature and training options are chosen among up to three candidates on a
    seeded 10 % hold-out of the training file (as the Python baselines choose theirs), then the
    final model is fitted on all of it. Any --set turns the choice off.

    Throughput is single-utterance: one call per test line, one core, the fastest of three
    passes. The expected calibration error compares the confidence of each answer with how
    often answers that sure are right, over 15 equal-width bins (--json: the bins). --calibrate runs 5-fold cross-validation on the training data and prints the
    softmax temperature and out-of-scope threshold it would choose, and the out-of-fold
    scores with the calibration in force (no --test needed): the figures to judge a change
    to Intents/ by.

    --consent scores how lines answering a yes/no offer are read (accept, refuse, unclear;
    Corpus/nlu/consent.tsv): the precision of accept is what keeps a refusal from
    subscribing anyone. --entities scores the entity extractors on lines whose entities are
    all marked (Corpus/nlu/entities.tsv): an entity counts when kind, span and value are exact.
    """
  static let options: [OptionSpec] = [
    .value("--test", "FILE", "labelled test data, label<TAB>text or Rasa NLU (.yml, .md)"),
    .value(
      "--train", "FILE",
      "labelled training data, TSV or Rasa NLU (default: the examples in Intents/)"),
    .flag("--json", "print the report as JSON"),
    .flag("--calibrate", "choose temperature and threshold by cross-validation and print them"),
    .value("--intents", "DIR", "intent files to train on (default: Intents)"),
    .value("--consent", "FILE", "answers to an offer, accept|refuse|unclear<TAB>text"),
    .value("--entities", "FILE", "entity test set, AS-OF<TAB>[surface](kind=value) text"),
    .value("--as-of", "DATE", "the day relative dates count from, YYYY-MM-DD (default: today)"),
    .value(
      "--set", "KEY=VALUE",
      "override an option (bits, syl, joined, jamo=3-4, cho, words, bigrams, idf, pol, epochs, lr, "
        + "seed, smooth, fold, temperature, threshold, oos)",
      repeatable: true),
  ]

  struct Output: Encodable {
    var train: String
    var test: String
    var options: String
    var calibration: Calibration?
    /// Intent scores on --test (absent with only --consent).
    var report: EvaluationReport?
    var consent: ConsentOutput?
    /// Entity precision and recall on --entities.
    var entities: EntityOutput?
    /// With --calibrate: the out-of-fold predictions on the training data, decided with the
    /// calibration in force, so that changes are judged without looking at --test.
    var outOfFold: EvaluationReport?
  }

  /// The entity recognizer scored on --entities (kind, span and value exact).
  struct EntityOutput: Encodable {
    var path: String
    var report: EntityReport
  }

  private static func entityReport(_ path: String, _ console: Console) throws -> EntityOutput {
    let (cases, diagnostics) = EntityCorpus.read(path: path)
    if !diagnostics.isEmpty { console.error(DiagnosticRendering.render(diagnostics)) }
    if diagnostics.hasErrors || cases.isEmpty {
      throw CommandError.badInput("'\(path)' has errors or no lines")
    }
    return EntityOutput(path: path, report: Evaluator.evaluateEntities(cases))
  }

  /// `answerToOffer()` scored on --consent: accept, refuse and unclear as labels.
  struct ConsentOutput: Encodable {
    var path: String
    var report: EvaluationReport
  }

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let consentPath = arguments.value("--consent")
    let entitiesPath = arguments.value("--entities")
    if arguments.value("--test") == nil, consentPath == nil, let entitiesPath {
      // Entities need no model.
      let output = Output(
        train: "", test: "", options: "", entities: try entityReport(entitiesPath, console))
      if arguments.has("--json") {
        console.line(try IntentModelLoading.jsonLine(output))
      } else {
        print(output, console: console, calibrated: false)
      }
      return 0
    }
    guard arguments.value("--test") != nil || consentPath != nil || arguments.has("--calibrate")
    else {
      throw CommandError.usage(
        "missing --test FILE.tsv (or --consent, --entities FILE.tsv or --calibrate)")
    }
    if consentPath != nil, arguments.value("--train") != nil {
      throw CommandError.usage("--consent scores the model trained on Intents/, not --train")
    }
    var output = Output(train: "", test: "", options: "")
    var trainData: [LabeledText] = []
    var features: FeatureOptions = arguments.value("--train") == nil ? .intents : .general
    var overrides = TrainingOptions.intents
    var trainingOverridden = false
    var calibration = Calibration.intents
    for setting in arguments.all("--set") {
      if try applyCalibration(setting, to: &calibration) { continue }
      trainingOverridden =
        try apply(setting, features: &features, training: &overrides) || trainingOverridden
    }
    var intentModel: IntentModel?
    if let trainPath = arguments.value("--train"), let testPath = arguments.value("--test") {
      let test = try read(testPath, console: console)
      trainData = try read(trainPath, console: console)
      if !trainingOverridden && arguments.all("--set").isEmpty {
        let choice = ModelSelection.choose(trainData).choice
        features = choice.features
        overrides = choice.training
      }
      let chosen = overrides
      let (_, report) = Evaluator.trainAndEvaluate(
        train: trainData, test: test, features: features, training: chosen)
      output = Output(
        train: trainPath, test: testPath, options: features.fingerprint + " " + chosen.fingerprint,
        calibration: nil, report: report)
    } else {
      let folder = arguments.value("--intents") ?? "Intents"
      let loaded = IntentLoader.load(directory: folder)
      if !loaded.diagnostics.isEmpty { console.error(loaded.renderedDiagnostics) }
      if loaded.diagnostics.hasErrors { throw CommandError.badInput("\(folder) has errors") }
      trainData = loaded.catalog.labeledExamples
      let clock = ContinuousClock()
      let cpuStart = ThreadCPUTime.seconds
      var model: IntentModel?
      let elapsed = clock.measure {
        model =
          IntentModel.loadOrTrain(
            trainData, cachePath: nil, features: features, training: overrides,
            calibration: calibration
          ).model
      }
      let cpu = ThreadCPUTime.seconds - cpuStart
      guard let model else { throw CommandError.failure("training failed") }
      intentModel = model
      output = Output(
        train: folder, test: "", options: features.fingerprint + " " + overrides.fingerprint,
        calibration: model.calibration)
      if let testPath = arguments.value("--test") {
        let test = try read(testPath, console: console)
        var report = Evaluator.evaluate(test) { text in
          let prediction = model.classify(text)
          return (prediction.intent, prediction.confidence)
        }
        report.trainCPUSeconds = cpu
        report.trainCount = trainData.count
        report.trainSeconds =
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        output.test = testPath
        output.report = report
      }
    }
    if let consentPath, let intentModel {
      let answers = try read(consentPath, console: console)
      output.consent = ConsentOutput(
        path: consentPath,
        report: Evaluator.evaluateConsent(
          answers, interpreter: Interpreter(model: intentModel), asOf: try asOf(arguments)))
    }
    if let entitiesPath { output.entities = try entityReport(entitiesPath, console) }
    if arguments.has("--calibrate") {
      let folds = CrossValidation.outOfFold(
        trainData, folds: 5, features: features, training: overrides)
      output.calibration = CrossValidation.calibrate(folds, fallback: IntentModel.fallback)
      output.outOfFold = EvaluationReport.score(
        expected: folds.map(\.label),
        predicted: CrossValidation.decisions(
          folds, calibration: calibration, fallback: IntentModel.fallback))
    }
    if arguments.has("--json") {
      console.line(try IntentModelLoading.jsonLine(output))
    } else {
      print(output, console: console, calibrated: arguments.has("--calibrate"))
    }
    return 0
  }

  /// `--as-of`, else today in Asia/Seoul.
  private static func asOf(_ arguments: ParsedArguments) throws -> CivilDate {
    guard let text = arguments.value("--as-of") else { return IntentModelLoading.today() }
    guard let date = CivilDate(iso: text) else {
      throw CommandError.usage("--as-of expects a date YYYY-MM-DD, found '\(text)'")
    }
    return date
  }

  /// Applies `--set temperature=T` or `--set threshold=P` (the intent model's calibration);
  /// returns whether the setting was one of them.
  private static func applyCalibration(_ setting: String, to calibration: inout Calibration)
    throws -> Bool
  {
    let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, ["temperature", "threshold", "oos"].contains(parts[0]) else {
      return false
    }
    guard let value = Double(parts[1]), value >= 0 else {
      throw CommandError.usage("--set \(parts[0]) expects a number ≥ 0, found '\(parts[1])'")
    }
    if parts[0] == "temperature" {
      calibration.temperature = value
    } else if parts[0] == "oos" {
      calibration.outOfScopeOffset = value
    } else {
      calibration.threshold = value
    }
    return true
  }

  /// Applies one `--set KEY=VALUE`; returns whether it was a training option.
  private static func apply(
    _ setting: String, features: inout FeatureOptions, training: inout TrainingOptions
  ) throws -> Bool {
    let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
    let bad = CommandError.usage("--set expects KEY=VALUE with a known key, found '\(setting)'")
    guard parts.count == 2 else { throw bad }
    let (key, value) = (parts[0], parts[1])
    let number = Int(value)
    switch key {
    case "bits":
      guard let number, (8...26).contains(number) else { throw bad }
      features.bucketBits = number
    case "syl": features.syllableGrams = try number.orThrow(bad)
    case "joined": features.joinedGrams = try number.orThrow(bad)
    case "cho": features.choseongGrams = try number.orThrow(bad)
    case "words": features.words = value == "1"
    case "bigrams": features.wordBigrams = value == "1"
    case "idf": features.idf = value == "1"
    case "pol": features.polarity = value == "1"
    case "fold": features.foldTense = value == "1"
    case "jamo":
      let ends = value.split(separator: "-").compactMap { Int($0) }
      guard ends.count == 2, ends[0] <= ends[1] else { throw bad }
      features.jamoGrams = ends[0]...ends[1]
    case "epochs":
      training.epochs = try number.orThrow(bad)
      return true
    case "lr":
      training.learningRate = try Float(value).orThrow(bad)
      return true
    case "seed":
      training.seed = try UInt64(value).orThrow(bad)
      return true
    case "smooth":
      guard let smoothing = Float(value), (0..<1).contains(smoothing) else { throw bad }
      training.labelSmoothing = smoothing
      return true
    default: throw bad
    }
    return false
  }

  private static func read(_ path: String, console: Console) throws -> [LabeledText] {
    let (rows, diagnostics) = LabeledData.read(path: path)
    if !diagnostics.isEmpty { console.error(DiagnosticRendering.render(diagnostics)) }
    if diagnostics.contains(where: { $0.code == "D0003" }) || rows.isEmpty {
      throw CommandError.badInput("no labelled lines in '\(path)'")
    }
    return rows
  }

  private static func print(_ output: Output, console: Console, calibrated: Bool) {
    func f(_ x: Double) -> String { String(format: "%.4f", x) }
    if let r = output.report {
      console.line(
        "train: \(output.train) (\(r.trainCount) utterances), "
          + "\(String(format: "%.2f", r.trainSeconds)) s (CPU \(String(format: "%.2f", r.trainCPUSeconds)) s)"
      )
      console.line("test:  \(output.test) (\(r.testCount) utterances)")
      console.line("options: \(output.options)")
      console.line(
        "accuracy \(f(r.accuracy))  macro-F1 \(f(r.macroF1))  "
          + "single-utterance \(Int(r.utterancesPerSecond.rounded()))/s, "
          + "\(Int(r.utterancesPerCPUSecond.rounded()))/CPU s (one core, fastest of 3 passes)"
      )
    }
    if let r = output.report, let ece = r.expectedCalibrationError {
      console.line(
        "expected calibration error \(f(ece)) (\(Reliability.binCount) bins; --json has the "
          + "reliability diagram)")
    }
    if let c = output.calibration {
      let what = calibrated ? "cross-validated" : "in force"
      console.line(
        "calibration (\(what)): temperature \(c.temperature), threshold \(c.threshold),"
          + " out-of-scope offset \(c.outOfScopeOffset)")
    }
    if let r = output.report { printLabels(r.labels, r.confusions, console: console) }
    if let r = output.outOfFold {
      console.line("")
      console.line(
        "out of fold (5-fold on the training data, calibration in force): accuracy "
          + "\(f(r.accuracy))  macro-F1 \(f(r.macroF1))")
      printLabels(r.labels, r.confusions, console: console)
    }
    if let consent = output.consent {
      console.line("")
      console.line(
        "consent: \(consent.path) (\(consent.report.testCount) answers to an offer), "
          + "accuracy \(f(consent.report.accuracy))")
      printLabels(consent.report.labels, consent.report.confusions, console: console)
    }
    if let entities = output.entities {
      let r = entities.report
      console.line("")
      console.line(
        "entities: \(entities.path) (\(r.lines) lines), precision \(f(r.precision)) "
          + "recall \(f(r.recall)) f1 \(f(r.f1)) (kind, span and value exact)")
      printLabels(r.kinds, console: console)
      if !r.mistakes.isEmpty {
        console.line("")
        console.line("mistakes:")
        for m in r.mistakes { console.line("  \(m)") }
      }
    }
  }

  private static func printLabels(
    _ labels: [EvaluationReport.LabelReport], _ confusions: [EvaluationReport.Confusion] = [],
    console: Console
  ) {
    func f(_ x: Double) -> String { String(format: "%.4f", x) }
    console.line("")
    let width = max(labels.map(\.label.count).max() ?? 5, 5)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(width - s.count, 0)) }
    console.line("\(pad("label"))  precision  recall  f1      support")
    for l in labels {
      console.line(
        "\(pad(l.label))  \(f(l.precision))     \(f(l.recall))  \(f(l.f1))  \(l.support)")
    }
    if !confusions.isEmpty {
      console.line("")
      console.line("top confusions (expected → predicted):")
      for c in confusions { console.line("  \(c.expected) → \(c.predicted)  \(c.count)") }
    }
  }
}

extension Optional {
  fileprivate func orThrow(_ error: some Error) throws -> Wrapped {
    guard let value = self else { throw error }
    return value
  }
}

/// Renders diagnostics without quoting source lines (TSV lines can be long).
enum DiagnosticRendering {
  static func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer().render(diagnostics)
  }
}
