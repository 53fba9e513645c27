import CivilCalendar
import Testing

@testable import RuleLanguage

/// Texts that are none of the book's constants (names) in the vector lane: each batch gives
/// them ids, so comparing two of them and writing a list of them stays in the lane.
@Suite struct VectorTextTests {
  @Test("Rules/의 규칙은 모두 벡터 길로 컴파일된다 (아이 이름 목록도)")
  func shippedRulesCompileWhole() throws {
    let b = try ShippedRulesTests.load()
    #expect(b.vectorLaneMissing == nil, "\(b.vectorLaneMissing ?? "")")
  }

  @Test("상수가 아닌 글: 비교와 이름 목록을 벡터 길이 정하고, 일반 기계와 같은 줄을 쓴다")
  func namesStayInTheLane() throws {
    let b = try book(
      """
      record Kid { name: text?, age: int }
      fact kids: [Kid] from "kids"
      fact me: text from "me"
      fact partner: text? from "partner"
      rule named
        output names = map(k in kids: k.name ?? "none")
        output same = me == (partner ?? "")
        output mine = me in map(k in kids: k.name ?? "")
        output first = min(k in kids: k.age)
      """)
    let lines = [
      #"{"id":"a","me":"김하늘","partner":"김하늘","kids":[{"name":"김바다","age":3},{"age":1}]}"#,
      #"{"id":"b","me":"이서아","partner":"문소라","kids":[{"name":"이서아","age":7}]}"#,
      #"{"id":"c","me":"none","partner":null,"kids":[{"age":2},{"name":"none","age":4}]}"#,
      #"{"id":"d","me":"박준호","partner":null,"kids":[]}"#,
    ]
    let run = LaneAndGeneral(b, lines: lines, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.lane.contains(#""names":["김바다","none"]"#))
    #expect(run.evaluator.vectorLaneCount == lines.count)
    #expect(run.evaluator.generalRuleCount == 0)
  }
}
