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
    "next_window_again", "next_window_span", "window_again", "no_window_in_month", "undecided",
    "needs_more",
    "no_amount", "agenda",
    "agenda_none", "place_line", "place_line_phone",
    "more_items", "event_intro", "event_services", "event_day_first", "not_applicable",
    "none_applies", "also_due",
    "nothing_found",
    "also_check", "offer", "recorded", "volunteered", "why_next", "why_moved", "why_possible",
    "why_criteria",
    "what_if_order", "what_if_born", "supposed", "of_child", "of_person",
    "choice_yes", "choice_later",
    "choice_no", "choices_apply",
    "later_possible",
    // The conversation around the answers.
    "empty", "welcome", "what_now", "what_else", "named", "thanks_for_answer",
    "thanks_what_else", "understood", "greeting", "greeting_named", "more_hint", "nothing_more",
    "help_examples", "human_agent", "call_center", "faq_source", "unknown_citizen", "save_failed",
    "rule_fault", "not_understood", "future_date", "past_date", "question_dropped", "give_up",
    "give_up_record",
    "record_not_in_chat", "which_one", "record_saved", "record_saved_values", "record_more",
    "corrected_date", "corrected", "recorded_multiple", "recorded_order", "recorded_child_name",
    "date_needs_day",
    // Reminders.
    "subscribed", "next_reminder", "channel_ask_after", "subscribe_failed", "subscribe_what",
    "channel_before_subscribing", "nothing_to_remind", "notices_sent", "remind_needs_facts",
    "not_subscribed",
    "channel_none_subscribed", "channel_current", "channel_failed", "channel_changed",
    "channel_closed", "channel_limit", "unsubscribed", "unsubscribe_failed",
    "reminders_none_within_year", "reminders_also_on", "reminders_count", "reminders_via",
    "already_subscribed",
    "reminder_line", "window", "window_later",
    "agenda_line", "agenda_line_later",
    // The citizen's own data and links, said by the server.
    "account_held", "account_counts", "erase_ask", "erase_confirm", "erase_expired", "erased",
    "erase_failed", "link_done", "link_wrong", "link_locked", "link_failed", "unlink_none",
    "unlinked", "unlink_failed",
    // Buttons.
    "button_why", "button_reminders", "button_remaining", "button_yes", "button_no",
    "button_none", "button_not_applicable", "button_skip", "button_yes_subscribe",
    "button_yes_unsubscribe", "button_channel", "button_phone",
    // "왜?".
    "explain_holds", "explain_fails", "explain_undecided", "explain_fault", "explain_used",
    "fact_none", "fact_present", "fact_count",
  ]

  let templates: [String: ReplyTemplate]

  /// The sentence `key` with its placeholders filled, as reply segments (dates stay dates).
  func say(_ key: String, _ values: [String: TemplateValue] = [:]) -> [ReplySegment] {
    templates[key]?.render(values).segments ?? []
  }

  /// The sentence as a reply of one paragraph.
  func reply(_ key: String, _ values: [String: TemplateValue] = [:]) -> Reply {
    Reply(paragraphs: [say(key, values)])
  }

  /// A quick reply whose title and payload are the sentence `key`.
  func button(_ key: String, _ values: [String: TemplateValue] = [:]) -> QuickReply {
    let title = text(key, values)
    return QuickReply(title: title, payload: title)
  }

  /// The same as plain text.
  package func text(_ key: String, _ values: [String: TemplateValue] = [:]) -> String {
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
