extension DubeolsikKeyboard {
  /// Words that are Latin on purpose, although some of them happen to type whole syllables.
  static let latinWords: Set<String> = [
    "ok", "okay", "hi", "hello", "hey", "yes", "no", "go", "app", "web", "sms", "email", "mail",
    "kakao", "naver", "google", "ktx", "srt", "id", "pw", "faq", "help", "thanks", "bye", "cc",
  ]

  /// Counts the keys that end up inside complete syllables.
  private struct SyllableKeyCounter: ScalarSink {
    var keys = 0

    @inline(__always)
    mutating func append(_ v: UInt32) {
      let index = Int(v) - Int(HangulSyllable.base)
      guard index >= 0, index < HangulSyllable.count else { return }
      keys += 1 + JamoIndex.medialKeys[(index / 28) % 21] + JamoIndex.finalKeys[index % 28]
    }
  }

  /// How likely it is that Latin `text` is Korean typed in English mode, from 0 to 1.
  ///
  /// Korean typed in the wrong mode turns almost every key into part of a complete syllable;
  /// English words leave stray vowels and consonants behind ("hello" → ㅗ디ㅣㅐ). The score is
  /// the share of letter keys that end up inside syllables, with acronyms and a few common
  /// Latin words scored 0.
  public static func koreanLikelihood(_ text: String) -> Double {
    var letters = 0
    var counter = SyllableKeyCounter()
    var utf8 = text.utf8[...]
    while let start = utf8.firstIndex(where: isASCIILetter) {
      let rest = utf8[start...]
      let end = rest.firstIndex(where: { !isASCIILetter($0) }) ?? utf8.endIndex
      let word = utf8[start..<end]
      letters += word.count
      utf8 = utf8[end...]
      // A word in capitals ("KT", "SKT") is an acronym, not shifted Hangul.
      if word.count >= 2, word.allSatisfy({ $0 >= 65 && $0 <= 90 }) { continue }
      if word.count <= 7, latinWords.contains(String(decoding: word, as: UTF8.self).lowercased()) {
        continue
      }
      convert(Substring(word), into: &counter)
    }
    return letters == 0 ? 0 : Double(counter.keys) / Double(letters)
  }

  @inline(__always)
  private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

  /// The Hangul `text` was meant to be when it looks like Korean typed in English mode, else nil.
  ///
  /// - Parameter threshold: the smallest `koreanLikelihood` that counts as mistyped; 0.9 keeps
  ///   ordinary English words ("hello", "help") while catching real Korean of two keys or more.
  public static func correctedIfMistyped(_ text: String, threshold: Double = 0.9) -> String? {
    var letterCount = 0
    for b in text.utf8 where isASCIILetter(b) { letterCount += 1 }
    guard letterCount >= 2, koreanLikelihood(text) >= threshold else { return nil }
    return hangul(fromKeys: text)
  }
}
