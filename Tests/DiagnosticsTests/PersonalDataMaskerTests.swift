import Diagnostics
import Testing

@Suite struct PersonalDataMaskerTests {
  /// The log-leak check of docs/reliability: nothing in a log may match it.
  static var auditPattern: Regex<Substring> {
    /[0-9]{6}-?[1-8][0-9]{6}|01[016789][-. ]?[0-9]{3,4}[-. ]?[0-9]{4}/
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
    ("1234567890123456", "123456-*******456"),
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
}
