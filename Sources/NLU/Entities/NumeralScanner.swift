import Foundation
import Hangul

/// A number written in digits, Korean numerals or a mix ("3만 5천", "삼만", "1.5억").
struct Numeral: Sendable {
  var start: Int
  var end: Int
  var value: Int
  /// Whether it starts with an Arabic digit.
  var isArabic: Bool
}

/// Finds numerals; what they count is decided by the extractors from the words around them.
enum NumeralScanner {
  static let sino: Set<Character> = ["영", "공", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]
  static let units: Set<Character> = ["십", "백", "천", "만", "억", "조"]
  /// What may follow a numeral written only in Korean, so that "천천히" or "이사" are not
  /// read as numbers.
  static let koreanFollowers: [String] = [
    "원", "년", "세", "살", "명", "개", "번", "건", "구간", "cc", "씨씨",
  ]

  /// Every numeral in `text`, left to right, not overlapping.
  static func numerals(in text: [Character]) -> [Numeral] {
    var found: [Numeral] = []
    var i = 0
    while i < text.count {
      if let numeral = arabic(text, at: i) ?? korean(text, at: i) {
        found.append(numeral)
        i = numeral.end
      } else {
        i += 1
      }
    }
    return found
  }

  private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

  private static func arabic(_ text: [Character], at start: Int) -> Numeral? {
    guard isDigit(text[start]), start == 0 || !isDigit(text[start - 1]) else { return nil }
    var j = start
    var decimalPoint: Int?
    while j < text.count {
      let c = text[j]
      let nextIsDigit = j + 1 < text.count && isDigit(text[j + 1])
      if isDigit(c) || (c == "," && nextIsDigit) {
        j += 1
      } else if c == ".", nextIsDigit, decimalPoint == nil, j + 2 < text.count,
        units.contains(text[j + 2]) || (j + 3 < text.count && units.contains(text[j + 3]))
      {
        decimalPoint = j
        j += 1
      } else if units.contains(c) {
        j += 1
        // "3만 5천": a space inside the number only after a large unit and before a digit.
        if (c == "만" || c == "억" || c == "조"), j + 1 < text.count, text[j] == " ",
          isDigit(text[j + 1])
        {
          j += 1
        }
      } else {
        break
      }
    }
    let surface = String(text[start..<j]).trimmingCharacters(in: " ")
    let end = start + surface.count
    if let point = decimalPoint {
      return decimal(text, start: start, point: point, end: end)
    }
    guard let value = KoreanNumber.parse(surface) else { return nil }
    return Numeral(start: start, end: end, value: value, isArabic: true)
  }

  /// "1.5억", "2.5만": digits, a point, digits, then large units.
  private static func decimal(_ text: [Character], start: Int, point: Int, end: Int) -> Numeral? {
    guard let whole = Int(String(text[start..<point]).replacingOccurrences(of: ",", with: ""))
    else { return nil }
    var k = point + 1
    var fraction = 0.0
    var scale = 0.1
    while k < end, isDigit(text[k]) {
      fraction += Double(text[k].wholeNumberValue ?? 0) * scale
      scale /= 10
      k += 1
    }
    guard let multiplier = KoreanNumber.parse("1" + String(text[k..<end])) else { return nil }
    let value = (Double(whole) + fraction) * Double(multiplier)
    guard value < 9e15 else { return nil }
    return Numeral(start: start, end: end, value: Int(value.rounded()), isArabic: true)
  }

  private static func korean(_ text: [Character], at start: Int) -> Numeral? {
    guard text.isWordStart(start), sino.contains(text[start]) || units.contains(text[start])
    else { return nil }
    var j = start
    while j < text.count, sino.contains(text[j]) || units.contains(text[j]) { j += 1 }
    // A trailing 일/이 may be a counter or particle ("삼만 원이", "오일"): the followers decide.
    let after = text.skippingSpaces(from: j)
    guard j - start >= 2, text[start..<j].contains(where: units.contains),
      text.first(of: koreanFollowers, at: after) != nil,
      let value = KoreanNumber.parse(String(text[start..<j]))
    else { return nil }
    return Numeral(start: start, end: j, value: value, isArabic: false)
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
