/// Rewrites the numbers in a text as spoken Korean, for speech output:
/// "123,450원" → "십이만 삼천사백오십 원", "2026년 6월 2일" → "이천이십육 년 유월 이 일",
/// "3시" → "세 시", "20살" → "스무 살".
public enum NumberReader {
  /// Counters read with native numbers (하나, 둘 …) for 1…99; everything else is Sino-Korean.
  static let nativeCounters: Set<String> = [
    "살", "개", "명", "번", "마리", "잔", "권", "장", "대", "시간", "달", "가지", "곳", "사람", "벌",
    "켤레", "그루", "송이", "척", "군데", "통", "건",
  ]
  /// Counters recognised after a number, longest first.
  static let counters: [String] = [
    "퍼센트", "시간", "마리", "켤레", "그루", "송이", "군데", "사람", "개월", "학년", "살", "개",
    "명", "번", "잔", "권", "장", "대", "달", "가지", "곳", "벌", "척", "통", "건", "원", "년", "월",
    "일", "시", "분", "초", "세", "주", "회", "층", "호", "차", "cc", "km", "%",
  ]

  public static func readAloud(_ text: String) -> String {
    let characters = Array(text)
    var out = ""
    var i = 0
    while i < characters.count {
      guard characters[i].isASCII, characters[i].isNumber else {
        out.append(characters[i])
        i += 1
        continue
      }
      if let (spoken, used) = isoDate(characters, at: i) {
        out += spoken
        i += used
        continue
      }
      let (integer, fraction, used) = numberToken(characters, at: i)
      let digits = String(characters[i..<i + used])
      i += used
      let counter = counters.first { characters.has($0, at: i) }
      i += counter?.count ?? 0
      out += spoken(integer: integer, digits: digits, fraction: fraction, counter: counter)
    }
    return out
  }

  static func spoken(integer: Int?, digits: String = "", fraction: String, counter: String?)
    -> String
  {
    // More digits than an Int holds (an account number, say) are read one by one.
    guard let integer else {
      let reading = digits.compactMap(\.wholeNumberValue).map { KoreanNumber.sinoDigits[$0] }
        .joined()
      return counter.map { reading + " " + $0 } ?? reading
    }
    var reading: String
    switch counter {
    case "월" where fraction.isEmpty && integer == 6: reading = "유"
    case "월" where fraction.isEmpty && integer == 10: reading = "시"
    case "시" where fraction.isEmpty && (1...12).contains(integer):
      reading = KoreanNumber.native(integer, beforeCounter: true) ?? KoreanNumber.sino(integer)
    case .some(let c) where nativeCounters.contains(c) && fraction.isEmpty:
      reading = KoreanNumber.native(integer, beforeCounter: true) ?? KoreanNumber.sino(integer)
    default:
      reading = KoreanNumber.sino(integer)
    }
    if !fraction.isEmpty {
      reading += " 점 " + fraction.map { KoreanNumber.sinoDigits[$0.wholeNumberValue ?? 0] }.joined()
    }
    guard let counter else { return reading }
    switch counter {
    case "%": return reading + " 퍼센트"
    case "cc": return reading + " 씨씨"
    case "km": return reading + " 킬로미터"
    case "월" where integer == 6 || integer == 10: return reading + "월"  // 유월, 시월
    default: return reading + " " + counter
    }
  }

  /// Digits with optional thousands separators and one decimal part: "123,450", "3.5".
  private static func numberToken(
    _ c: [Character], at start: Int
  ) -> (Int?, String, Int) {
    var i = start
    var value: Int? = 0
    func isDigit(_ k: Int) -> Bool { k < c.count && c[k].isASCII && c[k].isNumber }
    while i < c.count {
      if isDigit(i) {
        if let v = value {
          let (m, o1) = v.multipliedReportingOverflow(by: 10)
          let (s, o2) = m.addingReportingOverflow(c[i].wholeNumberValue ?? 0)
          value = o1 || o2 ? nil : s
        }
        i += 1
      } else if c[i] == ",", isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isDigit(i + 4) {
        i += 1
      } else {
        break
      }
    }
    var fraction = ""
    if i + 1 < c.count, c[i] == ".", isDigit(i + 1) {
      i += 1
      while isDigit(i) {
        fraction.append(c[i])
        i += 1
      }
    }
    return (value, fraction, i - start)
  }

  /// `YYYY-MM-DD` read as a date.
  private static func isoDate(_ c: [Character], at i: Int) -> (String, Int)? {
    guard i + 10 <= c.count, c[i + 4] == "-", c[i + 7] == "-",
      let y = Int(String(c[i..<i + 4])), let m = Int(String(c[i + 5..<i + 7])),
      let d = Int(String(c[i + 8..<i + 10])), (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    if i + 10 < c.count, c[i + 10].isNumber { return nil }
    let month = spoken(integer: m, fraction: "", counter: "월")
    return ("\(KoreanNumber.sino(y)) 년 \(month) \(KoreanNumber.sino(d)) 일", 10)
  }
}
