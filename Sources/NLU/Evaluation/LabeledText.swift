/// A labelled utterance, as read from `label<TAB>text` files or from `Intents/`.
package struct LabeledText: Sendable, Hashable {
  /// The class label (an intent name for Biseo's own data).
  package var label: String
  /// The utterance.
  package var text: String

  /// Creates a labelled utterance.
  ///
  /// - Parameters:
  ///   - label: the class label.
  ///   - text: the utterance.
  package init(label: String, text: String) {
    self.label = label
    self.text = text
  }
}
