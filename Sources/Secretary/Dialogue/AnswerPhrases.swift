import Diagnostics
import Foundation
import Hangul

/// The sentences answers are built from (`Intents/answers.txt`).
///
/// Wording policy staff change without a rebuild; every key the dialogue says must be there,
/// and no other.
package struct AnswerPhrases: Sendable {
  /// The keys the dialogue says.
  static let keys = [
    "applies", "not_now", "lacks", "later_year", "next_window", "next_window_when",
    "next_window_again", "undecided", "needs_more", "no_amount", "agenda", "agenda_none",
    "more_items", "event_intro", "not_applicable", "none_applies", "also_due", "nothing_found",
    "also_check", "offer", "recorded", "volunteered", "why_next",
  ]

  let templates: [String: ReplyTemplate]

  /// The sentence `key` with its placeholders filled, as reply segments (dates stay dates).
  func say(_ key: String, _ values: [String: TemplateValue] = [:]) -> [ReplySegment] {
    templates[key]?.render(values).segments ?? []
  }

  /// The same as plain text.
  func text(_ key: String, _ values: [String: TemplateValue] = [:]) -> String {
    say(key, values).map { TextRenderer.text(of: $0) }.joined()
  }

  /// Reads the file; a malformed line, an unknown key and a missing one are located errors.
  package static func load(path: String) -> (AnswerPhrases, [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      let span = SourceSpan(path: path, line: 1, column: 1, length: 0)
      return (
        AnswerPhrases(templates: [:]),
        [Diagnostic(.error, at: span, "cannot read the answer sentences")]
      )
    }
    var templates: [String: ReplyTemplate] = [:]
    var problems: [Diagnostic] = []
    for (index, raw) in DecodedText(utf8: data).text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let span = SourceSpan(path: path, line: index + 1, column: 1, length: raw.count)
      guard let colon = line.firstIndex(of: ":") else {
        problems.append(Diagnostic(.error, at: span, "expected 'key: sentence'"))
        continue
      }
      let key = String(line[..<colon])
      guard keys.contains(key) else {
        problems.append(Diagnostic(.error, at: span, "'\(key)' is no sentence the dialogue says"))
        continue
      }
      templates[key] = ReplyTemplate(
        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    for key in keys where templates[key] == nil {
      let span = SourceSpan(path: path, line: 1, column: 1, length: 0)
      problems.append(Diagnostic(.error, at: span, "the dialogue says '\(key)', which is missing"))
    }
    return (AnswerPhrases(templates: templates), problems)
  }
}
