import Hangul

/// The Rasa REST channel: `POST /webhooks/rest/webhook` and its health check.
///
/// Request `{"sender": "user-42", "message": "…"}` (`metadata` ignored); reply a JSON array
/// with one `{"recipient_id", "text"}` per paragraph, buttons on the last (conventions.md §1).
package enum RasaChannel {
  /// Reads a Rasa REST request.
  ///
  /// - Parameter bytes: the body.
  /// - Returns: the normalized request.
  /// - Throws: `JSONBody.DecodeError`.
  package static func request(from bytes: some Collection<UInt8>) throws(JSONBody.DecodeError)
    -> ChatRequest
  {
    let object = try JSONBody.object(bytes)
    let sender = try JSONBody.string(object, "sender")
    guard !sender.isEmpty else { throw .field("sender", expected: "a non-empty string") }
    let text = TextNormalizer.normalize(try JSONBody.string(object, "message"))
    return ChatRequest(sender: sender, text: text, platform: .rest)
  }

  /// The message array for a reply.
  ///
  /// - Parameters:
  ///   - reply: the answer.
  ///   - request: the request it answers.
  /// - Returns: compact JSON bytes.
  package static func encode(_ reply: ChatReply, for request: ChatRequest) -> [UInt8] {
    let paragraphs = reply.paragraphs
    var messages: [[String: JSONOutput]] = paragraphs.map {
      ["recipient_id": .string(request.sender), "text": .string($0)]
    }
    if !reply.quickReplies.isEmpty {
      if messages.isEmpty {
        messages.append(["recipient_id": .string(request.sender), "text": ""])
      }
      messages[messages.count - 1]["buttons"] = .array(
        reply.quickReplies.map { ["title": .string($0.title), "payload": .string($0.payload)] })
    }
    return JSONBody.encode(.array(messages.map(JSONOutput.object)))
  }

  /// The health answer of `GET /webhooks/rest/`.
  package static let health: [UInt8] = JSONBody.encode(["status": "ok"])
}
