/// How a word ends when read aloud, which is what particles agree with.
enum FinalSound: Equatable {
  case none, rieul, consonant, unknown

  /// The ending sound of the last readable character of `word`, skipping closing punctuation.
  static func of(_ word: some StringProtocol) -> FinalSound {
    let trimmed = word.reversed().drop(while: { closing.contains($0) || $0.isWhitespace })
    guard let last = trimmed.first else { return .unknown }
    if let syllable = HangulSyllable(last) {
      if !syllable.hasFinal { return .none }
      return syllable.hasRieulFinal ? .rieul : .consonant
    }
    if last.isASCII, last.isNumber {
      let digits = String(trimmed.prefix(while: { $0.isNumber || $0 == "," }).reversed())
      return ofNumber(digits)
    }
    if last.isASCII, last.isLetter {
      let letters = String(trimmed.prefix(while: { $0.isASCII && $0.isLetter }).reversed())
      return ofLatin(letters)
    }
    if let scalar = last.unicodeScalars.first, JamoTable.isConsonant(scalar) {
      // A bare consonant is read by its name (ㄱ 기역, ㄹ 리을, ㅅ 시옷 …): all end in a consonant.
      return scalar == "ㄹ" ? .rieul : .consonant
    }
    return .unknown
  }

  private static let closing: Set<Character> = [
    ")", "]", "}", "'", "\"", "’", "”", "」", "』", "》", ".", "!", "?",
  ]

  /// Digits are read in Sino-Korean: the last spoken word is the last non-zero digit, or the
  /// unit the trailing zeros make (10 십, 100 백, 1000 천, 10⁴ 만, 10⁸ 억, 10¹² 조).
  static func ofNumber(_ text: String) -> FinalSound {
    let digits = text.filter(\.isNumber)
    guard let lastDigit = digits.last else { return .unknown }
    if lastDigit != "0" { return ofSyllable(KoreanNumber.sinoDigits[Int(String(lastDigit)) ?? 0]) }
    let zeros = digits.reversed().prefix(while: { $0 == "0" }).count
    if zeros == digits.count { return ofSyllable("영") }
    switch zeros % 4 {
    case 1: return ofSyllable("십")
    case 2: return ofSyllable("백")
    case 3: return ofSyllable("천")
    default: return ofSyllable(["만", "억", "조", "경"][min(zeros / 4, 4) - 1])
    }
  }

  /// Latin letters: acronyms by letter names (SK 에스케이, KT 케이티), known words by their
  /// reading, other words by how loanwords are usually read.
  static func ofLatin(_ word: String) -> FinalSound {
    if word.count <= 5, word.allSatisfy(\.isUppercase), let last = word.last,
      let name = letterNames[Character(last.lowercased())]
    {
      return ofSyllable(name)
    }
    let lower = word.lowercased()
    if let reading = knownWords[lower] { return ofSyllable(reading) }
    if lower.hasSuffix("ng") || lower.hasSuffix("m") || lower.hasSuffix("n") { return .consonant }
    if lower.hasSuffix("l") { return .rieul }
    if lower.hasSuffix("k") || lower.hasSuffix("p")
      || lower.hasSuffix("t") && !lower.hasSuffix("st")
    {
      return .consonant
    }
    return lower.count == 1 ? ofLatin(lower.uppercased()) : .none
  }

  private static func ofSyllable(_ text: String) -> FinalSound {
    guard let last = text.last, let syllable = HangulSyllable(last) else { return .unknown }
    if !syllable.hasFinal { return .none }
    return syllable.hasRieulFinal ? .rieul : .consonant
  }

  /// The last syllable of each letter's Korean name.
  static let letterNames: [Character: String] = Dictionary(
    uniqueKeysWithValues: LatinLetters.koreanNames.map { letter, name in
      (Character(letter.lowercased()), name.last.map(String.init) ?? name)
    })

  /// Readings of Latin words common in Korean public-service text, by their last syllable.
  static let knownWords: [String: String] = [
    "app": "앱", "web": "웹", "email": "일", "kakao": "오", "naver": "버", "google": "글",
    "ktx": "스", "gov": "브", "pdf": "프", "pass": "스", "bus": "스", "taxi": "시",
    "id": "디", "ok": "이", "wifi": "이", "line": "인", "phone": "폰", "card": "드",
  ]
}

/// How Korean names the Latin letters (B 비, H 에이치, W 더블유): read aloud by speech, and
/// the last syllable of each decides the particle after a Latin word.
public enum LatinLetters {
  public static let koreanNames: [Character: String] = [
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치",
    "I": "아이", "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피",
    "Q": "큐", "R": "알", "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스",
    "Y": "와이", "Z": "제트",
  ]
}
