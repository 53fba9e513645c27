import Diagnostics

/// Every diagnostic the intent loader reports, with its stable code (see `docs/intents.md`).
package enum IntentMessages {
  static let fieldNames = "intent, summary, rules, facts, reply KEY, examples"

  static func beforeIntent(_ found: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0001", at: span, "expected 'intent: NAME' before '\(found)'",
      notes: ["every block starts with a line such as 'intent: car_tax'"])
  }

  static func badIntentName(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0002", at: span, "expected an intent name, found '\(name)'",
      notes: ["names are lowercase ASCII letters, digits and '_', starting with a letter"])
  }

  static func duplicateIntent(_ name: String, at span: SourceSpan, first: SourceSpan) -> Diagnostic
  {
    .error(
      "I0003", at: span, "intent '\(name)' is defined twice",
      notes: ["first defined at \(first.path):\(first.start.line)"])
  }

  static func unknownField(_ key: String, at span: SourceSpan) -> Diagnostic {
    .error("I0004", at: span, "unknown field '\(key)'", notes: ["fields are \(fieldNames)"])
  }

  static func duplicateField(_ key: String, at span: SourceSpan) -> Diagnostic {
    .error("I0005", at: span, "field '\(key)' is given twice in intent")
  }

  static func notUnderstood(_ line: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0006", at: span, "expected a field 'name: value' or an example '- text', found '\(line)'")
  }

  static func exampleBeforeExamples(at span: SourceSpan) -> Diagnostic {
    .error(
      "I0006", at: span, "expected 'examples:' before the first example",
      notes: ["examples follow a line 'examples:' after the fields"])
  }

  static func fieldAfterExamples(_ key: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0006", at: span, "expected an example '- text' after 'examples:', found field '\(key)'",
      notes: ["fields come before 'examples:'"])
  }

  static func unclosedMark(_ expected: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0007", at: span, "expected '\(expected)' to close the entity mark",
      notes: ["entities are marked '[surface](type)'; write '\\[' for a literal bracket"])
  }

  static func unknownEntity(_ type: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0008", at: span, "unknown entity type '\(type)'",
      notes: ["entity types are \(EntityKind.namesForNotes)"])
  }

  static func empty(_ what: String, at span: SourceSpan) -> Diagnostic {
    .error("I0009", at: span, "expected \(what), found nothing")
  }

  static func badPlaceholder(_ found: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0010", at: span, "expected a placeholder name in braces, found '\(found)'",
      notes: ["placeholders are '{name}' with a lowercase ASCII name; '{{' and '}}' are literal"])
  }

  static func badName(_ name: String, in field: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0011", at: span, "expected a \(field) name, found '\(name)'",
      notes: ["names are lowercase ASCII letters, digits and '_', separated by commas"])
  }

  static func noExamples(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error("I0012", at: span, "intent '\(name)' has no examples")
  }

  static func sameExample(
    _ text: String, in name: String, at span: SourceSpan, other: String, otherSpan: SourceSpan
  ) -> Diagnostic {
    Diagnostic(
      .warning, code: "I0013", at: span,
      "example '\(text)' of '\(name)' is also an example of '\(other)'",
      notes: ["the other is at \(otherSpan.path):\(otherSpan.start.line)"])
  }

  static func notText(offset: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "I0014", at: span, "expected UTF-8 text, found an invalid byte at offset \(offset)",
      notes: ["save the file as UTF-8"])
  }

  static func missingFolder(at span: SourceSpan) -> Diagnostic {
    .error("I0015", at: span, "expected a folder of intent files, found none")
  }
}
