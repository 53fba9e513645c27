import Testing

@testable import Hangul

@Suite struct JosaTests {
  @Test(arguments: [
    ("건강검진", Josa.object, "건강검진을"), ("민방위", .object, "민방위를"), ("서울", .direction, "서울로"),
    ("집", .direction, "집으로"), ("학교", .direction, "학교로"), ("김철수", .topic, "김철수는"),
    ("박민준", .topic, "박민준은"), ("자동차세", .subject, "자동차세가"), ("재산세", .and, "재산세와"),
    ("여권", .and, "여권과"), ("아빠", .or, "아빠나"), ("엄마", .quotative, "엄마라"),
    ("민준", .vocative, "민준아"), ("지우", .vocative, "지우야"), ("SK", .object, "SK를"),
    ("KT", .object, "KT를"), ("3", .object, "3을"), ("10", .object, "10을"), ("2", .object, "2를"),
    ("1", .direction, "1로"), ("7", .direction, "7로"), ("6", .direction, "6으로"),
    ("100", .subject, "100이"), ("10000", .topic, "10000은"), ("1,000", .topic, "1,000은"),
    ("0", .subject, "0이"), ("LG", .object, "LG를"), ("app", .object, "app을"),
    ("(주민센터)", .object, "(주민센터)를"), ("전입신고'", .topic, "전입신고'는"), ("ㄱ", .object, "ㄱ을"),
    ("😀", .object, "😀을(를)"), ("email", .direction, "email로"), ("사과", .copula, "사과예요"),
    ("책", .copula, "책이에요"),
  ])
  func attaching(word: String, josa: Josa, expected: String) {
    #expect(josa.attached(to: word) == expected)
  }

  @Test(arguments: [
    ("건강검진을", "건강검진"), ("서울에서는", "서울"), ("자동차세요", "자동차세"), ("학교가", "학교"),
    ("집이", "집"), ("아이", "아이"), ("나이", "나이"), ("민방위는", "민방위"), ("부산으로", "부산"),
    ("서울로", "서울"), ("엄마한테", "엄마"), ("대상이야", "대상"), ("언제까지", "언제"), ("검진", "검진"),
    ("차", "차"), ("재산세랑", "재산세"), ("", ""), ("hello", "hello"),
  ])
  func stripping(token: String, expected: String) {
    #expect(Josa.stripped(from: token) == expected)
  }

  @Test func particlesAreFoundByAnyForm() {
    #expect(Josa(form: "를") == .object)
    #expect(Josa(form: "을/를") == .object)
    #expect(Josa(form: "로") == .direction)
    #expect(Josa(form: "의") == nil)
  }

  @Test(arguments: [
    ("을/를 받으세요", "건강검진", "을 받으세요"), ("을/를 받으세요", "민방위", "를 받으세요"),
    ("(으)로 가요", "서울", "로 가요"), ("으로/로", "부산", "으로"), ("(이)나", "연필", "이나"),
    ("를/을", "SK", "를"), ("까지", "2026년 12월 31일", "까지"), ("", "x", ""),
  ])
  func leadingPairs(literal: String, word: String, expected: String) {
    #expect(Josa.resolvingLeadingPair(in: literal, after: word) == expected)
  }
}
