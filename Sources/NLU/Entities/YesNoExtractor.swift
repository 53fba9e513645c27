/// Yes and no at the start of an answer: 네, 예, 응, ㅇㅇ, 맞아요 / 아니요, 아뇨, ㄴㄴ.
package struct YesNoExtractor: EntityExtractor {
  static let yes = [
    "맞습니다", "맞아요", "그럼요", "좋아요", "맞아", "그래", "네네", "넵", "넹", "네", "예",
    "응", "웅", "ㅇㅇ", "ㅇㅋ", "오케이", "좋아",
  ]
  static let no = [
    "아닙니다", "아니에요", "아니요", "아니오", "아니야", "아뇨", "아니", "ㄴㄴ", "노노", "싫어요",
    "싫어", "안돼요", "안 돼요",
  ]

  /// Creates the extractor.
  package init() {}

  /// Finds a yes or no that opens the utterance and stands as its own word.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: at most one entity, valued `yes` or `no`.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    let start = text.skippingSpaces(from: 0)
    for (words, value) in [(Self.no, "no"), (Self.yes, "yes")] {
      guard let word = words.first(where: { text.has($0, at: start) }) else { continue }
      let end = start + word.count
      guard end == text.count || !text[end].isLetter else { continue }
      return [Entity(kind: .yesNo, text: word, start: start, end: end, value: value)]
    }
    return []
  }
}
