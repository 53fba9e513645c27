import Testing

@testable import Hangul

/// Normalization keeps emoji sequences whole (ZWJ, U+FE0F, skin tones) and drops a ZWJ only
/// where it joins nothing.
@Suite struct EmojiSequenceTests {
  @Test(
    "real sequences survive unchanged",
    arguments: [
      "👨\u{200D}👩\u{200D}👧",  // family: man, woman, girl
      "👩\u{200D}❤\u{FE0F}\u{200D}👨",  // couple with heart
      "🏳\u{FE0F}\u{200D}🌈",  // rainbow flag
      "👩🏽\u{200D}💻",  // woman technologist, medium skin tone
      "🧑🏿\u{200D}🤝\u{200D}🧑🏻",  // people holding hands, two skin tones
      "👍🏻",  // thumbs up, light skin tone
      "❤\u{FE0F}",  // red heart with the emoji presentation selector
      "1\u{FE0F}\u{20E3}",  // keycap 1
      "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",  // flag of Scotland (tags)
    ])
  func sequencesAreKept(sequence: String) {
    #expect(TextNormalizer.normalize(sequence) == sequence)
    #expect(TextNormalizer.normalize(sequence).count == 1, "one character, not split")
    let sentence = "우리 가족 \(sequence) 건강검진 언제야?"
    #expect(TextNormalizer.normalize(sentence) == sentence)
  }

  @Test("a family stays one character, not three people")
  func familyIsOneCharacter() {
    let family = TextNormalizer.normalize("가족 👨\u{200D}👩\u{200D}👧")
    #expect(family.count == 4)
    #expect(family.unicodeScalars.filter { $0.value == 0x200D }.count == 2)
  }

  @Test(
    "a ZWJ that joins no emoji is still removed, and Hangul text normalizes as before",
    arguments: [
      ("건강\u{200D}검진", "건강검진"),
      ("👍\u{200D} 좋아", "👍 좋아"),
      ("좋아 👍\u{200D}", "좋아 👍"),
      ("\u{200D}👍", "👍"),
      ("👍\u{200D}한글", "👍한글"),
      ("a\u{200D}b", "ab"),
      ("👍\u{200B}\u{200D}👍", "👍👍"),
      ("ㅎ\u{200D}ㅏㄴ", "한"),
    ])
  func strayJoinersGo(input: String, expected: String) {
    #expect(TextNormalizer.normalize(input) == expected)
  }

  @Test("normalizing twice changes nothing")
  func idempotent() {
    for text in ["👨\u{200D}👩\u{200D}👧 가족", "👍\u{200D}\u{200D}👍", "🏳\u{FE0F}\u{200D}\u{200D}🌈"] {
      let once = TextNormalizer.normalize(text)
      #expect(TextNormalizer.normalize(once) == once)
    }
  }
}
