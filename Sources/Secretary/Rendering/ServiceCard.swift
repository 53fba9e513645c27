import CivilCalendar

/// One service in an answer, as a structured card: what a page, KakaoTalk or a speaker needs
/// to show it its own way (a verdict badge, the window, the amount, a button to the place to
/// act, the reminder offer), with the sentences text front ends show.
public struct ServiceCard: Sendable, Equatable {
  /// Whether the service is for the citizen, as of the answer's day.
  public enum Verdict: String, Sendable, Equatable, Codable {
    /// It applies now (its window may open later this time).
    case applies
    /// Not now, but a later window or year will apply.
    case later
    /// It does not apply, and nothing known says it will.
    case notApplicable = "not_applicable"
    /// Facts are missing, or the rule could not be computed.
    case undecided
  }

  /// Where the citizen acts: the official page and the number to call.
  public struct Place: Sendable, Equatable {
    public var title: String
    public var url: String
    public var phone: String?

    public init(title: String, url: String, phone: String? = nil) {
      self.title = title
      self.url = url
      self.phone = phone
    }
  }

  /// The rule's name (`health_checkup`).
  public var rule: String
  /// The service as the citizen reads it (`일반건강검진 대상`).
  public var title: String
  public var verdict: Verdict
  /// The window the answer speaks of: the current one, or the next when it is later.
  public var window: ClosedRange<CivilDate>?
  /// The first labelled amount the rule computed, in won.
  public var amount: Int?
  public var place: Place?
  /// Whether the answer offers a reminder for this service.
  public var offersReminder: Bool
  /// What the secretary says of the service, a paragraph each.
  public var sentences: [[ReplySegment]]
  /// "바로가기: 정부24 https://www.gov.kr (전화 110)", shown in text the first time a
  /// conversation meets the service; nil after that, and never spoken.
  public var placeLine: [ReplySegment]?

  public init(
    rule: String, title: String, verdict: Verdict, window: ClosedRange<CivilDate>? = nil,
    amount: Int? = nil, place: Place? = nil, offersReminder: Bool = false,
    sentences: [[ReplySegment]], placeLine: [ReplySegment]? = nil
  ) {
    self.rule = rule
    self.title = title
    self.verdict = verdict
    self.window = window
    self.amount = amount
    self.place = place
    self.offersReminder = offersReminder
    self.sentences = sentences
    self.placeLine = placeLine
  }

  /// The card as text paragraphs: its sentences, then the place line when it has one.
  public var paragraphs: [[ReplySegment]] { sentences + (placeLine.map { [$0] } ?? []) }
}
