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
