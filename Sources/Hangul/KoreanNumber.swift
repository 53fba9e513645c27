/// Korean numerals, both ways: integers read in Sino-Korean (일, 이, 삼 …) or native Korean
/// (하나, 둘 …), and Korean or mixed numerals parsed back ("3만 5천" → 35000).
public enum KoreanNumber {
  static let sinoDigits = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]
  static let smallUnits = ["", "십", "백", "천"]
  static let largeUnits = ["", "만", "억", "조", "경"]

  /// Reads an integer in Sino-Korean with a space after each 만-group, as 띄어쓰기 rules
  /// write numbers: 123450 → "십이만 삼천사백오십", 120000000 → "일억 이천만", 10000 → "만".
  public static func sino(_ value: Int) -> String {
    if value == 0 { return "영" }
    if value < 0 { return "마이너스 " + sino(value == Int.min ? Int.max : -value) }
    var groups: [Int] = []
    var rest = value
    while rest > 0 {
      groups.append(rest % 10_000)
      rest /= 10_000
    }
    var words: [String] = []
    for (index, group) in groups.enumerated().reversed() where group > 0 {
      let unit = index < largeUnits.count ? largeUnits[index] : ""
      // 만 alone is "만", not "일만"; 억 and above keep their 일 ("일억").
      let reading = group == 1 && index == 1 ? "" : sinoBelowTenThousand(group)
      words.append(reading + unit)
    }
    return words.joined(separator: " ")
  }

  /// 1…9999 without spaces; a 1 before 십, 백 or 천 is silent (천, not 일천).
  static func sinoBelowTenThousand(_ value: Int) -> String {
    var out = ""
    var divisor = 1000
    for position in stride(from: 3, through: 0, by: -1) {
      let digit = (value / divisor) % 10
      if digit > 0 {
        if digit != 1 || position == 0 { out += sinoDigits[digit] }
        out += smallUnits[position]
      }
      divisor /= 10
    }
    return out
  }

  static let nativeOnes = ["", "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉"]
  /// The shortened forms used before a counter: 한 개, 두 시, 세 살, 네 명.
  static let nativeOnesBeforeCounter = ["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
  static let nativeTens = ["", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"]

  /// Reads 1…99 in native Korean; nil outside that range, where Korean switches to Sino.
  ///
  /// - Parameter beforeCounter: use the forms that precede a counter (한, 두, 세, 네, 스무).
  public static func native(_ value: Int, beforeCounter: Bool = false) -> String? {
    guard (1...99).contains(value) else { return nil }
    let tens = value / 10
    let ones = value % 10
    if beforeCounter {
      if value == 20 { return "스무" }
      return nativeTens[tens] + nativeOnesBeforeCounter[ones]
    }
    return nativeTens[tens] + nativeOnes[ones]
  }
}
