import CivilCalendar
import Testing

@testable import RuleLanguage

/// Kleene logic in the vector lane: a side that decides `and`/`or` decides it there, as the
/// general machine says, where the other side waits for an unknown fact; an unknown that
/// decides nothing stays unknown, and a fault stays a fault (`VectorFaultTests`).
@Suite struct VectorKleeneTests {
  static let rules = """
    fact a: int from "a"
    fact b: int from "b"
    fact z: int from "z"
    fn half(n: int): int = 100 / n
    rule r1
      let big = a > 10
      when big and b > 10
      output r1big = big
    rule r2
      when a > 10 or b > 10
    rule r3
      let w = half(z) > 1
      when (w and b > 10) or a > 10
      output r3w = w otherwise false
    rule r4
      when half(z) > 1 and b > 10
    rule r5
      when not (a > 10 and b > 10) and (b > 5 or a > 5)
    """

  /// Each citizen's line from the lane (one batch) and from the general machine; and how many
  /// rules the lane left to the general machine.
  static func run(_ lines: [String]) throws -> (String, String, Int) {
    let run = LaneAndGeneral(try book(rules), lines: lines, asOf: day("2026-06-15"))
    return (run.lane, run.general, run.evaluator.generalRuleCount)
  }

  @Test("false and unknown, true or unknown: 벡터 길이 정한다")
  func decidingSideDecides() throws {
    // b decides r1 (false), r2 (true) and r5 with a unknown; z = 0 makes half(z) a fault.
    let (lane, general, given) = try Self.run([
      #"{"id":"1","b":3,"z":50}"#, #"{"id":"2","b":30,"z":50}"#,
    ])
    #expect(lane == general)
    // Citizen 1: r4 is false in the lane; r1 too, but its output reads `big` again (unknown,
    // with its fact); r2, r3 and r5 wait for a. Citizen 2: r2, r3 and r4 hold; r1 and r5 wait
    // for a. All in the lane, with the general machine's missing facts.
    #expect(given == 0, "\(lane)")
  }

  @Test("고장은 흡수하지 않고, 흡수한 모르는 값을 다시 읽으면 다시 모른다")
  func faultsAndReadsAgainStay() throws {
    let lines = [
      #"{"id":"f","a":30,"b":3,"z":0}"#,  // r3, r4: division by zero, never absorbed
      #"{"id":"u","b":3,"z":50}"#,  // r1 false, but r1big reads `big` again: unknown
      #"{"id":"k","a":3,"b":3,"z":50}"#,  // everything known
    ]
    let (lane, general, _) = try Self.run(lines)
    #expect(lane == general)
    #expect(general.contains(#""r1big":{"unknown":["a"]}"#), "\(general)")
    #expect(general.contains("division by zero"), "\(general)")
  }

  static let unknownRules = """
    record Fine { amount: int, due: date }
    fact a: int from "a"
    fact b: int from "b"
    fact c: int? from "c"
    fact fines: [Fine] from "fines"
    fn pick(n: int): int = if n > 10 then 1 else 2
    fn same(n: int): int = if n > 10 then 7 else 7
    fn ignore(n: int, m: int): int = if m > 0 then m else n
    rule agree
      output agreeing = if a > 10 then 5 else 5
      output differing = if a > 10 then 5 else 6
    rule calls
      when pick(a) == 1 or same(a) == 7
      output picked = pick(a)
      output kept = ignore(a, b)
    rule lists
      let total = sum(f in fines: f.amount)
      when count(f in fines where f.amount > b) > 0 or any(f in fines: f.amount > a)
      output fineTotal = total otherwise 0
      output allOver = all(f in fines: f.amount > a) otherwise false
    rule coalescing
      when (c ?? a) > 1
      output either = c ?? b otherwise 0
      output both = [a, b]
    """

  @Test("모르는 조건의 if, 함수 인자, 목록과 ??: 벡터 길이 일반 기계와 같은 값과 모르는 사실을 쓴다")
  func unknownsInsideConstructs() throws {
    let lines = [
      #"{"id":"none"}"#,
      #"{"id":"a","a":30}"#,
      #"{"id":"b","b":3}"#,
      #"{"id":"fines","fines":[{"amount":5,"due":"2026-07-01"}]}"#,
      #"{"id":"fb","b":9,"fines":[{"amount":5,"due":"2026-07-01"},{"amount":50,"due":"2026-08-01"}]}"#,
      #"{"id":"all","a":1,"b":2,"c":null,"fines":[]}"#,
      #"{"id":"c","c":4}"#,
    ]
    let run = LaneAndGeneral(try book(Self.unknownRules), lines: lines, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.general.contains(#""agreeing":5"#), "\(run.general)")
    #expect(run.general.contains(#""differing":{"unknown":["a"]}"#), "\(run.general)")
    // Left to the general machine: `any`/`all` over an unknown element, and the list literal.
    #expect(run.evaluator.generalRuleCount < lines.count * 4, "\(run.lane)")
  }
}
