import Secretary
import Synchronization

/// An explicit demo responder: it repeats the message and counts turns per session.
///
/// Used by tests and by `biseo serve --echo` until the dialogue engine lands. It shows every
/// field a gateway renders: two paragraphs, a quick reply, SSML when the request is spoken,
/// and `endSession` for the message `/stop`. `/restart` resets the session's turn count.
package final class EchoResponder: ChatResponder {
  private let turns = Mutex<[String: Int]>([:])
  private let maxSessions: Int

  /// Creates an echo responder.
  ///
  /// - Parameter maxSessions: sessions kept before the table is cleared (bounds memory).
  package init(maxSessions: Int = 100_000) {
    self.maxSessions = maxSessions
  }

  /// Echoes `request.text` with the session's turn number.
  ///
  /// - Parameter request: the message.
  /// - Returns: the echo.
  package func respond(to request: ChatRequest) async -> ChatReply {
    let key = request.sessionKey
    let turn = turns.withLock { table -> Int in
      if request.text == "/restart" {
        table[key] = nil
        return 0
      }
      if table.count >= maxSessions, table[key] == nil { table.removeAll(keepingCapacity: true) }
      let next = (table[key] ?? 0) + 1
      table[key] = next
      return next
    }
    let texts = [request.text, turn == 0 ? "처음부터 다시 시작해요." : "\(turn)번째 메시지예요."]
    let speech = request.speaker ? "<speak>\(request.text.xmlEscaped)</speak>" : nil
    return ChatReply(
      texts: texts, quickReplies: [QuickReply(title: "처음으로", payload: "/restart")],
      speech: speech, endSession: request.text == "/stop")
  }
}
