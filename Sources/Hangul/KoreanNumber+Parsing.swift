extension KoreanNumber {
  private static let sinoDigitValues: [Character: Int] = [
    "영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8,
    "구": 9,
  ]
  private static let smallUnitValues: [Character: Int] = ["십": 10, "백": 100, "천": 1000]
  private static let largeUnitValues: [Character: Int] = [
    "만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000, "경": 10_000_000_000_000_000,
  ]
  /// Native words, longest first so that "스물" is tried before "스".
  private static let nativeWords: [(String, Int)] = [
    ("하나", 1), ("다섯", 5), ("여섯", 6), ("일곱", 7), ("여덟", 8), ("아홉", 9), ("스물", 20),
    ("스무", 20), ("서른", 30), ("마흔", 40), ("예순", 60), ("일흔", 70), ("여든", 80),
    ("아흔", 90), ("한", 1), ("둘", 2), ("두", 2), ("셋", 3), ("세", 3), ("석", 3), ("넷", 4),
    ("네", 4), ("넉", 4), ("열", 10), ("쉰", 50),
  ]

  /// Parses Korean, Arabic or mixed numerals: "삼십만" → 300000, "3만 5천" → 35000,
  /// "마흔" → 40, "스물한" → 21, "일억 이천만" → 120000000, "12,000" → 12000.
  ///
  /// Spaces and thousands separators are ignored. Returns nil for anything else, including
  /// values that overflow `Int`.
  public static func parse(_ text: some StringProtocol) -> Int? {
    let characters = Array(text.filter { $0 != " " && $0 != "," })
    guard !characters.isEmpty else { return nil }
    var total = 0  // completed 만-groups
    var section = 0  // value below the next large unit
    var current = 0  // pending digits
    var lastLargeUnit = Int.max  // large units must come in decreasing order: 억 then 만
    var i = 0
    while i < characters.count {
      let c = characters[i]
      if c.isASCII, c.isNumber {
        var n = 0
        while i < characters.count, characters[i].isASCII, characters[i].isNumber {
          guard let next = checked(n, times: 10, plus: characters[i].wholeNumberValue ?? 0) else {
            return nil
          }
          n = next
          i += 1
        }
        current = n
        continue
      }
      if let unit = smallUnitValues[c] {
        guard let add = checked(current == 0 ? 1 : current, times: unit, plus: section) else {
          return nil
        }
        section = add
        current = 0
      } else if let unit = largeUnitValues[c] {
        guard unit < lastLargeUnit else { return nil }
        lastLargeUnit = unit
        let group = section + current
        guard let add = checked(group == 0 ? 1 : group, times: unit, plus: total) else {
          return nil
        }
        total = add
        section = 0
        current = 0
      } else if let (word, value) = nativeWords.first(where: { characters.has($0.0, at: i) }) {
        current += value
        i += word.count
        continue
      } else if let digit = sinoDigitValues[c] {
        current = digit
      } else {
        return nil
      }
      i += 1
    }
    return checked(total, times: 1, plus: section + current)
  }

  private static func checked(_ a: Int, times b: Int, plus c: Int) -> Int? {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    guard !overflow else { return nil }
    let (sum, overflow2) = product.addingReportingOverflow(c)
    return overflow2 ? nil : sum
  }
}
