import Foundation

/// How a model is trained; part of its identity for the cache.
package struct TrainingOptions: Sendable, Hashable, Codable {
  /// Passes over the training data.
  package var epochs: Int
  /// Initial step size; it decays linearly to 0 over training.
  package var learningRate: Float
  /// Seed of the shuffling order.
  package var seed: UInt64
  /// Whether the returned weights are the average over all steps (averaged SGD), which
  /// generalises better than the last iterate.
  package var averaged: Bool
  /// Label smoothing ε: each example's target gives the true label 1 − ε and the others ε
  /// shared equally, so that no weight grows to make the model certain of a line it has seen
  /// (0 = plain log-loss).
  package var labelSmoothing: Float

  /// Creates options.
  ///
  /// - Parameters: one per property.
  package init(
    epochs: Int = 10, learningRate: Float = 0.5, seed: UInt64 = 13, averaged: Bool = true,
    labelSmoothing: Float = 0
  ) {
    precondition((0..<1).contains(labelSmoothing), "labelSmoothing out of range")
    self.epochs = epochs
    self.learningRate = learningRate
    self.seed = seed
    self.averaged = averaged
    self.labelSmoothing = labelSmoothing
  }

  /// A stable text form, hashed into model fingerprints.
  package var fingerprint: String {
    "e\(epochs) lr\(learningRate) s\(seed) a\(averaged ? 1 : 0)"
      + (labelSmoothing > 0 ? " ls\(labelSmoothing)" : "")
  }
}

/// Trains a `LinearModel` as multinomial logistic regression with stochastic gradient
/// descent: deterministic (seeded shuffling, fixed order of labels), one core.
package enum SoftmaxTrainer {
  /// One training example: hashed features and a label index.
  package struct Example: Sendable {
    package var features: [UInt32]
    package var label: Int

    /// Creates an example.
    ///
    /// - Parameters:
    ///   - features: bucket indices.
    ///   - label: index into the model's labels.
    package init(features: [UInt32], label: Int) {
      self.features = features
      self.label = label
    }
  }

  /// Trains a model.
  ///
  /// - Parameters:
  ///   - examples: the training set.
  ///   - labels: the class labels (indices in `examples` refer to these).
  ///   - bucketBits: log2 of the number of hash buckets.
  ///   - options: epochs, learning rate, seed, averaging.
  ///   - idf: whether to weight features by inverse document frequency.
  /// - Returns: the trained model.
  package static func train(
    _ examples: [Example], labels: [String], bucketBits: Int, options: TrainingOptions,
    idf: Bool = false
  ) -> LinearModel {
    var model = LinearModel(labels: labels, bucketBits: bucketBits)
    let l = labels.count
    guard l > 0, !examples.isEmpty else { return model }
    if idf { model.featureWeights = inverseDocumentFrequency(examples, bucketBits: bucketBits) }
    let weighted = idf
    // Averaged SGD without touching every weight each step: keep u = Σ step·Δ; the average is
    // w - u / steps.
    var sums = options.averaged ? [Float](repeating: 0, count: model.weights.count) : []
    var biasSums = [Float](repeating: 0, count: l)
    var order = Array(examples.indices)
    var random = SplitMix64(seed: options.seed)
    let total = Float(max(options.epochs, 1) * examples.count)
    var step: Float = 1
    var scores = [Float](repeating: 0, count: l)
    var gradient = [Float](repeating: 0, count: l)
    let onTarget = 1 - options.labelSmoothing
    let offTarget = options.labelSmoothing / Float(max(l - 1, 1))
    for _ in 0..<max(options.epochs, 1) {
      random.shuffle(&order)
      for index in order {
        let example = examples[index]
        let rate = options.learningRate * max(1 - (step - 1) / total, 0.0001)
        model.scores(example.features, into: &scores)
        LinearModel.softmax(&scores)
        let scale = model.scale(of: example.features)
        for k in 0..<l {
          let error = scores[k] - (k == example.label ? onTarget : offTarget)
          // Labels the model is already sure about move by less than a rounding error: skip
          // them, which makes late epochs several times cheaper.
          gradient[k] = abs(error) < 1e-4 ? 0 : -rate * error
          model.bias[k] += gradient[k]
          biasSums[k] += step * gradient[k]
        }
        for k in 0..<l { gradient[k] *= scale }
        let averaged = options.averaged
        let values = model.featureWeights
        model.weights.withUnsafeMutableBufferPointer { w in
          sums.withUnsafeMutableBufferPointer { u in
            for f in example.features {
              let row = Int(f) * l
              let value: Float = weighted ? values[Int(f)] : 1
              for k in 0..<l where gradient[k] != 0 {
                let delta = gradient[k] * value
                w[row + k] += delta
                if averaged { u[row + k] += step * delta }
              }
            }
          }
        }
        step += 1
      }
    }
    if options.averaged {
      let steps = step - 1
      for i in model.weights.indices where sums[i] != 0 { model.weights[i] -= sums[i] / steps }
      for k in 0..<l { model.bias[k] -= biasSums[k] / steps }
    }
    return model
  }
}

extension SoftmaxTrainer {
  /// Smoothed inverse document frequency per bucket, as scikit-learn's `TfidfVectorizer`
  /// computes it: ln((1 + n) / (1 + df)) + 1.
  static func inverseDocumentFrequency(_ examples: [Example], bucketBits: Int) -> [Float] {
    var df = [Int32](repeating: 0, count: 1 << bucketBits)
    var seen = [Int32](repeating: -1, count: 1 << bucketBits)
    for (index, example) in examples.enumerated() {
      for f in example.features where seen[Int(f)] != Int32(truncatingIfNeeded: index) {
        seen[Int(f)] = Int32(truncatingIfNeeded: index)
        df[Int(f)] += 1
      }
    }
    let n = Float(examples.count)
    return df.map { logf((1 + n) / (1 + Float($0))) + 1 }
  }
}

/// SplitMix64: a small, seeded, deterministic generator for shuffling training data.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator.
  ///
  /// - Parameter seed: the seed.
  package init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  ///
  /// - Returns: a value.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Fisher–Yates shuffle with this generator (stable across platforms, unlike `shuffle(using:)`
  /// whose algorithm is not promised).
  ///
  /// - Parameter array: the array to shuffle.
  package mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = Int(next() % UInt64(i + 1))
      array.swapAt(i, j)
    }
  }
}
