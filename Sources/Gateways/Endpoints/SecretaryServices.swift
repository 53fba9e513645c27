/// What the endpoints beyond chat ask of the secretary: a citizen's calendar, a reload.
///
/// `SecretaryResponder` provides both; a server without it (the echo demo) answers those
/// paths with 404.
package protocol SecretaryServices: Sendable {
  /// The citizen's reminders as an iCalendar file, as `biseo ical --citizen ID` prints them.
  ///
  /// Slow-ish (a year of weekly evaluations), so the server calls it off its event loops.
  ///
  /// - Parameter citizen: a citizen id, already checked to be a plain name.
  /// - Returns: the file, or nil when no such citizen is known.
  func calendar(citizen: String) -> String?

  /// The calendar behind a feed URL: only with the citizen's current feed secret.
  ///
  /// - Parameters:
  ///   - citizen: a citizen id, already checked to be a plain name.
  ///   - secret: the secret from the URL (empty when the URL had none).
  /// - Returns: the file, or nil for an unknown citizen or a wrong secret alike.
  func feed(citizen: String, secret: String) -> String?

  /// Loads rules and intents again off to the side and swaps them in only if they load
  /// cleanly; otherwise the running ones stay.
  ///
  /// Blocks for as long as loading takes (training the intent model when `Intents/`
  /// changed): the server calls it on a queue of its own.
  ///
  /// - Returns: what happened, with every diagnostic.
  func reload() -> ReloadOutcome

  /// Issues a one-time link code for a citizen the operator verified (`POST /admin/link`).
  ///
  /// - Parameter citizen: a citizen id from the request body.
  /// - Returns: the six digits and their expiry (Unix seconds), or nil for an unknown citizen.
  /// - Throws: when the link journal cannot be written.
  func issueLinkCode(citizen: String) throws -> (code: String, expires: Int)?

  /// What the chat page shows on load for an identity (`POST /thread`): the citizen's name,
  /// the recent turns, and the buttons that still stand.
  ///
  /// Reads a small file; the server calls it off its event loops.
  ///
  /// - Parameter request: the identity, decided as for `POST /chat` (its text is empty).
  /// - Returns: the thread; empty when nothing is kept for the identity.
  func thread(for request: ChatRequest) -> ChatThread
}

extension SecretaryServices {
  /// No thread kept: a secretary that keeps none shows an empty page.
  package func thread(for request: ChatRequest) -> ChatThread { ChatThread() }
}

/// The answer of `POST /thread`: what the chat page shows before the citizen types.
package struct ChatThread: Sendable, Equatable {
  /// The citizen's name for the header; nil shows none (never an id, never a placeholder).
  package var name: String?
  /// The recent turns, oldest first.
  package var turns: [ThreadTurn]
  /// The buttons of the last turn, only while the dialogue still holds the state they answer
  /// (its offer or question); empty after a restart, when a tap would answer nothing.
  package var quickReplies: [QuickReply]

  /// Creates a thread.
  ///
  /// - Parameters:
  ///   - name: the citizen's name, if known.
  ///   - turns: the recent turns.
  ///   - quickReplies: the buttons that still stand.
  package init(name: String? = nil, turns: [ThreadTurn] = [], quickReplies: [QuickReply] = []) {
    self.name = name
    self.turns = turns
    self.quickReplies = quickReplies
  }

  /// The JSON body of `POST /thread`.
  package var json: JSONOutput {
    var object: [String: JSONOutput] = [
      "turns": .array(turns.map(ThreadStore.encode)),
      "quick_replies": .array(
        quickReplies.map { ["title": .string($0.title), "payload": .string($0.payload)] }),
    ]
    if let name { object["name"] = .string(name) }
    return .object(object)
  }
}

/// The result of `SecretaryServices.reload()`.
package struct ReloadOutcome: Sendable, Equatable {
  /// Whether the new rules and intents are now the running ones.
  package var applied: Bool
  /// The loaders' report as `biseo check` renders it: located diagnostics with source lines.
  package var report: String

  /// Creates an outcome.
  ///
  /// - Parameters:
  ///   - applied: whether the reload took effect.
  ///   - report: the rendered diagnostics (empty when there were none).
  package init(applied: Bool, report: String) {
    self.applied = applied
    self.report = report
  }
}
