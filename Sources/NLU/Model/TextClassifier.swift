/// A label and its probability.
package struct LabelScore: Sendable, Hashable, Codable {
  /// The label.
  package var label: String
  /// Its probability, 0…1.
  package var probability: Double

  /// Creates a score.
  ///
  /// - Parameters:
  ///   - label: the label.
  ///   - probability: its probability.
  package init(label: String, probability: Double) {
    self.label = label
    self.probability = probability
  }
}

/// Features plus a linear model: trains on any `label<TAB>text` data and ranks labels.
package struct TextClassifier: Sendable {
  /// The feature extractor the model was trained with.
  package let extractor: FeatureExtractor
  /// The trained model.
  package let model: LinearModel
  /// The same model in the form predictions read (only the rows training touched).
  package let compact: CompactModel
  /// How the model was trained.
  package let training: TrainingOptions

  /// Wraps a trained model.
  ///
  /// - Parameters:
  ///   - model: the model.
  ///   - features: the feature options it was trained with.
  ///   - training: the training options it was trained with.
  package init(model: LinearModel, features: FeatureOptions, training: TrainingOptions) {
    precondition(model.bucketBits == features.bucketBits, "model and features disagree")
    self.extractor = FeatureExtractor(options: features)
    self.model = model
    self.compact = CompactModel(model)
    self.training = training
  }

  /// Trains on labelled texts; deterministic for the same rows and options, whatever their
  /// order (the rows are put in `canonicallyOrdered` order first).
  ///
  /// - Parameters:
  ///   - data: the training set.
  ///   - features: which features to use.
  ///   - training: epochs, learning rate, seed.
  /// - Returns: the trained classifier.
  package static func train(
    _ data: [LabeledText], features: FeatureOptions, training: TrainingOptions
  ) -> TextClassifier {
    let labels = Array(Set(data.map(\.label))).sorted()
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let extractor = FeatureExtractor(options: features)
    var examples: [SoftmaxTrainer.Example] = []
    examples.reserveCapacity(data.count)
    for item in data.canonicallyOrdered {
      guard let label = index[item.label] else { continue }
      examples.append(.init(features: extractor.features(of: item.text), label: label))
    }
    let model = SoftmaxTrainer.train(
      examples, labels: labels, bucketBits: features.bucketBits, options: training,
      idf: features.idf)
    return TextClassifier(model: model, features: features, training: training)
  }

  /// Every label with its probability, most likely first (ties by label order).
  ///
  /// - Parameter text: raw input.
  /// - Returns: the ranking; empty when the model has no labels.
  package func rank(_ text: String) -> [LabelScore] {
    var scores: [Float] = []
    compact.scores(extractor.features(of: text), into: &scores)
    LinearModel.softmax(&scores)
    return zip(model.labels, scores)
      .map { LabelScore(label: $0, probability: Double($1)) }
      .sorted { $0.probability > $1.probability }
  }

  /// The most likely label and its probability, without building the full ranking.
  ///
  /// - Parameters:
  ///   - text: raw input.
  ///   - scratch: reusable buffers (pass the same one in a loop to avoid allocation).
  /// - Returns: label index and probability, or nil when the model has no labels.
  package func top(_ text: String, scratch: inout Scratch) -> (label: Int, probability: Float)? {
    scratch.features.removeAll(keepingCapacity: true)
    extractor.features(of: text, into: &scratch.features)
    if let binary = compact.binaryTop(scratch.features) { return binary }
    compact.scores(scratch.features, into: &scratch.scores)
    LinearModel.softmax(&scratch.scores)
    guard var best = scratch.scores.indices.first else { return nil }
    for k in scratch.scores.indices where scratch.scores[k] > scratch.scores[best] { best = k }
    return (best, scratch.scores[best])
  }

  /// Buffers reused across predictions.
  package struct Scratch {
    var features: [UInt32] = []
    var scores: [Float] = []

    /// Creates empty buffers.
    package init() {}
  }
}
