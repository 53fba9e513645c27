import Foundation

/// The form of a trained `LinearModel` that predictions read: only the buckets training
/// touched, stored as dense rows in bucket order and found through a presence bitmap.
///
/// A dense table has a row for every bucket (2^18 × 28 floats = 29 MB for the intents), and
/// each feature of an utterance lands on a random one of them, so scoring waits on memory. A
/// bucket no training example touched has zero weights and the largest feature weight (its
/// document frequency is 0); every such bucket looks the same, so it needs no row. What is
/// left (about a tenth of the buckets for the intents) is a few megabytes, and a bucket's row
/// number is its rank in a bitmap of one bit per bucket, with a running count every 64 buckets
/// (64 KB for 2^18 buckets), which sits in cache: a feature costs one bitmap read, and one row
/// read only when it has a row. The
/// scores are the same floats, added in the same order, as `LinearModel.scores` gives.
package struct CompactModel: Sendable {
  /// Class labels, in the model's order.
  package let labels: [String]
  /// One bias per label.
  private let bias: [Float]
  /// One entry per 64 buckets: which have a row, and how many rows come before them.
  private let presence: [Presence]
  /// One row per kept bucket, cache-line aligned: the label weights, then the bucket's
  /// feature weight (IDF, or 1) in the lane after them, so that a feature is one memory read.
  private let rows: AlignedRows
  /// The feature weight of a bucket that has no row.
  private let absentValue: Float
  /// For a model of two labels only: one pair of floats per bucket, read by `binaryTop`.
  ///
  /// Indexed by the bucket itself (no bitmap): the second label's weight minus the first's,
  /// times the feature weight, and the feature weight squared.
  private let margins: AlignedRows?

  private struct Presence {
    var bits: UInt64 = 0
    var rowsBefore: UInt32 = 0
  }

  /// How many buckets have a row.
  package var rowCount: Int { rows.count }

  /// Compacts a model.
  ///
  /// - Parameter model: a trained (or zero) model.
  package init(_ model: LinearModel) {
    let l = model.labels.count
    let bucketCount = 1 << model.bucketBits
    let weighted = !model.featureWeights.isEmpty
    // Buckets training never touched all share the largest IDF (document frequency 0).
    let absent: Float = weighted ? model.featureWeights.max() ?? 1 : 1
    var kept: [Int] = []
    model.weights.withUnsafeBufferPointer { w in
      for bucket in 0..<bucketCount {
        let start = bucket * l
        var keep = weighted && model.featureWeights[bucket] != absent
        var k = 0
        while !keep && k < l {
          keep = w[start + k] != 0
          k += 1
        }
        if keep { kept.append(bucket) }
      }
    }
    let rows = AlignedRows(count: kept.count, width: l + 1)
    var presence = [Presence](repeating: Presence(), count: (bucketCount + 63) / 64)
    for (row, bucket) in kept.enumerated() {
      let target = rows.row(row)
      for k in 0..<l { target[k] = model.weights[bucket * l + k] }
      target[l] = weighted ? model.featureWeights[bucket] : 1
      presence[bucket / 64].bits |= 1 << UInt64(bucket % 64)
    }
    var before: UInt32 = 0
    for word in presence.indices {
      presence[word].rowsBefore = before
      before += UInt32(presence[word].bits.nonzeroBitCount)
    }
    self.labels = model.labels
    self.bias = model.bias
    self.presence = presence
    self.rows = rows
    self.absentValue = absent
    self.margins = l == 2 ? Self.margins(model) : nil
  }

  /// The per-bucket pairs `binaryTop` reads: 8 bytes a bucket (32 MB for 2^22 buckets, half
  /// of what the rows of a two-label model take with their padding, and with no bitmap to read
  /// first).
  private static func margins(_ model: LinearModel) -> AlignedRows {
    let bucketCount = 1 << model.bucketBits
    let table = AlignedRows(count: bucketCount, width: 2)
    let weighted = !model.featureWeights.isEmpty
    model.weights.withUnsafeBufferPointer { w in
      for bucket in 0..<bucketCount {
        let value: Float = weighted ? model.featureWeights[bucket] : 1
        let pair = table.row(bucket)
        pair[0] = (w[2 * bucket + 1] - w[2 * bucket]) * value
        pair[1] = value * value
      }
    }
    return table
  }

  /// For a model of exactly two labels: the more likely label and its probability (softmax at
  /// temperature 1), or nil for any other model.
  ///
  /// With two labels the softmax depends only on the difference of the two scores, so each
  /// feature needs one pair of floats, read straight from its bucket, instead of a bitmap look-up
  /// and a row: predictions on two-label sets (nsmc) wait on half as much memory. The
  /// probability is the same function of the same weights as `scores` followed by a softmax,
  /// but summed as one difference, so the last bits of a float may differ; the label differs
  /// only when the two scores are equal to within a rounding error.
  ///
  /// - Parameter features: bucket indices, as produced by `FeatureExtractor`.
  /// - Returns: label index (0 or 1) and probability, or nil when the model has not two labels.
  @inline(__always)
  package func binaryTop(_ features: [UInt32]) -> (label: Int, probability: Float)? {
    guard let margins else { return nil }
    var margin: Float = 0
    var norm: Float = 0
    features.withUnsafeBufferPointer { features in
      let mask = UInt32(margins.count - 1)
      for f in features {
        let pair = margins.row(Int(f & mask))
        margin += pair[0]
        norm += pair[1]
      }
    }
    let scale = norm > 0 ? 1 / norm.squareRoot() : 0
    let difference = margin * scale + (bias[1] - bias[0])
    // p(second) = 1 / (1 + e^-d); ties go to the first label, as in a softmax ranking.
    let second = 1 / (1 + expf(-difference))
    return difference > 0 ? (1, second) : (0, 1 - second)
  }

  /// Raw scores (logits) of every label for a feature vector; the same values as
  /// `LinearModel.scores` on the model this was made from.
  ///
  /// - Parameters:
  ///   - features: bucket indices, as produced by `FeatureExtractor`.
  ///   - scores: receives one score per label; resized as needed.
  package func scores(_ features: [UInt32], into scores: inout [Float]) {
    let l = labels.count
    if scores.count != l { scores = [Float](repeating: 0, count: l) }
    var norm: Float = 0
    presence.withUnsafeBufferPointer { presence in
      scores.withUnsafeMutableBufferPointer { out in
        norm = accumulate(features, presence: presence, into: out)
      }
    }
    let scale = norm > 0 ? 1 / norm.squareRoot() : 0
    for k in 0..<l { scores[k] = scores[k] * scale + bias[k] }
  }

  /// Adds each feature's weighted row into `out` (four labels at a time when rows are whole
  /// `SIMD4` chunks; the lanes past the labels are added too, and dropped) and returns the
  /// squared norm of the feature values.
  @inline(__always)
  private func accumulate(
    _ features: [UInt32], presence: UnsafeBufferPointer<Presence>,
    into out: UnsafeMutableBufferPointer<Float>
  ) -> Float {
    let l = out.count
    var norm: Float = 0
    let stride = rows.stride
    if stride % 4 == 0 && stride > 0 {
      let chunks = (l + 3) / 4
      return withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: chunks) { acc in
        for c in 0..<chunks { acc[c] = .zero }
        for f in features {
          guard let row = row(of: f, presence: presence) else {
            norm += absentValue * absentValue
            continue
          }
          let weights = rows.row(row)
          let value = weights[l]
          norm += value * value
          let raw = UnsafeRawPointer(weights)
          for c in 0..<chunks {
            let weights = raw.load(
              fromByteOffset: c * MemoryLayout<SIMD4<Float>>.stride, as: SIMD4<Float>.self)
            acc[c] += weights * value
          }
        }
        for k in 0..<l { out[k] = acc[k / 4][k % 4] }
        return norm
      }
    }
    for k in 0..<l { out[k] = 0 }
    for f in features {
      guard let row = row(of: f, presence: presence) else {
        norm += absentValue * absentValue
        continue
      }
      let weights = rows.row(row)
      let value = weights[l]
      norm += value * value
      for k in 0..<l { out[k] += weights[k] * value }
    }
    return norm
  }

  /// The row of `bucket`, or nil when training never touched it.
  @inline(__always)
  private func row(of bucket: UInt32, presence: UnsafeBufferPointer<Presence>) -> Int? {
    let entry = presence[Int(bucket >> 6)]
    let bit = UInt64(1) << UInt64(bucket & 63)
    guard entry.bits & bit != 0 else { return nil }
    return Int(entry.rowsBefore) + (entry.bits & (bit &- 1)).nonzeroBitCount
  }
}
