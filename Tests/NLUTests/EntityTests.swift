import CivilCalendar
import Testing

@testable import NLU

@Suite struct EntityTests {
  static let asOf = EntitySample.asOf

  private func found(_ text: String) -> [String] { EntitySample.found(text) }

  @Test(
    "날짜",
    arguments: [
      ("오늘 뭐 있어", "date:오늘=2026-11-29"),
      ("내일 알려줘", "date:내일=2026-11-30"),
      ("모레까지", "date:모레=2026-12-01"),
      ("다음 주 화요일에 이사 가요", "date:다음 주 화요일=2026-12-01"),
      ("다음주 토요일", "date:다음주 토요일=2026-12-05"),
      ("지난주 금요일", "date:지난주 금요일=2026-11-20"),
      ("지난 토요일에 이사했어요", "date:지난 토요일=2026-11-28"),
      ("저번 일요일", "date:저번 일요일=2026-11-22"),
      ("이번 토요일까지", "date:이번 토요일=2026-12-05"),
      ("다음 화요일", "date:다음 화요일=2026-12-01"),
      ("이번 달 말까지", "date:이번 달 말=2026-11-30"),
      ("다음 달 말", "date:다음 달 말=2026-12-31"),
      ("다음 달", "date:다음 달=2026-12"),
      ("3월 15일", "date:3월 15일=2026-03-15"),
      ("2026-03-15 마감", "date:2026-03-15=2026-03-15"),
      ("2027.1.5", "date:2027.1.5=2027-01-05"),
      ("3.15까지 내야 돼", "date:3.15=2026-03-15"),
      ("2025년 귀속", "date:2025년=2025"),
      ("내년 1월 10일", "date:내년 1월 10일=2027-01-10"),
      ("3일 후에", "date:3일 후=2026-12-02"),
      ("한 달 뒤", "date:한 달 뒤=2026-12-29"),
      ("금요일에 가능", "date:금요일=2026-12-04"),
      ("연말까지", "date:연말=2026-12-31"),
      ("9월 말", "date:9월 말=2026-09-30"),
      ("90년 5월 1일", "date:90년 5월 1일=1990-05-01"),
      ("05년 3월 2일생", "date:05년 3월 2일=2005-03-02"),
      ("3년 전에", "date:3년 전=2023-11-29"),
    ])
  func dates(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "생년, 나이, 금액, 배기량, 수",
    arguments: [
      ("90년생인데", "birth_year:90년생=1990"),
      ("1985년생 검진", "birth_year:1985년생=1985"),
      ("구십년생", "birth_year:구십년생=1990"),
      ("06년생", "birth_year:06년생=2006"),
      ("만 36세", "age:만 36세=36"),
      ("65세 이상", "age:65세=65"),
      ("서른여섯", "age:서른여섯=36"),
      ("마흔 살", "age:마흔 살=40"),
      ("3만5천원", "amount:3만5천원=35000"),
      ("삼만 원", "amount:삼만 원=30000"),
      ("1.5억", "amount:1.5억=150000000"),
      ("1600cc 차", "displacement:1600cc=1600"),
      ("2,000CC", "displacement:2,000CC=2000"),
      ("5구간이면", "number:5=5"),
    ])
  func quantities(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "시·도",
    arguments: [
      ("부산으로 이사했어요", "sido:부산=부산광역시"),
      ("서울특별시", "sido:서울특별시=서울특별시"),
      ("경기도로", "sido:경기도=경기도"),
      ("충북 청주", "sido:충북=충청북도"),
      ("제주도 여행", "sido:제주도=제주특별자치도"),
      ("전라북도", "sido:전라북도=전북특별자치도"),
    ])
  func regions(text: String, expected: String) {
    #expect(found(text) == [expected])
  }

  @Test(
    "예/아니요",
    arguments: [
      ("네", "yes"), ("예", "yes"), ("응", "yes"), ("ㅇㅇ", "yes"), ("맞아요", "yes"),
      ("네 맞습니다", "yes"), ("아니요", "no"), ("아뇨", "no"), ("ㄴㄴ", "no"), ("아니 그거 말고", "no"),
    ])
  func yesNo(text: String, expected: String) {
    #expect(found(text).first == "yes_no:\(text.split(separator: " ")[0])=\(expected)")
  }

  @Test(
    "엉뚱한 것을 잡지 않는다",
    arguments: ["자동차세 언제 내요", "천천히 해", "축구 경기 결과", "예방접종", "세금 두 번", "이사 가요", "네이버"])
  func nothing(text: String) {
    #expect(found(text).isEmpty)
  }

  @Test("영문 자판으로 친 날짜") func englishMode() {
    // 내일 = sodlf
    #expect(found("sodlf") == ["date:내일=2026-11-30"])
  }

  @Test("여러 개체와 위치") func several() throws {
    let asOf = try #require(Self.asOf)
    let entities = EntityRecognizer().entities(
      in: "90년생인데 다음 주 화요일에 부산 가요", context: EntityContext(asOf: asOf))
    #expect(entities.map(\.kind) == [.birthYear, .date, .sido])
    #expect(entities.map(\.range) == [0..<4, 7..<15, 17..<19])
  }

  @Test("날짜 계산") func dateArithmetic() throws {
    let d = try #require(CivilDate(year: 2024, month: 1, day: 31))
    #expect(d.adding(months: 1).description == "2024-02-29")
    #expect(d.adding(days: 366).description == "2025-01-31")
    #expect(d.weekday == .wednesday)
    #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
    #expect(CivilDate(iso: "2026-03-15")?.description == "2026-03-15")
  }
}

@Suite struct IntentMarkTests {
  @Test("Intents/의 개체 표시는 추출기가 같은 종류로 찾는다") func marksAreFound() throws {
    let asOf = try #require(CivilDate(year: 2026, month: 11, day: 29))
    let recognizer = EntityRecognizer()
    var checked = 0
    for intent in RepoData.intents.catalog.intents {
      for example in intent.examples {
        let found = recognizer.entities(in: example.text, context: EntityContext(asOf: asOf))
        for mark in example.marks {
          checked += 1
          let hit = found.contains { $0.kind == mark.kind && $0.range.overlaps(mark.range) }
          #expect(hit, "\(intent.name): '\(example.text)' \(mark.kind.rawValue) not found")
        }
      }
    }
    #expect(checked >= 30)
  }

  @Test("숫자처럼 보이는 말", arguments: ["연말정산 언제 해요", "3.3% 뗀 거", "재산세 1세대 1주택"])
  func lookalikes(text: String) throws {
    let asOf = try #require(CivilDate(year: 2026, month: 11, day: 29))
    let kinds = EntityRecognizer().entities(in: text, context: EntityContext(asOf: asOf)).map(
      \.kind)
    #expect(!kinds.contains(.date) && !kinds.contains(.age))
  }
}
