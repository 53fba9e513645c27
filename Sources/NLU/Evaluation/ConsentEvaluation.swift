import CivilCalendar

extension OfferAnswer {
  /// The label consent test sets use: `accept`, `refuse`, `unclear`.
  package var label: String {
    switch self {
    case .accept: "accept"
    case .refuse: "refuse"
    case .unclear: "unclear"
    }
  }
}

extension Evaluator {
  /// Scores `answerToOffer()` on lines answering an offer.
  ///
  /// The lines are labelled accept/refuse/unclear (`Corpus/nlu/consent.tsv`). What matters is the precision of `accept`: a refusal or an
  /// unclear answer read as consent subscribes someone who did not ask.
  ///
  /// - Parameters:
  ///   - test: the labelled answers.
  ///   - interpreter: the intent model and entity recognizer.
  ///   - asOf: the as-of date the lines are interpreted against.
  /// - Returns: the report (training fields zero).
  package static func evaluateConsent(
    _ test: [LabeledText], interpreter: Interpreter, asOf: CivilDate
  ) -> EvaluationReport {
    evaluate(test, passes: 1) { interpreter.interpret($0, asOf: asOf).answerToOffer().label }
  }
}
