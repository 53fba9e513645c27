import Hangul

/// Biseo's own chat JSON, spoken by `POST /chat` and by the line-JSON sockets.
///
/// Request `{"sender": "c42", "text": "…", "speaker": false}`; reply
/// `{"end_session": false, "quick_replies": [{"payload": "…", "title": "…"}], "sender": "c42",
/// "speech": "<speak>…</speak>", "texts": ["…"]}` (`speech` only when there is some; `cards`
/// and `blocks` only when the answer has services, `ChatBlock.json`).
/// See `docs/protocol.md`.
package enum NativeChat {
  /// Reads a native request object.
  ///
  /// - Parameter object: the decoded body or line.
  /// - Returns: the normalized request.
  /// - Throws: `JSONBody.DecodeError` when `sender` or `text` is missing or `speaker` is not a
  ///   boolean.
  package static func request(from object: [String: Any]) throws(JSONBody.DecodeError)
    -> ChatRequest
  {
    let sender = try JSONBody.string(object, "sender")
    guard !sender.isEmpty else { throw .field("sender", expected: "a non-empty string") }
    let text = TextNormalizer.normalize(try JSONBody.string(object, "text"))
    let speaker = try JSONBody.bool(object, "speaker")
    return ChatRequest(sender: sender, text: text, speaker: speaker, platform: .native)
  }

  /// Reads a native request from raw bytes (an HTTP body or one socket line).
  ///
  /// - Parameter bytes: the JSON bytes.
  /// - Returns: the normalized request.
  /// - Throws: `JSONBody.DecodeError`.
  package static func request(from bytes: some Collection<UInt8>) throws(JSONBody.DecodeError)
    -> ChatRequest
  {
    try request(from: try JSONBody.object(bytes))
  }

  /// Reads a `POST /thread` body, `{"session": TOKEN}` or `{"sender": ID}`: the identity whose
  /// thread to show, decided exactly as for `POST /chat` (the text is empty).
  ///
  /// - Parameters:
  ///   - bytes: the JSON body.
  ///   - sessions: the token checker; nil when the server issues none.
  /// - Throws: `JSONBody.DecodeError`, for a bad or expired token too.
  package static func identity(from bytes: some Collection<UInt8>, sessions: SessionTokens?)
    throws(JSONBody.DecodeError) -> ChatRequest
  {
    var object = try JSONBody.object(bytes)
    object["text"] = ""
    object["speaker"] = nil
    return try request(from: object, sessions: sessions)
  }

  /// Reads a `POST /chat` body: with `"session"` (the web page) the sender is the identity the
  /// signed token stands for, on the `web` platform; else `"sender"` as on the sockets.
  ///
  /// - Parameters:
  ///   - bytes: the JSON body.
  ///   - sessions: the token checker; nil when the server issues none.
  /// - Throws: `JSONBody.DecodeError`, for a bad or expired token too.
  package static func request(from bytes: some Collection<UInt8>, sessions: SessionTokens?)
    throws(JSONBody.DecodeError) -> ChatRequest
  {
    try request(from: try JSONBody.object(bytes), sessions: sessions)
  }

  private static func request(from object: [String: Any], sessions: SessionTokens?)
    throws(JSONBody.DecodeError) -> ChatRequest
  {
    guard object["session"] != nil else { return try request(from: object) }
    let token = try JSONBody.string(object, "session")
    guard let sender = sessions?.sender(of: token) else {
      throw .field("session", expected: "a valid, unexpired session token (POST /session)")
    }
    let text = TextNormalizer.normalize(try JSONBody.string(object, "text"))
    return ChatRequest(sender: sender, text: text, platform: .web)
  }

  /// The reply object for a request.
  ///
  /// - Parameters:
  ///   - reply: the responder's answer.
  ///   - request: the request it answers.
  /// - Returns: compact JSON bytes (no trailing newline).
  package static func encode(_ reply: ChatReply, for request: ChatRequest) -> [UInt8] {
    var object: [String: JSONOutput] = [
      "sender": .string(request.sender),
      "texts": .array(reply.paragraphs.map(JSONOutput.string)),
      "quick_replies": .array(
        reply.quickReplies.map { ["title": .string($0.title), "payload": .string($0.payload)] }),
      "end_session": .bool(reply.endSession),
    ]
    if let speech = reply.speech { object["speech"] = .string(speech) }
    if !reply.cards.isEmpty {
      let (cards, blocks) = ChatBlock.json(reply.blocks)
      object["cards"] = cards
      object["blocks"] = blocks
    }
    if let name = reply.name { object["name"] = .string(name) }
    return JSONBody.encode(.object(object))
  }
}
