/// Picks training options for arbitrary labelled data the way the baselines do: each
/// candidate is trained on a seeded 90 % of the training set and scored on the other 10 %;
/// the test set plays no part.
package enum ModelSelection {
  /// The candidates tried for data other than `Intents/`: the intent settings, and a gentler
  /// schedule that suits large sets of long texts.
  package static let candidates: [TrainingOptions] = [
    TrainingOptions(epochs: 10, learningRate: 1, seed: 13, averaged: true),
    .intents,
  ]

  /// The candidate with the best hold-out accuracy (ties: the first listed).
  ///
  /// - Parameters:
  ///   - train: the training set.
  ///   - features: feature options.
  ///   - candidates: training options to try.
  /// - Returns: the chosen options and each candidate's hold-out accuracy.
  package static func choose(
    _ train: [LabeledText], features: FeatureOptions, candidates: [TrainingOptions] = candidates
  ) -> (options: TrainingOptions, accuracies: [Double]) {
    guard candidates.count > 1, train.count >= 20 else {
      return (candidates.first ?? .intents, [])
    }
    var order = Array(train.indices)
    var random = SplitMix64(seed: 13)
    random.shuffle(&order)
    let cut = train.count / 10
    let holdout = order.prefix(cut).map { train[$0] }
    let rest = order.dropFirst(cut).map { train[$0] }
    var accuracies: [Double] = []
    for options in candidates {
      let (_, report) = Evaluator.trainAndEvaluate(
        train: rest, test: holdout, features: features, training: options, passes: 1)
      accuracies.append(report.accuracy)
    }
    let best = accuracies.indices.max { (accuracies[$0], -$0) < (accuracies[$1], -$1) } ?? 0
    return (candidates[best], accuracies)
  }
}
