import Foundation

/// Chooses a `Calibration` from out-of-fold predictions on the training data alone.
package enum CrossValidation {
  /// One held-out prediction: the true label and the raw scores in the model's label order.
  package struct Fold: Sendable {
    package var label: String
    package var labels: [String]
    package var scores: [Float]
  }

  /// Out-of-fold scores: each example is scored by a model trained on the other folds
  /// (seeded, deterministic assignment to folds).
  ///
  /// - Parameters:
  ///   - data: the training data.
  ///   - folds: how many folds.
  ///   - features: feature options.
  ///   - training: training options.
  /// - Returns: one entry per example.
  package static func outOfFold(
    _ data: [LabeledText], folds: Int, features: FeatureOptions, training: TrainingOptions
  ) -> [Fold] {
    let data = data.canonicallyOrdered
    var order = Array(data.indices)
    var random = SplitMix64(seed: training.seed &+ 1)
    random.shuffle(&order)
    var fold = [Int](repeating: 0, count: data.count)
    for (rank, index) in order.enumerated() { fold[index] = rank % folds }
    var result: [Fold] = []
    for k in 0..<folds {
      let train = data.indices.filter { fold[$0] != k }.map { data[$0] }
      let classifier = TextClassifier.train(train, features: features, training: training)
      for index in data.indices where fold[index] == k {
        var scores: [Float] = []
        classifier.compact.scores(
          classifier.extractor.features(of: data[index].text), into: &scores)
        result.append(
          Fold(label: data[index].label, labels: classifier.model.labels, scores: scores))
      }
    }
    return result
  }

  /// The temperature with the least log-loss, then the smallest out-of-scope offset within a
  /// tenth of a point of the best out-of-fold accuracy, then the highest out-of-scope threshold
  /// whose accuracy is within `tolerance` of the best threshold's.
  ///
  /// - Parameters:
  ///   - folds: out-of-fold predictions.
  ///   - fallback: the out-of-scope label.
  ///   - tolerance: accuracy (0…1) given up for caution; 0.005 = half a point.
  /// - Returns: the calibration.
  package static func calibrate(_ folds: [Fold], fallback: String, tolerance: Double = 0.005)
    -> Calibration
  {
    var best = (loss: Double.infinity, temperature: 1.0)
    for step in 1...60 {
      let t = Double(step * 5) / 100
      var loss = 0.0
      for f in folds {
        var p = f.scores
        LinearModel.softmax(&p, temperature: Float(t))
        let k = f.labels.firstIndex(of: f.label) ?? 0
        loss -= log(Double(max(p[k], 1e-7)))
      }
      if loss < best.loss { best = (loss, t) }
    }
    // The out-of-scope offset: the smallest that scores within a tenth of a point of the best
    // out-of-fold accuracy (with no threshold), in steps of a quarter up to 2.
    func tops(offset: Double) -> [(label: String, top: String, p: Double)] {
      folds.compactMap { f in
        var p = f.scores
        LinearModel.softmax(&p, temperature: Float(best.temperature))
        if let o = f.labels.firstIndex(of: fallback) {
          OutOfScopeOffset.apply(offset, at: o, to: &p)
        }
        guard let k = p.indices.max(by: { p[$0] < p[$1] }) else { return nil }
        return (f.label, f.labels[k], Double(p[k]))
      }
    }
    let offsets = (0...8).map { Double($0) / 4 }
    let accuracies = offsets.map { offset in
      let all = tops(offset: offset)
      return Double(all.filter { $0.top == $0.label }.count) / Double(max(all.count, 1))
    }
    let bestAccuracy = accuracies.max() ?? 0
    let offset = offsets[accuracies.firstIndex { $0 >= bestAccuracy - 0.001 } ?? 0]
    let tops = tops(offset: offset)
    var curve: [(threshold: Double, accuracy: Double)] = []
    for step in 0...90 {
      let threshold = Double(step) / 100
      let right = tops.filter { ($0.p < threshold ? fallback : $0.top) == $0.label }.count
      curve.append((threshold, Double(right) / Double(max(tops.count, 1))))
    }
    // The most cautious threshold that costs at most `tolerance` accuracy: an unsure answer
    // is better routed to "I did not understand" than acted upon.
    let peak = curve.map(\.accuracy).max() ?? 0
    let threshold = curve.last { $0.accuracy >= peak - tolerance }?.threshold ?? 0
    return Calibration(
      temperature: best.temperature, threshold: threshold, outOfScopeOffset: offset)
  }
}

extension CrossValidation {
  /// What each out-of-fold prediction comes to under `calibration`, decided as
  /// `IntentModel.classify` decides (temperature, out-of-scope offset, threshold), so that a
  /// change to `Intents/`, the features or the calibration can be judged on the training data
  /// alone, never on `Corpus/nlu`.
  ///
  /// - Parameters:
  ///   - folds: out-of-fold predictions.
  ///   - calibration: the calibration to decide with.
  ///   - fallback: the out-of-scope label.
  /// - Returns: one label per fold entry, in order.
  package static func decisions(_ folds: [Fold], calibration: Calibration, fallback: String)
    -> [String]
  {
    folds.map { f in
      var p = f.scores
      LinearModel.softmax(&p, temperature: Float(calibration.temperature))
      if let o = f.labels.firstIndex(of: fallback) {
        OutOfScopeOffset.apply(calibration.outOfScopeOffset, at: o, to: &p)
      }
      guard let k = p.indices.max(by: { p[$0] < p[$1] }) else { return fallback }
      return Double(p[k]) < calibration.threshold ? fallback : f.labels[k]
    }
  }
}

/// Takes log-odds from the out-of-scope label of a probability vector (see
/// `Calibration.outOfScopeOffset`).
package enum OutOfScopeOffset {
  /// Multiplies `probabilities[index]` by e^-`offset` and renormalises the vector.
  ///
  /// - Parameters:
  ///   - offset: the log-odds to take away; 0 leaves the vector as it is.
  ///   - index: the out-of-scope label's index.
  ///   - probabilities: a softmax output.
  @inline(__always)
  package static func apply(_ offset: Double, at index: Int, to probabilities: inout [Float]) {
    guard offset != 0, probabilities.indices.contains(index) else { return }
    let before = probabilities[index]
    let after = before * expf(Float(-offset))
    let sum = 1 - before + after
    probabilities[index] = after
    for k in probabilities.indices { probabilities[k] /= sum }
  }
}
