import Foundation
import Testing

@testable import Hangul

@Suite struct SyllableTests {
  private static let allSyllables: [Character] = (0..<HangulSyllable.count).map {
    Character(Unicode.Scalar(HangulSyllable.base + UInt32($0)) ?? "?")
  }

  @Test("모든 음절의 분해는 Foundation의 NFD와 같고 결합은 NFC와 같다")
  func everySyllableMatchesFoundation() {
    for syllable in Self.allSyllables {
      let text = String(syllable)
      let nfd = text.decomposedStringWithCanonicalMapping
      let ours = Jamo.decompose(text, to: .conjoining)
      #expect(Array(ours.unicodeScalars) == Array(nfd.unicodeScalars))
      #expect(Array(Jamo.compose(nfd).unicodeScalars) == Array(text.unicodeScalars))
      #expect(
        Array(nfd.precomposedStringWithCanonicalMapping.unicodeScalars)
          == Array(text.unicodeScalars))
    }
  }

  @Test("호환 자모로 분해한 뒤 다시 결합하면 원래 음절")
  func everySyllableRoundTripsThroughCompatibilityJamo() {
    for syllable in Self.allSyllables {
      let text = String(syllable)
      #expect(Jamo.compose(Jamo.decompose(text, to: .compatibility)) == text)
      #expect(Jamo.compose(Jamo.decompose(text, to: .letters)) == text)
    }
  }

  @Test func syllableArithmetic() throws {
    let han = try #require(HangulSyllable("한" as Character))
    #expect(han.initial == 18 && han.medial == 0 && han.final == 4)
    #expect(han.compatibilityJamo.map(String.init).joined() == "ㅎㅏㄴ")
    #expect(han.keyCount == 3)
    #expect(HangulSyllable("괜" as Character)?.keyCount == 4)
    #expect(HangulSyllable("닭" as Character)?.keyCount == 4)
    #expect(HangulSyllable("A" as Character) == nil)
    #expect(HangulSyllable(initial: 19, medial: 0) == nil)
    #expect(HangulSyllable("갈" as Character)?.hasRieulFinal == true)
  }

  @Test(arguments: [
    ("한글", "ㅎㅏㄴㄱㅡㄹ", "ㅎㅏㄴㄱㅡㄹ"),
    ("괜찮아", "ㄱㅙㄴㅊㅏㄶㅇㅏ", "ㄱㅗㅐㄴㅊㅏㄴㅎㅇㅏ"),
    ("abc 닭", "abc ㄷㅏㄺ", "abc ㄷㅏㄹㄱ"),
  ])
  func decomposition(text: String, compatibility: String, letters: String) {
    #expect(Jamo.decompose(text) == compatibility)
    #expect(Jamo.decompose(text, to: .letters) == letters)
  }

  @Test(arguments: [
    ("ㅎㅏㄴㄱㅡㄹ", "한글"), ("ㄱㄱㄱㅈ", "ㄱㄱㄱㅈ"), ("ㅋㅋㅋ", "ㅋㅋㅋ"), ("ㄷㅏㄹㄱㅇㅣ", "닭이"),
    ("ㅇㅏㄴㄴㅕㅇ hi", "안녕 hi"), ("ㅗㅏ", "ㅘ"),
  ])
  func composition(jamo: String, expected: String) {
    #expect(Jamo.compose(jamo) == expected)
  }
}
