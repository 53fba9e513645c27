import CivilCalendar
import Testing

@testable import NLU

/// Entities as people write them: two-digit years, relative years, ranges, ordinals,
/// multiples, counts, spoken money, engine sizes.
@Suite struct EntityFormsTests {
  static let asOf = EntitySample.asOf

  private func found(_ text: String) -> [String] { EntitySample.found(text) }

  @Test(
    "연도가 두 자리인 날짜, 붙여 쓴 날짜",
    arguments: [
      ("90.5.3", "date:90.5.3=1990-05-03"), ("03/05/21", "date:03/05/21=2003-05-21"),
      ("90-05-03생", "date:90-05-03=1990-05-03"), ("2026.3.15.", "date:2026.3.15.=2026-03-15"),
      ("2026. 3. 15.까지", "date:2026. 3. 15.=2026-03-15"), ("900503", "date:900503=1990-05-03"),
      ("생일은 19900503", "date:19900503=1990-05-03"), ("051231이요", "date:051231=2005-12-31"),
      ("90년 5월 3일", "date:90년 5월 3일=1990-05-03"),
    ])
  func written(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "말로 한 날짜 (음성 인식이 적은 그대로)",
    arguments: [
      ("시월 십삼일이요", "date:시월 십삼일=YEAR-10-13"), ("오월 일일", "date:오월 일일=YEAR-05-01"),
      ("십이월 이십오일", "date:십이월 이십오일=YEAR-12-25"), ("삼월에 이사", "date:삼월=YEAR-03"),
    ])
  func spoken(text: String, expected: String) throws {
    let year = String(try #require(Self.asOf).year)
    #expect(found(text) == [expected.replacingOccurrences(of: "YEAR", with: year)])
  }

  @Test("이월된 금액, 이사는 날짜가 아니다") func spokenLookalikes() {
    #expect(!found("이월된 금액").contains { $0.hasPrefix("date:") })
    #expect(!found("이사했어요").contains { $0.hasPrefix("date:") })
  }

  @Test(
    "날짜가 아닌 숫자",
    arguments: [
      ("150000원", "amount:150000원=150000"), ("1.2.3.4", "number:1=1"),
      ("123456", "number:123456=123456"),
    ])
  func notDates(text: String, expected: String) {
    #expect(found(text).first == expected)
  }

  @Test(
    "상대적인 해와 달, 지난주·다음 주",
    arguments: [
      ("재작년 3월 5일", "date:재작년 3월 5일=2024-03-05"), ("작년 12월", "date:작년 12월=2025-12"),
      ("올해 6월 30일", "date:올해 6월 30일=2026-06-30"), ("내년 1월", "date:내년 1월=2027-01"),
      ("내후년 2월 1일", "date:내후년 2월 1일=2028-02-01"), ("지난달 말", "date:지난달 말=2026-10-31"),
      ("이번 달 말일까지", "date:이번 달 말일=2026-11-30"), ("3월 말일", "date:3월 말일=2026-03-31"),
      ("지난주 금요일", "date:지난주 금요일=2026-11-20"), ("다음 주 화요일", "date:다음 주 화요일=2026-12-01"),
      ("재작년", "date:재작년=2024"),
    ])
  func relative(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "기간",
    arguments: [
      (
        "3월 1일부터 5일까지",
        [
          "date:3월 1일=2026-03-01", "date_range:3월 1일부터 5일=2026-03-01/2026-03-05",
          "date:5일=2026-03-05",
        ]
      ),
      (
        "12월 28일부터 1월 3일까지 휴가",
        [
          "date:12월 28일=2026-12-28", "date_range:12월 28일부터 1월 3일=2026-12-28/2027-01-03",
          "date:1월 3일=2027-01-03",
        ]
      ),
      (
        "3월 1일~3월 5일",
        [
          "date:3월 1일=2026-03-01", "date_range:3월 1일~3월 5일=2026-03-01/2026-03-05",
          "date:3월 5일=2026-03-05",
        ]
      ),
      (
        "다음 주 월요일부터 금요일까지",
        [
          "date:다음 주 월요일=2026-11-30",
          "date_range:다음 주 월요일부터 금요일=2026-11-30/2026-12-04",
          "date:금요일=2026-12-04",
        ]
      ),
    ])
  func ranges(text: String, expected: [String]) {
    #expect(found(text) == expected)
  }

  @Test(
    "서수, 쌍둥이, 수",
    arguments: [
      ("첫째", "ordinal:첫째=1"), ("둘째 낳았어요", "ordinal:둘째=2"), ("셋째 출산", "ordinal:셋째=3"),
      ("두 번째", "ordinal:두 번째=2"), ("2번째", "ordinal:2번째=2"), ("첫 번째 아이", "ordinal:첫 번째=1"),
      ("쌍둥이예요", "multiple_birth:쌍둥이=2"), ("세쌍둥이", "multiple_birth:세쌍둥이=3"),
      ("세 쌍둥이", "multiple_birth:세 쌍둥이=3"), ("삼둥이", "multiple_birth:삼둥이=3"),
      ("아이 둘", "count:둘=2"), ("자녀가 셋이에요", "count:셋=3"), ("두 명", "count:두 명=2"),
      ("3명", "count:3명=3"), ("차 두 대", "count:두 대=2"),
    ])
  func counts(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "말하는 대로 쓴 돈, 배기량",
    arguments: [
      ("삼십만 원", "amount:삼십만 원=300000"), ("30만원", "amount:30만원=300000"),
      ("1억 2천", "amount:1억 2천=120000000"), ("1억 2천만 원", "amount:1억 2천만 원=120000000"),
      ("2억5천", "amount:2억5천=250000000"), ("3만 5천원", "amount:3만 5천원=35000"),
      ("1998cc", "displacement:1998cc=1998"), ("2천cc", "displacement:2천cc=2000"),
    ])
  func money(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test("세대, 열대, 개월은 수가 아니다", arguments: ["세대주예요", "1세대 1주택", "열대야", "생후 2개월"])
  func lookalikes(text: String) {
    #expect(!found(text).contains { $0.hasPrefix("count:") })
  }
}
