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
