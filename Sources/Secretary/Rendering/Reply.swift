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
  /// Paragraphs, each a run of segments; text front ends show them separated by blank lines.
  public var paragraphs: [[ReplySegment]]
  public var quickReplies: [QuickReply]
  /// Whether the conversation is over (goodbye), for speaker sessions.
  public var endsConversation: Bool

  public init(
    paragraphs: [[ReplySegment]], quickReplies: [QuickReply] = [], endsConversation: Bool = false
  ) {
    self.paragraphs = paragraphs
    self.quickReplies = quickReplies
    self.endsConversation = endsConversation
  }

  /// A reply of plain sentences, one paragraph each.
  public init(_ paragraphs: String...) {
    self.init(paragraphs: paragraphs.map { [.text($0)] })
  }
}
