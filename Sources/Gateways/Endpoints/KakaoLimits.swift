/// The documented limits of a Kakao i Open Builder skill response (SkillResponse 2.0).
///
/// The reference is Kakao Business's guide "응답 타입별 JSON 포맷"
/// (https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format, formerly
/// https://i.kakao.com/docs/skill-response-format), which states each limit beside its field.
/// That guide could be consulted only by its opening in the sources at hand, so every limit also
/// names the secondary source that confirms it (an SDK or skill server that cites the guide),
/// or says that none was found. Counts are of characters (`String.count`), as the guide counts.
package enum KakaoLimits {
  /// Outputs (bubbles) in one response: at least 1, at most 3.
  ///
  /// Guide, SkillTemplate `outputs`; conventions.md §3; SDK myabcc17/chatbot-v2-response-builder
  /// README ("max Component is 3").
  package static let outputs = 1...3

  /// Characters in one `simpleText.text`: 1000 (past 500 the bubble folds behind 전체 보기).
  ///
  /// Guide, SimpleText `text`; conventions.md §3 (itself from SDKs citing the guide).
  package static let simpleTextLength = 1000

  /// Characters in a `textCard` title: 50.
  ///
  /// Guide, TextCard `title`. No secondary source found.
  package static let textCardTitleLength = 50

  /// Characters in a `textCard` description: 400.
  ///
  /// Guide, TextCard `description`. No secondary source that names itself was found.
  package static let textCardDescriptionLength = 400

  /// Characters in a `basicCard` description: 230.
  ///
  /// Guide, BasicCard `description`; SDK myabcc17/chatbot-v2-response-builder ("description —
  /// max length is 230").
  package static let basicCardDescriptionLength = 230

  /// Lines of a `basicCard` title: 2 (the guide limits it by lines, not characters).
  ///
  /// Guide, BasicCard `title`. No secondary source found.
  package static let basicCardTitleLines = 2

  /// Buttons on one `textCard` or `basicCard`: 3.
  ///
  /// Guide, TextCard and BasicCard `buttons`; SDK myabcc17/chatbot-v2-response-builder
  /// ("button — max button is 3"; commerceCard "1 <= button.size <= 3").
  package static let buttonsPerCard = 3

  /// Characters in a button's label: 14 when buttons are stacked, 8 when two sit side by side.
  ///
  /// Guide, Button `label`. No secondary source for the skill response found; Kakao's Brand
  /// Message has the same 14 / 8 (infobip.com/docs/kakaotalk/message-types).
  package static let buttonLabelLength = 14

  /// Quick replies in one response: 10.
  ///
  /// Guide, SkillTemplate `quickReplies`; conventions.md §3; SDK
  /// myabcc17/chatbot-v2-response-builder ("max QuickReply is 10").
  package static let quickReplies = 10

  /// Characters in a quick reply's label: 14.
  ///
  /// Guide, QuickReply `label`. No secondary source found; the button limit above is the same.
  package static let quickReplyLabelLength = 14

  /// Cards in one `carousel` (of `textCard`, `basicCard` or `commerceCard`): 10.
  ///
  /// Guide, Carousel `items`; SDK myabcc17/chatbot-v2-response-builder ("items — max item is
  /// 10"); a `listCard` carousel holds fewer (5), per the same SDK.
  package static let carouselItems = 10

  /// A label fitted to `limit` characters: kept whole when it fits, else cut with `…`.
  ///
  /// - Parameters:
  ///   - label: what the button or quick reply says.
  ///   - limit: the most characters the field may hold.
  /// - Returns: at most `limit` characters.
  package static func fitted(_ label: String, to limit: Int) -> String {
    label.count <= limit ? label : String(label.prefix(max(limit - 1, 0))) + "…"
  }
}
