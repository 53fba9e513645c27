/// Yes and no opening an answer: 네, 예, 응, ㅇㅇ, 맞아요, 좋아요 / 아니요, 아뇨, ㄴㄴ, 싫어요, 안 돼요.
///
/// The words are the polarity detector's (`PolarityLexicon`), so the two never disagree on
/// what counts as a yes.
package struct YesNoExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds a yes or no that opens the utterance and stands as its own word.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: the line's polarity, when already read.
  /// - Returns: at most one entity, valued `yes` or `no`.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    let reading = context.polarity ?? PolarityDetector.reading(of: text, afterOffer: false)
    guard let cue = reading.cues.first, cue.start == text.skippingSpaces(from: 0),
      text.isAnswerEnd(cue.end)
    else { return [] }
    let value: String
    switch cue.kind {
    case .yes, .assent: value = "yes"
    case .no: value = "no"
    // Only the plain refusals answer a yes/no question; "취소", "나중에" say something else.
    case .negation where "안못싫시".contains(text[cue.start]): value = "no"
    default: return []
    }
    return [
      Entity(
        kind: .yesNo, text: text.text(cue.start..<cue.end), start: cue.start, end: cue.end,
        value: value)
    ]
  }
}
