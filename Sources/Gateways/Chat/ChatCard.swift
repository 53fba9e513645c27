/// One service of an answer as a card, for front ends that show structure (the chat page,
/// KakaoTalk's card carousel, the native JSON API); text-only front ends use `ChatReply.texts`,
/// which hold the same sentences.
package struct ChatCard: Sendable, Equatable {
  /// The rule's name (`health_checkup`), stable for clients.
  package var rule: String
  /// The service as the citizen reads it.
  package var title: String
  /// `applies`, `later`, `not_applicable` or `undecided`.
  package var verdict: String
  /// The window's first and last days, ISO 8601 (`2026-12-31`), when it has one.
  package var start: String?
  package var end: String?
  /// The first amount the rule computed, in won.
  package var amount: Int?
  /// Where to act: its name, page and number.
  package var placeTitle: String?
  package var placeURL: String?
  package var phone: String?
  /// What a button to call it says ("전화 1577-1000", from `Intents/answers.txt`).
  package var phoneLabel: String?
  /// Whether the answer offers a reminder for the service.
  package var offersReminder: Bool
  /// What the secretary says of the service, paragraphs separated by blank lines (the place
  /// is in its fields, for a button).
  package var text: String

  package init(
    rule: String, title: String, verdict: String, start: String? = nil, end: String? = nil,
    amount: Int? = nil, placeTitle: String? = nil, placeURL: String? = nil, phone: String? = nil,
    offersReminder: Bool = false, text: String
  ) {
    self.rule = rule
    self.title = title
    self.verdict = verdict
    self.start = start
    self.end = end
    self.amount = amount
    self.placeTitle = placeTitle
    self.placeURL = placeURL
    self.phone = phone
    phoneLabel = phone
    self.offersReminder = offersReminder
    self.text = text
  }

  /// The card as a JSON object (snake_case keys; absent fields left out).
  package var json: JSONOutput {
    var object: [String: JSONOutput] = [
      "rule": .string(rule), "title": .string(title), "verdict": .string(verdict),
      "offers_reminder": .bool(offersReminder), "text": .string(text),
    ]
    object["start"] = start.map(JSONOutput.string)
    object["end"] = end.map(JSONOutput.string)
    object["amount"] = amount.map(JSONOutput.int)
    if let placeTitle, let placeURL {
      var place: [String: JSONOutput] = ["title": .string(placeTitle), "url": .string(placeURL)]
      place["phone"] = phone.map(JSONOutput.string)
      object["place"] = .object(place)
    }
    return .object(object)
  }
}

/// A part of a reply in order: a paragraph of text, or a card.
package enum ChatBlock: Sendable, Equatable {
  case text(String)
  case card(ChatCard)
}

extension ChatCard {
  /// A card read back from its JSON (`json`), as a kept thread holds it; nil when a required
  /// field is missing.
  package init?(json object: [String: Any]) {
    guard let rule = object["rule"] as? String, let title = object["title"] as? String,
      let verdict = object["verdict"] as? String, let text = object["text"] as? String
    else { return nil }
    let place = object["place"] as? [String: Any]
    self.init(
      rule: rule, title: title, verdict: verdict, start: object["start"] as? String,
      end: object["end"] as? String, amount: object["amount"] as? Int,
      placeTitle: place?["title"] as? String, placeURL: place?["url"] as? String,
      phone: place?["phone"] as? String,
      offersReminder: object["offers_reminder"] as? Bool ?? false, text: text)
  }
}

extension ChatBlock {
  /// The blocks as `POST /chat` and `POST /thread` carry them beside `texts`: `cards`, each
  /// card's JSON in order, and `blocks`, the answer's order, each `{"text": …}` or
  /// `{"card": N}` (an index into `cards`), so a page draws cards where they stand without
  /// parsing paragraphs back.
  package static func json(_ blocks: [ChatBlock]) -> (cards: JSONOutput, blocks: JSONOutput) {
    var cards: [JSONOutput] = []
    var order: [JSONOutput] = []
    for block in blocks {
      switch block {
      case .text(let text): order.append(["text": .string(text)])
      case .card(let card):
        order.append(["card": .int(cards.count)])
        cards.append(card.json)
      }
    }
    return (.array(cards), .array(order))
  }

  /// The blocks read back from `json(_:)`'s two arrays; what does not parse is left out.
  package static func blocks(cards: Any?, order: Any?) -> [ChatBlock] {
    let cards = (cards as? [[String: Any]] ?? []).map(ChatCard.init(json:))
    return (order as? [[String: Any]] ?? []).compactMap { block in
      if let text = block["text"] as? String { return .text(text) }
      guard let index = block["card"] as? Int, cards.indices.contains(index),
        let card = cards[index]
      else { return nil }
      return .card(card)
    }
  }
}
