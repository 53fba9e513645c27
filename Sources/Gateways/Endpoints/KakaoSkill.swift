import Hangul

/// Kakao i Open Builder skills: `POST /kakao/skill`, SkillPayload in, SkillResponse 2.0 out.
///
/// Reads `userRequest.utterance` and `userRequest.user.id`; answers `simpleText` outputs
/// (at most 3, each at most 1000 characters) and up to 10 `message` quick replies whose labels
/// fit 14 characters (conventions.md §3, `KakaoLimits`).
package enum KakaoSkill {
  /// Outputs per response.
  package static let maxOutputs = KakaoLimits.outputs.upperBound
  /// Characters per `simpleText`.
  package static let maxTextLength = KakaoLimits.simpleTextLength
  /// Quick replies per response.
  package static let maxQuickReplies = KakaoLimits.quickReplies

  /// Reads a SkillPayload.
  ///
  /// - Parameter bytes: the body.
  /// - Returns: the normalized request, sender = `userRequest.user.id`.
  /// - Throws: `JSONBody.DecodeError`.
  package static func request(from bytes: some Collection<UInt8>) throws(JSONBody.DecodeError)
    -> ChatRequest
  {
    let object = try JSONBody.object(bytes)
    guard let userRequest = object["userRequest"] as? [String: Any] else {
      throw .field("userRequest", expected: "an object")
    }
    let utterance = try JSONBody.string(userRequest, "utterance")
    guard let user = userRequest["user"] as? [String: Any], let id = user["id"] as? String,
      !id.isEmpty
    else { throw .field("userRequest.user.id", expected: "a non-empty string") }
    return ChatRequest(sender: id, text: TextNormalizer.normalize(utterance), platform: .kakao)
  }

  /// The SkillResponse for a reply.
  ///
  /// - Parameter reply: the answer.
  /// - Returns: compact JSON bytes.
  package static func encode(_ reply: ChatReply) -> [UInt8] {
    var template: [String: JSONOutput] = [
      "outputs": .array(outputs(reply.paragraphs).map { ["simpleText": ["text": .string($0)]] })
    ]
    if !reply.quickReplies.isEmpty {
      template["quickReplies"] = .array(
        reply.quickReplies.prefix(maxQuickReplies).map {
          [
            "label": .string(KakaoLimits.fitted($0.title, to: KakaoLimits.quickReplyLabelLength)),
            "action": "message", "messageText": .string($0.payload),
          ]
        })
    }
    return JSONBody.encode(["version": "2.0", "template": .object(template)])
  }

  /// Paragraphs fitted into 1…3 texts of at most 1000 characters: one per paragraph when they
  /// fit, otherwise packed together, and cut with `…` only when even that overflows.
  ///
  /// - Parameter paragraphs: the reply's paragraphs.
  /// - Returns: the output texts.
  package static func outputs(_ paragraphs: [String]) -> [String] {
    let pieces = paragraphs.flatMap { chunks($0) }
    if pieces.isEmpty { return [""] }
    if pieces.count <= maxOutputs { return pieces }
    var packed: [String] = []
    for piece in pieces {
      if let last = packed.last, last.count + 2 + piece.count <= maxTextLength {
        packed[packed.count - 1] = last + "\n\n" + piece
      } else {
        packed.append(piece)
      }
    }
    guard packed.count > maxOutputs else { return packed }
    var kept = Array(packed.prefix(maxOutputs))
    kept[maxOutputs - 1] = String(kept[maxOutputs - 1].prefix(maxTextLength - 1)) + "…"
    return kept
  }

  private static func chunks(_ text: String) -> [String] {
    var result: [String] = []
    var rest = Substring(text)
    while rest.count > maxTextLength {
      result.append(String(rest.prefix(maxTextLength)))
      rest = rest.dropFirst(maxTextLength)
    }
    result.append(String(rest))
    return result
  }
}
