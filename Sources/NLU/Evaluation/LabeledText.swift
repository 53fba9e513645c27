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

extension LabeledText {
  /// Whether `self` comes before `other` in the canonical order: by label, then by text,
  /// comparing UTF-8 bytes (no locale, no Unicode collation, so the same on every machine).
  ///
  /// - Parameter other: another labelled text.
  /// - Returns: whether `self` sorts first.
  package func precedesCanonically(_ other: LabeledText) -> Bool {
    if label != other.label { return label.utf8.lexicographicallyPrecedes(other.label.utf8) }
    return text.utf8.lexicographicallyPrecedes(other.text.utf8)
  }
}

extension Array where Element == LabeledText {
  /// The same rows in the canonical order (by label, then text, as UTF-8 bytes).
  ///
  /// Training, model selection and cross-validation start from this order, so that what
  /// they produce depends on which rows there are and not on the order of files or lines:
  /// shuffling a training file gives the same model, bit for bit.
  package var canonicallyOrdered: [LabeledText] {
    sorted { $0.precedesCanonically($1) }
  }
}
