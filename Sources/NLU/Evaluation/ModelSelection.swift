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
  /// sets of long texts, the intent schedule, the gentle one with label smoothing (3i4k's
  /// many near-duplicate questions and statements), and the gentle one with four times the
  /// buckets (fewer collisions when there are many distinct n-grams, as in long reviews).
  package static let candidates: [Candidate] = [
    Candidate(
      features: .general, training: TrainingOptions(epochs: 10, learningRate: 1, seed: 13)),
    Candidate(features: .general, training: .intents),
    Candidate(
      features: .general,
      training: TrainingOptions(epochs: 10, learningRate: 1, seed: 13, labelSmoothing: 0.05)),
    Candidate(
      features: FeatureOptions(bucketBits: 22),
      training: TrainingOptions(epochs: 10, learningRate: 1, seed: 13)),
  ]

  /// The most weight memory a candidate may need (labels × buckets × 4 bytes): a model must
  /// stay small enough to load at start-up and to score from cache.
  package static let weightBudget = 64 << 20

  /// The candidates whose weight table fits `weightBudget` for `labelCount` labels; when none
  /// does (many labels), every candidate with its buckets cut to the most that fit.
  ///
  /// Training holds the table twice (weights and their running sums for averaging), so its
  /// peak memory is about twice the budget however many labels there are: with 1,000 labels
  /// the table is 2^14 buckets, which scores paraKQC as well as 2^16 and 2^20 do (see
  /// `bench/nlu/README.md`), where the 2^20 fallback this replaces needed 8 GiB.
  ///
  /// - Parameter labelCount: how many labels the data has.
  /// - Returns: the affordable candidates, in order, without repeats.
  package static func affordable(labelCount: Int) -> [Candidate] {
    let fitting = candidates.filter { fits(bits: $0.features.bucketBits, labelCount: labelCount) }
    guard fitting.isEmpty else { return fitting }
    var bits = candidates.map(\.features.bucketBits).min() ?? FeatureOptions.general.bucketBits
    while bits > minimumBits && !fits(bits: bits, labelCount: labelCount) { bits -= 1 }
    var shrunk: [Candidate] = []
    for var candidate in candidates {
      candidate.features.bucketBits = bits
      let seen = shrunk.contains {
        $0.features == candidate.features && $0.training == candidate.training
      }
      if !seen { shrunk.append(candidate) }
    }
    return shrunk
  }

  /// The fewest buckets a shrunk candidate gets, whatever the label count: below this nearly
  /// every n-gram shares its bucket with another.
  static let minimumBits = 12

  /// Whether a dense table of `labelCount` rows of 2^`bits` floats fits `weightBudget`.
  static func fits(bits: Int, labelCount: Int) -> Bool {
    (labelCount << bits) * MemoryLayout<Float>.size <= weightBudget
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
    let train = train.canonicallyOrdered
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
