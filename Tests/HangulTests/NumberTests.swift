import Testing

@testable import Hangul

@Suite struct NumberTests {
  @Test(arguments: [
    (0, "영"), (1, "일"), (10, "십"), (11, "십일"), (20, "이십"), (100, "백"), (1000, "천"),
    (1111, "천백십일"), (10_000, "만"), (12_345, "만 이천삼백사십오"), (123_450, "십이만 삼천사백오십"),
    (100_000_000, "일억"), (120_000_000, "일억 이천만"), (2026, "이천이십육"), (-5, "마이너스 오"),
    (1_000_010_000, "십억 만"),
  ])
  func sinoKorean(value: Int, expected: String) {
    #expect(KoreanNumber.sino(value) == expected)
  }

  @Test(arguments: [
    (1, "하나", "한"), (2, "둘", "두"), (3, "셋", "세"), (4, "넷", "네"), (20, "스물", "스무"),
    (21, "스물하나", "스물한"), (40, "마흔", "마흔"), (99, "아흔아홉", "아흔아홉"),
  ])
  func nativeKorean(value: Int, plain: String, beforeCounter: String) {
    #expect(KoreanNumber.native(value) == plain)
    #expect(KoreanNumber.native(value, beforeCounter: true) == beforeCounter)
  }

  @Test(arguments: [
    ("123,450원", "십이만 삼천사백오십 원"), ("2026년 3월 2일", "이천이십육 년 삼 월 이 일"),
    ("6월", "유월"), ("10월", "시월"), ("3시", "세 시"), ("20살", "스무 살"), ("2개", "두 개"),
    ("3시 30분", "세 시 삼십 분"), ("14시", "십사 시"), ("65세", "육십오 세"), ("3.5%", "삼 점 오 퍼센트"),
    ("2026-06-15까지", "이천이십육 년 유월 십오 일까지"), ("1600cc", "천육백 씨씨"), ("100살", "백 살"),
    ("3개월", "삼 개월"), ("숫자 없음", "숫자 없음"), ("99999999999999999999원", "구구구구구구구구구구구구구구구구구구구구 원"),
  ])
  func readingAloud(text: String, expected: String) {
    #expect(NumberReader.readAloud(text) == expected)
  }

  @Test(arguments: [
    ("삼십만", 300_000), ("3만 5천", 35_000), ("마흔", 40), ("스물한", 21), ("일억 이천만", 120_000_000),
    ("12,000", 12_000), ("천", 1000), ("만", 10_000), ("십오", 15), ("구십", 90), ("열두", 12),
    ("5천만", 50_000_000), ("이천이십육", 2026),
  ])
  func parsing(text: String, expected: Int) {
    #expect(KoreanNumber.parse(text) == expected)
  }

  @Test(arguments: ["", "사과", "3개", "99999999999999999999", "경경경경경"])
  func notNumbers(text: String) {
    #expect(KoreanNumber.parse(text) == nil)
  }

  @Test("읽은 수를 다시 파싱하면 같은 수")
  func readingRoundTrips() {
    var n = 1
    while n < 1_000_000_000_000 {
      for value in [n, n + 7, n * 3 + 11, n * 9] {
        #expect(KoreanNumber.parse(KoreanNumber.sino(value)) == value)
      }
      n *= 7
    }
    for value in 1...99 {
      #expect(KoreanNumber.parse(KoreanNumber.native(value) ?? "") == value)
      #expect(KoreanNumber.parse(KoreanNumber.native(value, beforeCounter: true) ?? "") == value)
    }
  }
}
