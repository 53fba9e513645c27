import Testing

@testable import Hangul

@Suite struct KeyboardTests {
  @Test(arguments: [
    ("dkssudgktpdy", "안녕하세요"), ("rjsrkdrjawls", "건강검진"), ("alsqkddnl", "민방위"),
    ("Qkddma", "빵음"), ("dhksfy", "완료"), ("rhkswkd", "관장"), ("dmlwk", "의자"),
    ("ekfrdl", "닭이"), ("dkswdk", "앉아"), ("rkqt", "값"), ("xptmxm 123", "테스트 123"),
    ("tkfkdgo", "사랑해"), ("zmfjrl", "크러기"), ("WkwkdaUs", "짜장면"), ("dPwjs", "예전"),
    ("RkaRkago", "깜깜해"), ("Tkdgkrtjd", "쌍학성"), ("Ekfrl", "딸기"), ("dOrl", "얘기"),
  ])
  func englishModeTypingBecomesHangul(keys: String, hangul: String) {
    #expect(DubeolsikKeyboard.hangul(fromKeys: keys) == hangul)
  }

  @Test("모든 음절: 음절 → 키 → 음절")
  func everySyllableRoundTrips() {
    for index in 0..<HangulSyllable.count {
      let text = String(Character(Unicode.Scalar(HangulSyllable.base + UInt32(index)) ?? "?"))
      let keys = DubeolsikKeyboard.keys(fromHangul: text)
      #expect(DubeolsikKeyboard.hangul(fromKeys: keys) == text, "\(text) → \(keys)")
    }
  }

  /// Every pair whose split is ambiguous round-trips through the keys.
  ///
  /// Two syllables are ambiguous to split when the first ends in a final (or none) that the
  /// second's initial could extend: 각+시 must not become 갃+ㅣ. Every final × every initial,
  /// over every vowel on both sides, is 28 × 21 × 19 × 21 pairs.
  @Test("받침이 다음 음절로 넘어가는 모든 2음절 조합")
  func everyAmbiguousPairRoundTrips() throws {
    var failures: [String] = []
    for medial1 in 0..<21 {
      for final1 in 0..<28 {
        let first = try #require(HangulSyllable(initial: 11, medial: medial1, final: final1))
        for initial2 in 0..<19 {
          for medial2 in 0..<21 {
            let second = try #require(HangulSyllable(initial: initial2, medial: medial2))
            let text = String([first.character, second.character])
            let back = DubeolsikKeyboard.hangul(fromKeys: DubeolsikKeyboard.keys(fromHangul: text))
            if back != text { failures.append(text) }
          }
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(20))")
  }

  @Test func keysOfHangul() {
    #expect(DubeolsikKeyboard.keys(fromHangul: "민방위") == "alsqkddnl")
    #expect(DubeolsikKeyboard.keys(fromHangul: "빵 OK") == "Qkd OK")
    #expect(DubeolsikKeyboard.keys(fromHangul: "ㄱㄱㄱㅈ") == "rrrw")
  }

  @Test(arguments: [
    "dkssudgktpdy", "rjsrkdrjawls", "alsqkddnl", "wkehdcktp djfakdi", "rjsrkdrjawls eotkddlsrk",
    "dlTkdgkstl", "gkrwkdrma tlscjd", "dusakfwjdtks", "rnrrkwkdgkrrma", "qntkdlq",
  ])
  func mistypedKoreanIsDetected(text: String) {
    #expect(DubeolsikKeyboard.koreanLikelihood(text) >= 0.9)
    #expect(DubeolsikKeyboard.correctedIfMistyped(text) != nil)
  }

  @Test(arguments: [
    "hello", "help", "thanks", "hi", "KT", "SKT", "hello world", "weather", "I want a passport",
    "ok", "a", "good morning", "covid vaccine", "tax", "python",
  ])
  func englishStaysEnglish(text: String) {
    #expect(
      DubeolsikKeyboard.correctedIfMistyped(text) == nil,
      "\(DubeolsikKeyboard.koreanLikelihood(text))")
  }
}
