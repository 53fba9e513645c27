import CivilCalendar

extension DateExtractor {
  /// Months as they are said: what a speech recogniser writes for "시월 십삼일".
  static let spokenMonths: [(word: String, month: Int)] = [
    ("십일월", 11), ("십이월", 12), ("일월", 1), ("이월", 2), ("삼월", 3), ("사월", 4), ("오월", 5),
    ("유월", 6), ("육월", 6), ("칠월", 7), ("팔월", 8), ("구월", 9), ("시월", 10), ("십월", 10),
  ]
  static let particleStarts: Set<Character> = ["에", "은", "는", "도", "부", "까", "쯤", "말", "초", "엔"]
  static let spokenDigits: [Character: Int] = [
    "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9,
  ]

  /// A month said in words at a word's start, and the day after it said the same way.
  ///
  /// "시월 십삼일", "오월 일일", "삼월" — in the as-of year, as "10월 13일" is. "이월된" is no
  /// date: the month must end its word or take a particle.
  func spoken(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard i == 0 || !(text[i - 1].isLetter || text[i - 1].isNumber) else { return nil }
    for (word, month) in Self.spokenMonths where text.has(word, at: i) {
      let end = i + word.count
      // Its word ends there, or a particle follows ("삼월에", "시월부터"); "이월된" goes on.
      guard
        end == text.count || !(text[end].isLetter || text[end].isNumber)
          || Self.particleStarts.contains(text[end])
      else { continue }
      let next = text.skippingSpaces(from: end)
      if let (dayEnd, day) = spokenDay(text, at: next),
        let date = CivilDate(year: asOf.year, month: month, day: day)
      {
        return (dayEnd, date.description)
      }
      let padded = month < 10 ? "0\(month)" : "\(month)"
      return (end, "\(asOf.year)-\(padded)")
    }
    return nil
  }

  /// "십삼일" → 13, "이십일일" → 21, "일일" → 1: a day of at most 31 said in sino-Korean, then 일.
  private func spokenDay(_ text: [Character], at i: Int) -> (end: Int, day: Int)? {
    var j = i
    var tens = 0
    if j < text.count, let d = Self.spokenDigits[text[j]], text.has("십", at: j + 1) {
      tens = d * 10
      j += 2
    } else if text.has("십", at: j) {
      tens = 10
      j += 1
    }
    var units = 0
    // The last 일 is the counter: "이십일일" is 21, "이십일" is 20.
    if j + 1 < text.count, let d = Self.spokenDigits[text[j]], text[j + 1] == "일" {
      units = d
      j += 1
    }
    let day = tens + units
    guard day >= 1, day <= 31, text.has("일", at: j) else { return nil }
    return (j + 1, day)
  }
}
