import Diagnostics
import Testing

@Suite struct PersonalDataMaskerTests {
  /// The log-leak check: nothing in a log may match it.
  ///
  /// A number counts only standing on its own (not inside a longer digit run or a decimal
  /// fraction), as the masker masks it. Thirteen digits without a separator count as an RRN
  /// only when the first six are a date (otherwise a timestamp or an id); `+82` numbers count.
  static var auditPattern: Regex<Substring> {
    // swift-format-ignore
    /(?:^|[^0-9.]|[^0-9]\.|^\.)(?:[0-9]{6}-[1-8][0-9]{6}|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[1-8][0-9]{6}|01[016789][-. ]?[0-9]{3,4}[-. ]?[0-9]{4}|\+82[-. ]?(?:1[016789]|2)[-. ]?[0-9]{3,4}[-. ]?[0-9]{4})(?:[^0-9]|$)/
  }

  @Test(arguments: [
    ("주민번호 900101-1234567 입니다", "주민번호 900101-******* 입니다"),
    ("9001011234567", "900101-*******"),
    ("연락처 010-1234-5678로", "연락처 010-****-5678로"),
    ("01012345678", "010-****-5678"),
    ("02 123 4567", "02-***-4567"),
    ("031.9876.5432", "031-****-5432"),
    ("070-1234-5678", "070-****-5678"),
    ("2026-03-15 금액 123,450원", "2026-03-15 금액 123,450원"),
    ("991332-1234567", "991332-*******"),  // not a real date, but the shape is masked anyway
    ("1234567890123456", "1234567890123456"),  // longer than any RRN or phone number
    ("재시도 0.1791161234567891615초 뒤", "재시도 0.1791161234567891615초 뒤"),
    ("delay 0.17911612345678 s", "delay 0.17911612345678 s"),
    ("3,9001011234567", "3,9001011234567"),  // a fraction, not an RRN
    ("(9001011234567)", "(900101-*******)"),
    ("tel:01012345678.", "tel:010-****-5678."),
    ("x010123456789", "x010123456789"),
    ("9876543", "9876543"),
    ("", ""),
  ])
  func masks(input: String, expected: String) {
    #expect(PersonalDataMasker.mask(input) == expected)
  }

  @Test("마스킹은 멱등이고 원래 숫자를 남기지 않는다")
  func maskingIsIdempotentAndLeavesNoNumber() {
    var state: UInt64 = 42
    let pieces = [
      "900101-1234567", "01012345678", "010-1234-5678", " ", "-", "1", "0", "가", "\n", "02", "12",
      "345",
    ]
    for _ in 0..<3_000 {
      var text = ""
      for _ in 0..<8 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int(state >> 33) % pieces.count]
      }
      let masked = PersonalDataMasker.mask(text)
      #expect(PersonalDataMasker.mask(masked) == masked)
      #expect(masked.firstMatch(of: Self.auditPattern) == nil, "\(text) → \(masked)")
    }
  }

  /// A small deterministic generator, so a failure names its input and repeats.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33) % bound
    }
    mutating func digits(_ count: Int) -> String {
      String((0..<count).map { _ in Character(String(next(10))) })
    }
    /// `n` (0–99) as two digits.
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  }

  @Test("소수와 다른 길이의 숫자는 그대로 둔다")
  func ordinaryNumbersPassThrough() {
    var random = Generator(state: 7)
    let around = [" ", "초", "ms=", "(", ")", "\n", "", "delay ", ", "]
    for _ in 0..<3_000 {
      // A decimal with a long fraction, as a retry delay or a duration prints it.
      let decimal = "\(random.next(1000)).\(random.digits(1 + random.next(20)))"
      // A whole number that is neither 13 digits (RRN) nor starts with 0 (phone numbers).
      var whole = String(1 + random.next(9)) + random.digits(random.next(20))
      if whole.count == 13 { whole += "0" }
      let text =
        around[random.next(around.count)] + decimal + around[random.next(around.count)] + whole
        + around[random.next(around.count)]
      #expect(PersonalDataMasker.mask(text) == text, "\(text)")
    }
  }

  @Test("주민번호와 전화번호 모양은 어디에 있든 가려진다")
  func shapedNumbersAreMaskedAnywhere() {
    var random = Generator(state: 11)
    let around = [" ", "번호 ", "가", "(", ")", "\n", "", ":", "=", "-", "/", "번"]
    for _ in 0..<3_000 {
      // Without a hyphen only a date is unambiguous (YYMMDD); with one, any six digits.
      let hyphen = random.next(2) == 0
      let front =
        hyphen
        ? random.digits(6)
        : random.digits(2) + Generator.two(1 + random.next(12)) + Generator.two(1 + random.next(31))
      let rrn = front + (hyphen ? "-" : "") + String(1 + random.next(8)) + random.digits(6)
      let mobile =
        "01" + ["0", "1", "6", "7", "8", "9"][random.next(6)] + ["-", ".", " ", ""][random.next(4)]
        + random.digits(3 + random.next(2)) + ["-", ".", " ", ""][random.next(4)] + random.digits(4)
      let text =
        around[random.next(around.count)] + rrn + around[random.next(around.count)] + mobile
        + around[random.next(around.count)]
      let masked = PersonalDataMasker.mask(text)
      #expect(masked.firstMatch(of: Self.auditPattern) == nil, "\(text) → \(masked)")
      if text.firstMatch(of: Self.auditPattern) != nil { #expect(masked != text) }
      #expect(PersonalDataMasker.mask(masked) == masked)
    }
  }
}
