/// One bin of a reliability diagram: predictions whose confidence fell in `lower..<upper`.
package struct ReliabilityBin: Sendable, Codable, Equatable {
  package var lower: Double
  package var upper: Double
  /// Predictions in the bin.
  package var count: Int
  /// Their mean confidence (0 when empty).
  package var confidence: Double
  /// The share of them that were right (0 when empty).
  package var accuracy: Double
}

/// Expected calibration error and the reliability diagram behind it.
package enum Reliability {
  /// The bins `biseo eval` reports, as is usual for ECE.
  package static let binCount = 15

  /// Equal-width bins over 0…1 (a confidence of exactly 1 falls in the last).
  ///
  /// - Parameters:
  ///   - confidences: the confidence of each prediction.
  ///   - correct: whether each prediction was right.
  ///   - bins: how many bins.
  /// - Returns: the bins, empty ones included.
  package static func bins(confidences: [Double], correct: [Bool], bins: Int = binCount)
    -> [ReliabilityBin]
  {
    precondition(confidences.count == correct.count, "one confidence per prediction")
    var count = [Int](repeating: 0, count: bins)
    var confidence = [Double](repeating: 0, count: bins)
    var right = [Int](repeating: 0, count: bins)
    for (c, ok) in zip(confidences, correct) {
      let k = min(max(Int(c * Double(bins)), 0), bins - 1)
      count[k] += 1
      confidence[k] += c
      if ok { right[k] += 1 }
    }
    return (0..<bins).map { k in
      ReliabilityBin(
        lower: Double(k) / Double(bins), upper: Double(k + 1) / Double(bins), count: count[k],
        confidence: count[k] == 0 ? 0 : confidence[k] / Double(count[k]),
        accuracy: count[k] == 0 ? 0 : Double(right[k]) / Double(count[k]))
    }
  }

  /// Expected calibration error: the gap between confidence and accuracy in each bin,
  /// weighted by the bin's share of predictions.
  ///
  /// - Parameter bins: the reliability diagram.
  /// - Returns: ECE, 0 (calibrated) … 1.
  package static func expectedError(_ bins: [ReliabilityBin]) -> Double {
    let total = bins.map(\.count).reduce(0, +)
    guard total > 0 else { return 0 }
    return bins.reduce(0) { sum, bin in
      sum + Double(bin.count) / Double(total) * abs(bin.accuracy - bin.confidence)
    }
  }
}
