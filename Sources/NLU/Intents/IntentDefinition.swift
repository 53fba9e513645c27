import Diagnostics

/// One intent as written in `Intents/`: its examples, the rules it leads to, the facts the
/// dialogue may ask for and its reply templates.
package struct IntentDefinition: Sendable, Hashable {
  /// The intent name, `[a-z][a-z0-9_]*`, unique across all files.
  package var name: String
  /// One line for people; empty when the file gives none.
  package var summary: String
  /// Names of rules in `Rules/` this intent leads to.
  package var rules: [String]
  /// Names of facts the dialogue may ask for.
  package var facts: [String]
  /// Reply templates by key, with `{placeholder}` slots.
  package var replies: [String: String]
  /// Where each reply line is, for diagnostics about it.
  package var replySpans: [String: SourceSpan] = [:]
  /// Where the `rules:` line is, when there is one.
  package var rulesSpan: SourceSpan?
  /// Example utterances, entity marks removed.
  package var examples: [IntentExample]
  /// Where the `intent:` line is.
  package var span: SourceSpan

  /// Creates a definition; the parser fills the fields as it reads them.
  ///
  /// - Parameters:
  ///   - name: the intent name.
  ///   - span: the location of the `intent:` line.
  package init(name: String, span: SourceSpan) {
    self.name = name
    self.summary = ""
    self.rules = []
    self.facts = []
    self.replies = [:]
    self.examples = []
    self.span = span
  }
}

/// One example utterance with its entity marks.
package struct IntentExample: Sendable, Hashable {
  /// The utterance as the model sees it: marks removed, escapes resolved.
  package var text: String
  /// Marked entities, as `Character` offsets into `text`.
  package var marks: [EntityMark]
  /// Where the example is in its file.
  package var span: SourceSpan

  /// Creates an example.
  ///
  /// - Parameters:
  ///   - text: the utterance without marks.
  ///   - marks: the marked entities.
  ///   - span: the example's location.
  package init(text: String, marks: [EntityMark] = [], span: SourceSpan) {
    self.text = text
    self.marks = marks
    self.span = span
  }
}

/// An entity marked inside an example as `[surface](type)` or `[surface](type=value)`.
package struct EntityMark: Sendable, Hashable {
  /// The kind of entity.
  package var kind: EntityKind
  /// `Character` offsets of the surface text in the example.
  package var range: Range<Int>
  /// The value after `=`, if the writer gave one.
  package var value: String?

  /// Creates a mark.
  ///
  /// - Parameters:
  ///   - kind: the entity kind.
  ///   - range: the surface text's offsets.
  ///   - value: an explicit value, if any.
  package init(kind: EntityKind, range: Range<Int>, value: String? = nil) {
    self.kind = kind
    self.range = range
    self.value = value
  }
}

/// All intents loaded from a folder, in file order.
package struct IntentCatalog: Sendable {
  /// The intents, in the order files and blocks were read.
  package var intents: [IntentDefinition]

  /// Creates a catalog.
  ///
  /// - Parameter intents: the loaded intents.
  package init(intents: [IntentDefinition]) {
    self.intents = intents
  }

  /// The intent named `name`, if loaded.
  ///
  /// - Parameter name: an intent name.
  /// - Returns: the definition, or nil.
  package func intent(named name: String) -> IntentDefinition? {
    intents.first { $0.name == name }
  }

  /// Every example as a `(label, text)` pair, for training.
  package var labeledExamples: [LabeledText] {
    intents.flatMap { intent in
      intent.examples.map { LabeledText(label: intent.name, text: $0.text) }
    }
  }
}
