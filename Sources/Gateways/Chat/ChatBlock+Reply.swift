import Secretary

extension ChatBlock {
  /// A dialogue reply's block as the gateways carry it: a paragraph's text, or a card (its
  /// sentences as text; its place as fields, for a button).
  static func blocks(_ block: ReplyBlock, answers: AnswerPhrases) -> [ChatBlock] {
    switch block {
    case .paragraph(let segments): return [.text(TextRenderer.paragraph(segments))]
    case .card(let card):
      var chat = ChatCard(card)
      chat.phoneLabel = card.place?.phone.map {
        answers.text("button_phone", ["phone": .telephone($0)])
      }
      return [.card(chat)]
    }
  }
}

extension ChatCard {
  init(_ card: ServiceCard) {
    self.init(
      rule: card.rule, title: card.title, verdict: card.verdict.rawValue,
      start: card.window?.lowerBound.description, end: card.window?.upperBound.description,
      amount: card.amount, placeTitle: card.place?.title, placeURL: card.place?.url,
      phone: card.place?.phone, offersReminder: card.offersReminder,
      text: card.sentences.map(TextRenderer.paragraph).joined(separator: "\n\n"))
  }
}
