/// The front end a chat message came through; it namespaces the session key.
package enum ChatPlatform: String, Sendable, CaseIterable {
  /// Biseo's own JSON: `POST /chat` and the line-JSON sockets.
  case native = "chat"
  /// The Rasa REST channel (`POST /webhooks/rest/webhook`).
  case rest
  /// Kakao i Open Builder skills (`POST /kakao/skill`).
  case kakao
  /// A speaker backend in the NUGU backend-proxy shape (`POST /speaker`).
  case nugu
  /// The web chat page (`POST /chat` with a signed session token instead of a sender).
  case web
}

/// One message from a citizen, as every gateway hands it to the dialogue.
package struct ChatRequest: Sendable, Equatable {
  /// The sender id as the platform gave it (never empty).
  package var sender: String
  /// The message text, NFC-normalized by `TextNormalizer` at the edge.
  package var text: String
  /// Whether the reply will be spoken: the responder should fill `ChatReply.speech`.
  package var speaker: Bool
  /// Where the message came from.
  package var platform: ChatPlatform

  /// Creates a request; `text` must already be normalized.
  ///
  /// - Parameters:
  ///   - sender: the platform's sender id.
  ///   - text: the normalized message text.
  ///   - speaker: whether the reply is spoken.
  ///   - platform: the front end.
  package init(sender: String, text: String, speaker: Bool = false, platform: ChatPlatform) {
    self.sender = sender
    self.text = text
    self.speaker = speaker
    self.platform = platform
  }

  /// The conversation key, namespaced by platform (`kakao:u-9f3a`) so sessions never collide.
  package var sessionKey: String { "\(platform.rawValue):\(sender)" }
}

/// A button the citizen can tap instead of typing: what it shows and what it sends.
package struct QuickReply: Sendable, Equatable {
  /// The label shown on the button.
  package var title: String
  /// The message sent when it is tapped (`/affirm` bypasses language understanding).
  package var payload: String

  /// Creates a quick reply.
  ///
  /// - Parameters:
  ///   - title: the label.
  ///   - payload: the message sent on tap.
  package init(title: String, payload: String) {
    self.title = title
    self.payload = payload
  }
}

/// The dialogue's answer, rendered by each gateway into its platform's shape.
package struct ChatReply: Sendable, Equatable {
  /// Paragraphs of the answer, in order; a paragraph may itself contain blank lines.
  package var texts: [String]
  /// Buttons offered after the answer.
  package var quickReplies: [QuickReply]
  /// SSML (`<speak>…</speak>`) for speakers that take it, or nil to speak `texts`.
  package var speech: String?
  /// Whether the conversation is over (speakers close the microphone).
  package var endSession: Bool
  /// What the message was understood as, for metrics only (never rendered); nil when the
  /// responder does not classify.
  package var intent: String?
  /// The name of the citizen the sender speaks for, as their profile holds it, for a page's
  /// header; nil when there is none (a guest who has not said it, the echo demo).
  package var name: String?
  /// The answer in order with its services as cards, for front ends that show them; empty
  /// when the responder gives text only (then `texts` is all there is).
  package var blocks: [ChatBlock] = []

  /// The reply's cards, in order.
  package var cards: [ChatCard] {
    blocks.compactMap { if case .card(let card) = $0 { card } else { nil } }
  }

  /// Creates a reply.
  ///
  /// - Parameters:
  ///   - texts: the paragraphs.
  ///   - quickReplies: buttons offered after them.
  ///   - speech: SSML to speak, if any.
  ///   - endSession: whether the conversation ends.
  ///   - intent: the intent the message was understood as, if any.
  package init(
    texts: [String], quickReplies: [QuickReply] = [], speech: String? = nil,
    endSession: Bool = false, intent: String? = nil
  ) {
    self.texts = texts
    self.quickReplies = quickReplies
    self.speech = speech
    self.endSession = endSession
    self.intent = intent
  }

  /// The answer split into paragraphs at blank lines, empty ones dropped (as Rasa does).
  package var paragraphs: [String] {
    texts.flatMap { text -> [String] in
      if !text.utf8.contains(10) {  // the common case: one line, nothing to split
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? [] : [trimmed]
      }
      return text.replacingBlankLines().map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
  }

  /// The answer as plain text for a speaker without SSML: paragraphs joined by spaces.
  package var plainSpeech: String { paragraphs.joined(separator: " ") }
}

/// What answers chat messages: the dialogue engine, or `EchoResponder` in demo mode and tests.
///
/// Gateways call it once per message, possibly from many tasks at once; sessions are the
/// responder's business, keyed by `ChatRequest.sessionKey`.
package protocol ChatResponder: Sendable {
  /// Answers one message.
  ///
  /// - Parameter request: the normalized message.
  /// - Returns: the reply to render.
  func respond(to request: ChatRequest) async -> ChatReply
}

extension String {
  fileprivate func replacingBlankLines() -> [String] {
    var result: [String] = []
    var current: [Substring] = []
    for line in split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        current = []
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { result.append(current.joined(separator: "\n")) }
    return result
  }

  fileprivate func trimmingSpaces() -> String {
    if let first = utf8.first, let last = utf8.last, first > 32, last > 32 { return self }
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
