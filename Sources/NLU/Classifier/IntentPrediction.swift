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
  /// How much less likely `out_of_scope` is made than the model says: its probability is
  /// multiplied by e^-offset before the others are renormalised around it.
  ///
  /// `out_of_scope` is trained on the most varied examples of all (weather, chatter, other
  /// agencies, key mashing), so the model gives it more than its share: out of fold it takes
  /// three to four times as many lines of other intents as it loses (83 against 24).
  package var outOfScopeOffset: Double

  /// Creates a calibration.
  ///
  /// - Parameters:
  ///   - temperature: softmax temperature.
  ///   - threshold: the out-of-scope threshold.
  ///   - outOfScopeOffset: the log-odds taken from `out_of_scope`.
  package init(temperature: Double, threshold: Double, outOfScopeOffset: Double = 0) {
    self.temperature = temperature
    self.threshold = threshold
    self.outOfScopeOffset = outOfScopeOffset
  }

  /// The calibration of the shipped intent model.
  ///
  /// Chosen by 5-fold cross-validation over `Intents/` (`biseo eval --calibrate`): the
  /// temperature with the least log-loss, then the highest threshold that costs at most half
  /// a point of out-of-fold accuracy when everything below it is called `out_of_scope`.
  /// `Corpus/nlu` plays no part in the choice. The out-of-scope offset was added in issue 16's
  /// third round by the same cross-validation on the `Intents/` of that round: the smallest
  /// offset within a tenth of a point of the best out-of-fold accuracy, 1.25 (out of fold
  /// 0.922 → 0.925). In the sixth round, with label smoothing, all three were chosen again
  /// together as the best mean out-of-fold accuracy over three seeds' folds (seeds 13–15, a
  /// grid of temperature 0.25–0.8, offset 0–3, threshold 0–0.45): 0.35, 0.30, 1.0 (see
  /// `bench/nlu/README.md`).
  package static let intents = Calibration(
    temperature: 0.35, threshold: 0.30, outOfScopeOffset: 1.0)
}
