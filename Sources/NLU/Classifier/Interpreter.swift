import CivilCalendar

/// Everything NLU says about one utterance: the intent and the entities.
package struct Interpretation: Sendable, Codable, Equatable {
  /// The text entity spans refer to (normalised, English-mode typing corrected).
  package var text: String
  /// The intent prediction.
  package var intent: IntentPrediction
  /// Entities, in order of position.
  package var entities: [Entity]
  /// Whether the line says yes or no, read as a line on its own (not as the answer to an
  /// offer: see `answerToOffer()`).
  package var polarity: Polarity = .neutral
}

/// Intent model plus entity recognizer: what the dialogue and `biseo classify` call.
package struct Interpreter: Sendable {
  /// The intent model.
  package let model: IntentModel
  /// The entity recognizer.
  package let recognizer: EntityRecognizer

  /// Creates an interpreter.
  ///
  /// - Parameters:
  ///   - model: the intent model.
  ///   - recognizer: the entity recognizer.
  package init(model: IntentModel, recognizer: EntityRecognizer = EntityRecognizer()) {
    self.model = model
    self.recognizer = recognizer
  }

  /// Interprets one utterance.
  ///
  /// - Parameters:
  ///   - text: raw input.
  ///   - asOf: the day relative dates are resolved against (Asia/Seoul), injected.
  /// - Returns: intent, entities and polarity.
  package func interpret(_ text: String, asOf: CivilDate) -> Interpretation {
    let prepared = EntityRecognizer.prepare(text)
    var context = EntityContext(asOf: asOf)
    let reading = PolarityDetector.reading(of: Array(prepared), afterOffer: false)
    context.polarity = reading
    return Interpretation(
      text: prepared, intent: model.classify(text),
      entities: recognizer.entities(in: text, context: context), polarity: reading.polarity)
  }
}
