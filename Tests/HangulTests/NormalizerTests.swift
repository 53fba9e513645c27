import Foundation
import Testing

@testable import Hangul

@Suite struct NormalizerTests {
  @Test(arguments: [
    ("  건강검진   언제\t받아? \n", "건강검진 언제 받아?"),
    ("ＡＢＣ１２３！", "ABC123!"),
    ("건강\u{200B}검진\u{FEFF}", "건강검진"),
    ("ㅎㅏㄴㄱㅡㄹ", "한글"),
    ("ㄱㄱㄱㅈ 언제야", "ㄱㄱㄱㅈ 언제야"),
    ("a\u{0}b\u{7}c", "a b c"),
    ("", ""),
    ("   ", ""),
    ("한\u{3000}글", "한 글"),
  ])
  func normalizes(input: String, expected: String) {
    #expect(TextNormalizer.normalize(input) == expected)
  }

  @Test func decomposedInputBecomesNFC() {
    let nfd = "건강검진".decomposedStringWithCanonicalMapping
    let normalized = TextNormalizer.normalize(nfd)
    #expect(Array(normalized.utf8) == Array("건강검진".utf8))
    #expect(TextNormalizer.normalize("e\u{301}") == "\u{E9}")
  }

  @Test func aMegabyteLineIsFine() {
    let line = String(repeating: "건강 검진 ", count: 150_000)
    let normalized = TextNormalizer.normalize(line)
    #expect(normalized.count == line.count - 1)
  }

  @Test func invalidUTF8IsReplacedAndReported() {
    let bytes: [UInt8] = Array("건강".utf8) + [0xFF, 0xC3] + Array("검진".utf8)
    let decoded = DecodedText(utf8: bytes)
    #expect(decoded.replacements == 2)
    #expect(decoded.firstInvalidOffset == 6)
    #expect(decoded.text.hasPrefix("건강\u{FFFD}"))
    #expect(decoded.text.hasSuffix("검진"))
    #expect(DecodedText(utf8: Array("정상".utf8)) == DecodedText(utf8: Array("정상".utf8)))
    #expect(DecodedText(utf8: [UInt8]()).text.isEmpty)
  }

  @Test("임의의 바이트는 절대 크래시하지 않는다")
  func randomBytesNeverCrash() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(state % 64) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 33))
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1
      let text = DecodedText(utf8: bytes).text
      let normalized = TextNormalizer.normalize(text)
      _ = Jamo.decompose(normalized, to: .letters)
      _ = DubeolsikKeyboard.koreanLikelihood(normalized)
      _ = Choseong.extract(normalized)
      _ = NumberReader.readAloud(normalized)
      _ = KoreanNumber.parse(normalized)
      _ = Josa.object.form(after: normalized)
      _ = Josa.stripped(from: normalized)
      #expect(TextNormalizer.normalize(normalized) == normalized)
    }
  }
}
