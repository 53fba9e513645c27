import Foundation

/// A linear classifier over hashed features: one weight per (bucket, label) and a bias per
/// label; scores go through a softmax.
///
/// Weights are stored bucket-major (`weights[bucket * labelCount + label]`), so the labels of
/// one feature sit side by side in memory.
package struct LinearModel: Sendable, Equatable {
  /// Class labels, in a fixed (sorted) order.
  package let labels: [String]
  /// log2 of the number of buckets.
  package let bucketBits: Int
  /// Bucket-major weights.
  package var weights: [Float]
  /// One bias per label.
  package var bias: [Float]
  /// A weight per bucket (inverse document frequency), or empty when every feature counts 1.
  package var featureWeights: [Float] = []

  /// Creates a zero model.
  ///
  /// - Parameters:
  ///   - labels: the class labels.
  ///   - bucketBits: log2 of the number of hash buckets.
  package init(labels: [String], bucketBits: Int) {
    self.labels = labels
    self.bucketBits = bucketBits
    self.weights = [Float](repeating: 0, count: labels.count << bucketBits)
    self.bias = [Float](repeating: 0, count: labels.count)
  }

  /// Creates a model from stored parts.
  ///
  /// - Parameters:
  ///   - labels: the class labels.
  ///   - bucketBits: log2 of the number of hash buckets.
  ///   - weights: bucket-major weights, `labels.count << bucketBits` of them.
  ///   - bias: one per label.
  package init(labels: [String], bucketBits: Int, weights: [Float], bias: [Float]) {
    precondition(weights.count == labels.count << bucketBits && bias.count == labels.count)
    self.labels = labels
    self.bucketBits = bucketBits
    self.weights = weights
    self.bias = bias
  }

  /// The scale applied to a feature vector of `count` entries (its L2 norm is then 1 when no
  /// index repeats).
  @inline(__always)
  static func scale(_ count: Int) -> Float {
    count == 0 ? 0 : 1 / Float(count).squareRoot()
  }

  /// Raw scores (logits) of every label for a feature vector.
  ///
  /// - Parameters:
  ///   - features: bucket indices, as produced by `FeatureExtractor`.
  ///   - scores: receives one score per label; resized as needed.
  package func scores(_ features: [UInt32], into scores: inout [Float]) {
    let l = labels.count
    if scores.count != l { scores = [Float](repeating: 0, count: l) }
    for k in 0..<l { scores[k] = 0 }
    if featureWeights.isEmpty {
      weights.withUnsafeBufferPointer { w in
        scores.withUnsafeMutableBufferPointer { s in
          for f in features {
            let row = Int(f) * l
            for k in 0..<l { s[k] += w[row + k] }
          }
        }
      }
      let scale = Self.scale(features.count)
      for k in 0..<l { scores[k] = scores[k] * scale + bias[k] }
      return
    }
    var norm: Float = 0
    if l % 4 == 0 {
      norm = Self.accumulateVectorized(
        features, weights: weights, featureWeights: featureWeights, into: &scores)
    } else {
      weights.withUnsafeBufferPointer { w in
        featureWeights.withUnsafeBufferPointer { v in
          scores.withUnsafeMutableBufferPointer { s in
            for f in features {
              let row = Int(f) * l
              let value = v[Int(f)]
              norm += value * value
              for k in 0..<l { s[k] += w[row + k] * value }
            }
          }
        }
      }
    }
    let scale = norm > 0 ? 1 / norm.squareRoot() : 0
    for k in 0..<l { scores[k] = scores[k] * scale + bias[k] }
  }

  /// Adds the weighted rows of `features` into `scores` four labels at a time; the label count
  /// must be a multiple of 4 (rows of 4·k floats start 16-byte aligned).
  ///
  /// - Returns: the squared norm of the feature values.
  private static func accumulateVectorized(
    _ features: [UInt32], weights: [Float], featureWeights: [Float], into scores: inout [Float]
  ) -> Float {
    let chunks = scores.count / 4
    var norm: Float = 0
    weights.withUnsafeBytes { raw in
      featureWeights.withUnsafeBufferPointer { v in
        withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: chunks) { acc in
          for c in 0..<chunks { acc[c] = .zero }
          for f in features {
            let value = v[Int(f)]
            norm += value * value
            let base = Int(f) * chunks * MemoryLayout<SIMD4<Float>>.stride
            for c in 0..<chunks {
              let row = raw.loadUnaligned(
                fromByteOffset: base + c * MemoryLayout<SIMD4<Float>>.stride,
                as: SIMD4<Float>.self)
              acc[c] += row * value
            }
          }
          for c in 0..<chunks {
            for j in 0..<4 { scores[c * 4 + j] = acc[c][j] }
          }
        }
      }
    }
    return norm
  }

  /// The scale of a feature vector under `featureWeights` (1 / its L2 norm).
  ///
  /// - Parameter features: bucket indices.
  /// - Returns: the scale.
  func scale(of features: [UInt32]) -> Float {
    guard !featureWeights.isEmpty else { return Self.scale(features.count) }
    var norm: Float = 0
    for f in features { norm += featureWeights[Int(f)] * featureWeights[Int(f)] }
    return norm > 0 ? 1 / norm.squareRoot() : 0
  }

  /// Turns scores into probabilities in place (numerically stable softmax).
  ///
  /// - Parameters:
  ///   - scores: logits; replaced by probabilities.
  ///   - temperature: divides the logits first; above 1 flattens the distribution.
  package static func softmax(_ scores: inout [Float], temperature: Float = 1) {
    guard let top = scores.max() else { return }
    var sum: Float = 0
    for k in scores.indices {
      let e = expf((scores[k] - top) / temperature)
      scores[k] = e
      sum += e
    }
    for k in scores.indices { scores[k] /= sum }
  }
}
