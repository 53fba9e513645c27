/// An entity annotated inside a Rasa example: `[text](entity)` or
/// `[text]{"entity": "name", "value": "v"}`.
package struct RasaEntity: Sendable, Hashable {
  /// The entity name as the file gives it (Rasa's names need not be Biseo's kinds).
  package var entity: String
  /// `Character` offsets of the annotated text in the example without annotations.
  package var range: Range<Int>
  /// The value, when the annotation gives one.
  package var value: String?
}

/// One training example of a Rasa NLU file.
package struct RasaExample: Sendable, Hashable {
  /// The intent.
  package var intent: String
  /// The text without annotations.
  package var text: String
  /// The annotated entities.
  package var entities: [RasaEntity]
  /// The example's line in its file.
  package var line: Int
}
