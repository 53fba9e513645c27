import Diagnostics
import Foundation
import NLU
import RuleLanguage

/// The intents' reply lines against what the dialogue says: every line it reads must be
/// there, every line there must be read (an unread line is wording policy staff would edit in
/// vain), and every name in a `rules:` line must be a rule or an event of the book.
package enum ReplyCheck {
  /// Reply lines of one intent the dialogue reads.
  static let said: [(intent: String, key: String)] =
    DialogueManager.consentReplies + [
      ("greeting", "hello"), ("thanks", "ok"), ("goodbye", "bye"), ("help", "menu"),
      ("out_of_scope", "sorry"), ("explain_why", "none"), ("list_reminders", "none"),
    ]
  /// Reply lines every intent may have: `ask` frames the question for a missing fact.
  static let anyIntent: Set<String> = ["ask"]

  package static func problems(in catalog: IntentCatalog, book: RuleBook, folder: String)
    -> [Diagnostic]
  {
    var problems: [Diagnostic] = []
    for (intent, key) in said where catalog.intent(named: intent)?.replies[key] == nil {
      let definition = catalog.intent(named: intent)
      let path =
        definition?.span.path ?? (folder as NSString).appendingPathComponent("\(intent).intent")
      let span = definition?.span ?? SourceSpan(path: path, line: 1, column: 1, length: 0)
      problems.append(
        Diagnostic(
          .error, at: span,
          "the dialogue says 'reply \(key)' of intent '\(intent)', which is missing"))
    }
    let rulesAndEvents = Set(book.ruleNames + book.eventNames)
    for definition in catalog.intents {
      for key in definition.replies.keys.sorted() where !anyIntent.contains(key) {
        guard !said.contains(where: { $0.intent == definition.name && $0.key == key }) else {
          continue
        }
        problems.append(
          Diagnostic(
            .error, at: definition.replySpans[key] ?? definition.span,
            "'reply \(key)' is never said: answers come from the rules' 'say' lines",
            notes: ["remove the line, or say it from the dialogue (docs/intents.md)"]))
      }
      let unknown = definition.rules.filter { !rulesAndEvents.contains($0) }
      if !unknown.isEmpty {
        let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
        problems.append(
          Diagnostic(
            .error, at: definition.rulesSpan ?? definition.span,
            "\(names) in 'rules:' of intent '\(definition.name)' is no rule or event of the book"))
      }
    }
    return problems
  }
}
