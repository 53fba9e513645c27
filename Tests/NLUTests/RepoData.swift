import Foundation
import NLU

/// The repository's own data, found from this file's path (tests run from any directory).
enum RepoData {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let intentsPath = root + "/Intents"
  static let corpusPath = root + "/Corpus/nlu/test.tsv"
  static let goldenPath = root + "/Tests/NLUTests/Golden"

  /// `Intents/` loaded once for all tests.
  static let intents: IntentLoadResult = IntentLoader.load(directory: intentsPath)

  /// `Corpus/nlu/test.tsv`.
  static let corpus: [LabeledText] = LabeledData.read(path: corpusPath).rows

  /// The shipped model, trained once for all tests (no cache: tests must not depend on one).
  static let model: IntentModel = IntentModel.loadOrTrain(
    intents.catalog.labeledExamples, cachePath: nil
  ).model

  /// The 28 intents the issue requires, by name.
  static let requiredIntents: Set<String> = [
    "health_checkup", "civil_defense", "scholarship", "car_tax", "property_tax", "income_tax",
    "license_renewal", "car_inspection", "vaccination", "passport", "traffic_fine",
    "birth_event", "death_event", "moving_event", "pregnancy_event", "benefits_query",
    "subscribe", "unsubscribe", "list_reminders", "explain_why", "affirm", "deny", "greeting",
    "thanks", "goodbye", "help", "human_agent", "out_of_scope",
  ]
}
