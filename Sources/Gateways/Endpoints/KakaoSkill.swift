import Hangul

/// Kakao i Open Builder skills: `POST /kakao/skill`, SkillPayload in, SkillResponse 2.0 out.
///
/// Reads `userRequest.utterance` and `userRequest.user.id`; answers `simpleText` outputs
/// (at most 3, each at most 1000 characters) and up to 10 `message` quick replies whose labels
/// fit 14 characters (conventions.md §3, `KakaoLimits`). A quick reply sends its title, which
/// KakaoTalk shows as the citizen's words ("왜?", not "/explain_why"); the responder maps a
/// title of the last reply's buttons back to what the button stands for.
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
      "outputs": .array(
        reply.cards.isEmpty
          ? outputs(reply.paragraphs).map(simpleText) : cardOutputs(reply.blocks))
    ]
    if !reply.quickReplies.isEmpty {
      template["quickReplies"] = .array(
        reply.quickReplies.prefix(maxQuickReplies).map {
          [
            "label": .string(KakaoLimits.fitted($0.title, to: KakaoLimits.quickReplyLabelLength)),
            "action": "message", "messageText": .string($0.title),
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

  private static func simpleText(_ text: String) -> JSONOutput {
    ["simpleText": ["text": .string(text)]]
  }

  /// A reply with services: what comes before them as one text, the services as text cards
  /// (a carousel when there are several) with a button to the place to act, and what follows
  /// (the offer, what does not apply) as one text — three outputs at most.
  static func cardOutputs(_ blocks: [ChatBlock]) -> [JSONOutput] {
    var before: [String] = []
    var after: [String] = []
    var cards: [ChatCard] = []
    for block in blocks {
      switch block {
      case .text(let text):
        if cards.isEmpty { before.append(text) } else { after.append(text) }
      case .card(let card) where cards.count < KakaoLimits.carouselItems: cards.append(card)
      case .card(let card): after.append(card.text)
      }
    }
    let fittedText = { (texts: [String]) in
      KakaoLimits.fitted(texts.joined(separator: "\n\n"), to: maxTextLength)
    }
    var out: [JSONOutput] = []
    if !before.isEmpty { out.append(simpleText(fittedText(before))) }
    let items = cards.map(textCard)
    out.append(
      items.count == 1
        ? ["textCard": items[0]] : ["carousel": ["type": "textCard", "items": .array(items)]])
    if !after.isEmpty { out.append(simpleText(fittedText(after))) }
    return out
  }

  /// One service as a `textCard`: its title, what the secretary says of it, and buttons to
  /// its page and its number.
  static func textCard(_ card: ChatCard) -> JSONOutput {
    var buttons: [JSONOutput] = []
    if let title = card.placeTitle, let url = card.placeURL {
      buttons.append([
        "action": "webLink", "webLinkUrl": .string(url),
        "label": .string(KakaoLimits.fitted(title, to: KakaoLimits.buttonLabelLength)),
      ])
    }
    if let phone = card.phone {
      buttons.append([
        "action": "phone", "phoneNumber": .string(phone),
        "label": .string(
          KakaoLimits.fitted(card.phoneLabel ?? phone, to: KakaoLimits.buttonLabelLength)),
      ])
    }
    var object: [String: JSONOutput] = [
      "title": .string(KakaoLimits.fitted(card.title, to: KakaoLimits.textCardTitleLength)),
      "description": .string(
        KakaoLimits.fitted(card.text, to: KakaoLimits.textCardDescriptionLength)),
    ]
    if !buttons.isEmpty { object["buttons"] = .array(buttons) }
    return .object(object)
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
