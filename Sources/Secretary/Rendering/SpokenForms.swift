import Hangul

/// Marks that are written but not said, and what a speaker says instead: 「」 quote a title
/// (said without them), "§67 ①" is 제67조 제1항, Latin letters are spelled as Korean says
/// them (BCG → 비씨지, DTaP → 디티에이피) unless a word has a Korean name of its own.
enum SpokenForms {
  /// Words a listener knows by a Korean name rather than by their letters.
  static let namedWords: [String: String] = [
    "KR": "한국", "SMS": "문자", "LMS": "문자", "ARS": "자동응답", "app": "앱", "cc": "씨씨",
  ]

  /// Roman numerals in titles ("국가장학금 Ⅰ유형") as Korean says them.
  static let roman: [Character: String] = [
    "Ⅰ": "일", "Ⅱ": "이", "Ⅲ": "삼", "Ⅳ": "사", "Ⅴ": "오", "Ⅵ": "육", "Ⅶ": "칠", "Ⅷ": "팔", "Ⅸ": "구",
    "Ⅹ": "십",
  ]

  static let circled: [Character: Int] = Dictionary(
    uniqueKeysWithValues: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮".enumerated().map { ($0.element, $0.offset + 1) })

  /// "§52 ①" as 제52조 제1항, done before numbers are read aloud (else "§오십이").
  static func replacingSections(in text: String) -> String {
    guard text.contains(where: { $0 == "§" || circled[$0] != nil }) else { return text }
    var out = ""
    var chars = Array(text)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "§" {
        let digits = chars.prefix { $0.isASCII && $0.isNumber }
        chars = chars.dropFirst(digits.count)
        out += digits.isEmpty ? "조" : "제\(String(digits))조"
      } else if let n = circled[c] {
        out += "제\(n)항"
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// The text with every written-only mark replaced by what is said.
  static func replacingWrittenMarks(in text: String) -> String {
    var out = ""
    var chars = Array(text)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "「" || c == "」" || c == "『" || c == "』" { continue }
      if c == "§" {
        let digits = chars.prefix { $0.isASCII && $0.isNumber }
        chars = chars.dropFirst(digits.count)
        out += digits.isEmpty ? "조" : "제\(String(digits))조"
        continue
      }
      if let n = circled[c] {
        out += "제\(n)항"
        continue
      }
      if let said = roman[c] {
        out += said + " "
        continue
      }
      if c.isASCII, c.isLetter {
        let word = String(c) + String(chars.prefix { $0.isASCII && $0.isLetter })
        chars = chars.dropFirst(word.count - 1)
        out +=
          namedWords[word] ?? word.uppercased().compactMap { LatinLetters.koreanNames[$0] }.joined()
        continue
      }
      out.append(c)
    }
    return out
  }
}
