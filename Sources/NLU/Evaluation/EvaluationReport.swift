/// Scores of a classifier on a labelled test set: what `biseo eval` prints.
package struct EvaluationReport: Sendable, Codable, Equatable {
  /// Precision, recall and F1 of one label.
  package struct LabelReport: Sendable, Codable, Equatable {
    package var label: String
    package var precision: Double
    package var recall: Double
    package var f1: Double
    /// How many test items carry this label.
    package var support: Int
  }

  /// How often one label was predicted for another.
  package struct Confusion: Sendable, Codable, Equatable {
    package var expected: String
    package var predicted: String
    package var count: Int
  }

  /// Training items (0 when the model was not trained here).
  package var trainCount: Int
  /// Test items.
  package var testCount: Int
  /// Share of test items predicted right.
  package var accuracy: Double
  /// Unweighted mean of the labels' F1 (labels seen in truth or predictions, as scikit-learn).
  package var macroF1: Double
  /// Per-label scores, by label.
  package var labels: [LabelReport]
  /// The most frequent confusions, most frequent first.
  package var confusions: [Confusion]
  /// Seconds spent training (features + model), wall clock.
  package var trainSeconds: Double
  /// CPU seconds of the training thread (what "one core" means on a busy machine).
  package var trainCPUSeconds: Double = 0
  /// Single-utterance predictions per second, one core, one call per utterance.
  package var utterancesPerSecond: Double
  /// The same per CPU second of the predicting thread: on a shared machine, time the thread
  /// waited for a core does not count (cache contention still does).
  package var utterancesPerCPUSecond: Double = 0
  /// Expected calibration error of the top label's confidence over `Reliability.binCount`
  /// equal-width bins, when the classifier gave confidences.
  package var expectedCalibrationError: Double?
  /// The reliability diagram behind it.
  package var reliability: [ReliabilityBin]?

  /// Scores predictions against the truth.
  ///
  /// - Parameters:
  ///   - expected: true labels.
  ///   - predicted: predicted labels, same order and length.
  ///   - topConfusions: how many confusions to keep.
  /// - Returns: a report with timing fields zero (the caller fills them).
  package static func score(expected: [String], predicted: [String], topConfusions: Int = 10)
    -> EvaluationReport
  {
    precondition(expected.count == predicted.count, "one prediction per test item")
    var truePositive: [String: Int] = [:]
    var expectedCount: [String: Int] = [:]
    var predictedCount: [String: Int] = [:]
    var confusion: [String: [String: Int]] = [:]
    var right = 0
    for (e, p) in zip(expected, predicted) {
      expectedCount[e, default: 0] += 1
      predictedCount[p, default: 0] += 1
      if e == p {
        right += 1
        truePositive[e, default: 0] += 1
      } else {
        confusion[e, default: [:]][p, default: 0] += 1
      }
    }
    let names = Set(expectedCount.keys).union(predictedCount.keys).sorted()
    var labels: [LabelReport] = []
    for name in names {
      let tp = Double(truePositive[name] ?? 0)
      let pc = Double(predictedCount[name] ?? 0)
      let ec = Double(expectedCount[name] ?? 0)
      let precision = pc == 0 ? 0 : tp / pc
      let recall = ec == 0 ? 0 : tp / ec
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      labels.append(
        LabelReport(
          label: name, precision: precision, recall: recall, f1: f1,
          support: expectedCount[name] ?? 0))
    }
    let confusions = confusion.flatMap { e, row in
      row.map { Confusion(expected: e, predicted: $0, count: $1) }
    }.sorted { ($0.count, $1.expected, $1.predicted) > ($1.count, $0.expected, $0.predicted) }
    return EvaluationReport(
      trainCount: 0, testCount: expected.count,
      accuracy: expected.isEmpty ? 0 : Double(right) / Double(expected.count),
      macroF1: labels.isEmpty ? 0 : labels.map(\.f1).reduce(0, +) / Double(labels.count),
      labels: labels, confusions: Array(confusions.prefix(topConfusions)), trainSeconds: 0,
      utterancesPerSecond: 0)
  }
}
