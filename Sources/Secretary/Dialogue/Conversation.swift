import CivilCalendar

/// What the secretary remembers between turns of one conversation.
///
/// Facts are not kept here: they go into the citizen's profile as soon as they are learned,
/// so a restart loses only the thread of the talk, never what the citizen said.
public struct Conversation: Sendable {
  /// The citizen being served.
  public var citizenID: String
  /// The last subject talked about: its intent and rules, for follow-ups and "왜?".
  var topic: Topic?
  /// The fact the secretary asked for and is waiting on.
  var pending: PendingQuestion?
  /// A yes/no offer waiting on the answer (subscribe to these reminders?).
  var offer: Offer?
  /// The last reply and how many of its sentences a speaker has said, for "자세히".
  var lastReply: Reply?
  /// How the citizen announced a life event ("아버지가 돌아가셨어요"), read again when the
  /// date arrives in the next line.
  var eventUtterance = ""
  /// The place that sentence said ("둘째 낳았어요" 2), kept for when its day is told.
  var eventOrder: Int?
  var spokenSentences = 0
  /// Facts the citizen could not give in chat (details of a record): not asked again.
  var unanswerable: Set<String> = []
  /// Services already listed under "함께 챙길 것": once a conversation is enough.
  var alsoDueShown: Set<String> = []
  /// The offers let pass for another question (`Offer.key`): made again without their
  /// sentence.
  var offersPassed: Set<String> = []
  /// The answers about one window already told in full: asked "언제까지?" again, the days
  /// alone answer.
  var windowsShown: Set<String> = []
  /// The pages to act on already shown ("바로가기: …"): once a conversation is enough.
  var placesShown: Set<String> = []
  /// Life events told in this conversation and the dates recorded (bereavement → 11월 20일):
  /// follow-ups answer from them instead of asking again.
  var recordedEvents: [String: CivilDate] = [:]
  /// The last answer saved, which "아니 5월 2일이야" corrects.
  var lastSaved: SavedAnswer?
  /// A record being collected field by field (a passport's expiry, a child).
  var collecting: RecordCollection?
  /// What the last question asked (얼마), for "부모급여는?" that asks it again of another service.
  var lastFrame: QuestionFrame = .eligibility
  /// The question of the last turn, when it asked of one thing a rule decides ("대장암은?").
  ///
  /// "왜?" right after is about that choice. Kept for one turn (`fresh` marks this turn's).
  var choiceAsked: (question: String, fresh: Bool)?
  /// The intent the last turn was understood as, for the gateways' metrics; nil when the
  /// turn needed no understanding (an empty line, a speaker's "자세히").
  public internal(set) var lastIntent: String?

  public init(citizenID: String) {
    self.citizenID = citizenID
  }

  /// What the last reply's button titled `title` sends (`/affirm` for "네, 알려 주세요"), for a
  /// platform that sends a tapped button's title as the citizen's words (KakaoTalk).
  public func payload(ofButton title: String) -> String? {
    lastReply?.quickReplies.first { $0.title == title }?.payload
  }
}

/// A subject of the conversation: what was asked and which rules answer it.
struct Topic: Sendable, Equatable {
  var intent: String
  var rules: [String]
  /// The rules the question named (`TopicFocus`), first in `rules`; empty when it named none.
  var named: [String] = []
  /// Set when the topic is a life event ("아기 낳았어요") rather than one service.
  var event: String?
  /// One of the citizen's people the thread is about, by full name ("서아 다음 접종" → 이서아).
  var person: String?
}

/// A question the secretary asked: which fact, and for which topic (none for the name asked
/// when a citizen subscribes without one).
struct PendingQuestion: Sendable, Equatable {
  var fact: String
  var topic: Topic?
  /// What the question that led here asked ("언제"), so the answer after the fact is that.
  var frame: QuestionFrame = .eligibility
  /// How many answers were not understood; after two, the question is dropped.
  var misses = 0
  /// The year said for a date asked ("85년생"), which a month and day alone then complete.
  var heardYear: Int?
}

/// An answer the secretary saved, kept for one turn so that a correction can replace it.
enum SavedAnswer: Sendable, Equatable {
  case event(String, CivilDate, topic: Topic?)
  case fact(String, topic: Topic?, frame: QuestionFrame)
}

/// An offer waiting on yes or no.
///
/// Consent changes only through an offer the citizen heard and answered with a plain yes, or
/// a request that names the service and the wish outright.
enum Offer: Sendable, Equatable {
  case subscribe(rules: [String], title: String)
  /// Stopping these reminders, asked back when the request did not name them outright.
  case unsubscribe(rules: [String], title: String)

  /// What names an offer of `rules` in `Conversation.offersPassed`, whatever their order.
  static func key(_ rules: [String]) -> String { rules.sorted().joined(separator: " ") }
}
