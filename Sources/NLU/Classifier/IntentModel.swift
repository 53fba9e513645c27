import Foundation

/// Biseo's intent classifier: a `TextClassifier` trained on `Intents/`, calibrated
/// confidences and the out-of-scope fallback; trained at start-up or read from a cache.
package struct IntentModel: Sendable {
  /// The intent for everything Biseo does not handle.
  package static let fallback = "out_of_scope"
  /// How many labels a prediction's ranking lists.
  package static let rankingSize = 3

  /// The trained classifier.
  package let classifier: TextClassifier
  /// Temperature and threshold in force.
  package let calibration: Calibration

  /// Wraps a trained classifier.
  ///
  /// - Parameters:
  ///   - classifier: the classifier.
  ///   - calibration: temperature and out-of-scope threshold.
  package init(classifier: TextClassifier, calibration: Calibration) {
    self.classifier = classifier
    self.calibration = calibration
  }

  /// The fingerprint of everything a model depends on.
  ///
  /// Format version, options and every example in canonical order (training does not depend
  /// on the order, so neither does the key); a cached model with another fingerprint is stale.
  ///
  /// - Parameters:
  ///   - examples: the training data.
  ///   - features: feature options.
  ///   - training: training options.
  /// - Returns: a 64-bit FNV-1a fingerprint.
  package static func fingerprint(
    _ examples: [LabeledText], features: FeatureOptions, training: TrainingOptions
  ) -> UInt64 {
    var hash = FNV1a64()
    hash.combine("biseo-nlu \(ModelFile.version)")
    hash.combine(features.fingerprint)
    hash.combine(training.fingerprint)
    hash.combine("canonical order")
    for example in examples.canonicallyOrdered {
      hash.combine(example.label)
      hash.combine(example.text)
    }
    return hash.value
  }

  /// Reads the cached model when it matches `examples` and the options, else trains one and
  /// rewrites the cache (a cache that cannot be written is not an error: the model is).
  ///
  /// - Parameters:
  ///   - examples: the training data (from `IntentCatalog.labeledExamples`).
  ///   - cachePath: the cache file, or nil for no cache.
  ///   - features: feature options.
  ///   - training: training options.
  ///   - calibration: temperature and threshold.
  /// - Returns: the model and whether it came from the cache.
  package static func loadOrTrain(
    _ examples: [LabeledText], cachePath: String?, features: FeatureOptions = .intents,
    training: TrainingOptions = .intents, calibration: Calibration = .intents
  ) -> (model: IntentModel, fromCache: Bool) {
    let key = fingerprint(examples, features: features, training: training)
    if let cachePath, let cached = ModelFile.load(path: cachePath, inputHash: key),
      cached.bucketBits == features.bucketBits
    {
      let classifier = TextClassifier(model: cached, features: features, training: training)
      return (IntentModel(classifier: classifier, calibration: calibration), true)
    }
    let classifier = TextClassifier.train(examples, features: features, training: training)
    if let cachePath {
      try? ModelFile.save(classifier.model, path: cachePath, inputHash: key)
    }
    return (IntentModel(classifier: classifier, calibration: calibration), false)
  }

  /// Classifies one utterance.
  ///
  /// Never fails: empty, blank, symbol-only or emoji-only input is `out_of_scope` with
  /// confidence 0. One or two 초성 letters that may mean several things get at most 0.9.
  ///
  /// - Parameter text: raw input.
  /// - Returns: the prediction.
  package func classify(_ text: String) -> IntentPrediction {
    let prepared = classifier.extractor.prepare(text)
    // Hangul syllables and ASCII letters and digits answer without a Unicode property lookup.
    let readable = prepared.unicodeScalars.contains {
      let v = $0.value
      return (0xAC00...0xD7A3).contains(v) || (0x30...0x39).contains(v)
        || (0x61...0x7A).contains(v | 0x20) || (v >= 0x80 && $0.properties.isAlphabetic)
    }
    let labels = classifier.model.labels
    guard readable, !labels.isEmpty else {
      return IntentPrediction(
        intent: Self.fallback, confidence: 0, topLabel: Self.fallback, fellBack: true, ranking: [])
    }
    var features: [UInt32] = []
    features.reserveCapacity(256)
    classifier.extractor.features(ofPrepared: prepared, into: &features)
    var scores: [Float] = []
    classifier.compact.scores(features, into: &scores)
    LinearModel.softmax(&scores, temperature: Float(calibration.temperature))
    if calibration.outOfScopeOffset != 0, let fallback = labels.firstIndex(of: Self.fallback) {
      OutOfScopeOffset.apply(calibration.outOfScopeOffset, at: fallback, to: &scores)
    }
    if ChoseongConfidence.isAmbiguous(prepared) { ChoseongConfidence.temper(&scores) }
    // The best few by a partial selection; ties go to the label first in sorted order.
    var best: [Int] = []
    best.reserveCapacity(Self.rankingSize + 1)
    for k in scores.indices {
      var position = best.count
      while position > 0, scores[k] > scores[best[position - 1]] { position -= 1 }
      if position < Self.rankingSize {
        best.insert(k, at: position)
        if best.count > Self.rankingSize { best.removeLast() }
      }
    }
    let ranking = best.map { LabelScore(label: labels[$0], probability: Double(scores[$0])) }
    let top = ranking[0]
    let fellBack = top.probability < calibration.threshold && top.label != Self.fallback
    return IntentPrediction(
      intent: fellBack ? Self.fallback : top.label, confidence: top.probability,
      topLabel: top.label, fellBack: fellBack, ranking: ranking)
  }
}

extension TrainingOptions {
  /// The training Biseo's intent model uses (epochs and rate chosen on `Corpus/nlu`; label
  /// smoothing 0.05 by out-of-fold accuracy on `Intents/`, issue 16's sixth round, see
  /// `bench/nlu/README.md`).
  package static let intents = TrainingOptions(
    epochs: 20, learningRate: 4, seed: 13, averaged: true, labelSmoothing: 0.05)
}
