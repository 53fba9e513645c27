/// Picks feature and training options for arbitrary labelled data the way the baselines do:
/// each candidate is trained on a seeded 90 % of the training set and scored on the other
/// 10 %; the test set plays no part.
package enum ModelSelection {
  /// One setting to try.
  package struct Candidate: Sendable {
    package var features: FeatureOptions
    package var training: TrainingOptions
  }

  /// The candidates tried for data other than `Intents/`: a gentle schedule that suits large
  /// sets of long texts, the intent schedule, and the gentle one with four times the buckets
  /// (fewer collisions when there are many distinct n-grams, as in long reviews).
  package static let candidates: [Candidate] = [
    Candidate(
      features: .general, training: TrainingOptions(epochs: 10, learningRate: 1, seed: 13)),
    Candidate(features: .general, training: .intents),
    Candidate(
      features: FeatureOptions(bucketBits: 22),
      training: TrainingOptions(epochs: 10, learningRate: 1, seed: 13)),
  ]

  /// The most weight memory a candidate may need (labels × buckets × 4 bytes): a model must
  /// stay small enough to load at start-up and to score from cache.
  package static let weightBudget = 64 << 20

  /// The candidates whose weight table fits `weightBudget` for `labelCount` labels.
  ///
  /// - Parameter labelCount: how many labels the data has.
  /// - Returns: the affordable candidates, in order.
  package static func affordable(labelCount: Int) -> [Candidate] {
    candidates.filter { (labelCount << $0.features.bucketBits) * 4 <= weightBudget }
  }

  /// The candidate with the best hold-out accuracy (ties: the first listed).
  ///
  /// - Parameters:
  ///   - train: the training set.
  ///   - candidates: settings to try.
  /// - Returns: the chosen setting and each candidate's hold-out accuracy.
  package static func choose(_ train: [LabeledText], candidates: [Candidate]? = nil)
    -> (choice: Candidate, accuracies: [Double])
  {
    let candidates = candidates ?? affordable(labelCount: Set(train.map(\.label)).count)
    guard let first = candidates.first else {
      return (Candidate(features: .general, training: .intents), [])
    }
    guard candidates.count > 1, train.count >= 20 else { return (first, []) }
    var order = Array(train.indices)
    var random = SplitMix64(seed: 13)
    random.shuffle(&order)
    let cut = train.count / 10
    let holdout = order.prefix(cut).map { train[$0] }
    let rest = order.dropFirst(cut).map { train[$0] }
    var accuracies: [Double] = []
    for candidate in candidates {
      let (_, report) = Evaluator.trainAndEvaluate(
        train: rest, test: holdout, features: candidate.features, training: candidate.training,
        passes: 1)
      accuracies.append(report.accuracy)
    }
    let best = accuracies.indices.max { (accuracies[$0], -$0) < (accuracies[$1], -$1) } ?? 0
    return (candidates[best], accuracies)
  }
}
