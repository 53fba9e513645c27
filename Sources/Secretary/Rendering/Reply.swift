import CivilCalendar

/// One piece of a reply; dates, amounts and phone numbers stay typed until rendered, so text
/// shows "2026년 12월 31일" while speech says "이천이십육 년 십이 월 삼십일 일".
public enum ReplySegment: Sendable, Equatable {
  case text(String)
  case date(CivilDate)
  /// An amount of money in won.
  case amount(Int)
  case number(Int)
  /// A phone number, read digit by digit ("110" → "일일공").
  case telephone(String)
  /// A pause between facts in speech; nothing in text.
  case pause
  /// The law or notice an answer rests on: shown in text ("근거: 아동수당법 §4"), not read
  /// aloud — a speaker's listener asks "왜?" for it.
  case citation(String)
  /// A page to open: text shows the title and the address, speech the title only.
  case link(title: String, url: String)
}

/// A part of a reply: a paragraph of segments, or a service's card.
public enum ReplyBlock: Sendable, Equatable {
  case paragraph([ReplySegment])
  case card(ServiceCard)

  /// The block as text paragraphs (a card's sentences and its place line).
  public var paragraphs: [[ReplySegment]] {
    switch self {
    case .paragraph(let segments): [segments]
    case .card(let card): card.paragraphs
    }
  }
}

/// A choice offered to the citizen: a button in chat, a quick reply in KakaoTalk.
public struct QuickReply: Sendable, Equatable, Codable {
  public var title: String
  /// What the button sends back, such as `/affirm` (a leading `/` names an intent directly).
  public var payload: String

  public init(title: String, payload: String) {
    self.title = title
    self.payload = payload
  }
}

/// What Biseo answers in one turn, independent of the front end that shows or speaks it.
public struct Reply: Sendable, Equatable {
  /// Paragraphs and service cards, in order.
  public private(set) var blocks: [ReplyBlock]
  public var quickReplies: [QuickReply]
  /// Whether the conversation is over (goodbye), for speaker sessions.
  public var endsConversation: Bool

  public init(
    blocks: [ReplyBlock], quickReplies: [QuickReply] = [], endsConversation: Bool = false
  ) {
    self.blocks = blocks
    self.quickReplies = quickReplies
    self.endsConversation = endsConversation
  }

  public init(
    paragraphs: [[ReplySegment]], quickReplies: [QuickReply] = [], endsConversation: Bool = false
  ) {
    self.init(
      blocks: paragraphs.map(ReplyBlock.paragraph), quickReplies: quickReplies,
      endsConversation: endsConversation)
  }

  /// A reply of plain sentences, one paragraph each.
  public init(_ paragraphs: String...) {
    self.init(paragraphs: paragraphs.map { [.text($0)] })
  }

  /// Every paragraph as text front ends show it, separated by blank lines: cards unfolded.
  public var paragraphs: [[ReplySegment]] { blocks.flatMap(\.paragraphs) }

  /// The paragraphs a speaker says: a card's place line is for the eyes.
  public var spokenParagraphs: [[ReplySegment]] {
    blocks.flatMap { block -> [[ReplySegment]] in
      if case .card(let card) = block { return card.sentences }
      return block.paragraphs
    }
  }

  /// The reply's service cards, in order.
  public var cards: [ServiceCard] {
    blocks.compactMap { if case .card(let card) = $0 { card } else { nil } }
  }

  /// Puts paragraphs before the rest (what was saved, before the answer it changed).
  public mutating func prepend(_ paragraphs: [ReplySegment]...) {
    blocks.insert(contentsOf: paragraphs.map(ReplyBlock.paragraph), at: 0)
  }

  /// Puts another reply's blocks before the rest.
  public mutating func prepend(contentsOf other: Reply) {
    blocks.insert(contentsOf: other.blocks, at: 0)
  }

  public mutating func append(_ paragraph: [ReplySegment]) {
    blocks.append(.paragraph(paragraph))
  }
}
