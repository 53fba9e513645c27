/// What the classifier says about one utterance.
package struct IntentPrediction: Sendable, Codable, Equatable {
  /// The intent, after the out-of-scope fallback.
  package var intent: String
  /// Calibrated probability that `intent` is right, 0…1 (0 when the input had nothing to read).
  package var confidence: Double
  /// The model's own top label, before the fallback.
  package var topLabel: String
  /// Whether the top label's probability was under the threshold, so `intent` fell back to
  /// `out_of_scope`.
  package var fellBack: Bool
  /// The best few labels with their calibrated probabilities.
  package var ranking: [LabelScore]

  /// Creates a prediction.
  ///
  /// - Parameters: one per property.
  package init(
    intent: String, confidence: Double, topLabel: String, fellBack: Bool, ranking: [LabelScore]
  ) {
    self.intent = intent
    self.confidence = confidence
    self.topLabel = topLabel
    self.fellBack = fellBack
    self.ranking = ranking
  }
}

/// How raw model scores become confidences, and where out-of-scope starts.
package struct Calibration: Sendable, Codable, Hashable {
  /// Softmax temperature fitted to out-of-fold predictions (minimum log-loss).
  package var temperature: Double
  /// A top probability below this falls back to `out_of_scope`.
  package var threshold: Double

  /// Creates a calibration.
  ///
  /// - Parameters:
  ///   - temperature: softmax temperature.
  ///   - threshold: the out-of-scope threshold.
  package init(temperature: Double, threshold: Double) {
    self.temperature = temperature
    self.threshold = threshold
  }

  /// The calibration of the shipped intent model.
  ///
  /// Chosen by 5-fold cross-validation over `Intents/` (`biseo eval --calibrate`): the
  /// temperature with the least log-loss, then the highest threshold that costs at most half
  /// a point of out-of-fold accuracy when everything below it is called `out_of_scope`.
  /// `Corpus/nlu` plays no part in the choice.
  package static let intents = Calibration(temperature: 0.55, threshold: 0.35)
}
