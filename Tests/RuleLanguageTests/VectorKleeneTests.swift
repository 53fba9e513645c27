import CivilCalendar
import Testing

@testable import RuleLanguage

/// Kleene logic in the vector lane: a side that decides `and`/`or` decides it there, as the
/// general machine says, where the other side waits for an unknown fact; a fault, or an
/// unknown that decides nothing, still leaves the rule to the general machine.
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
    // with its fact in the lane); r2 and r5 wait for a, also in the lane; r3's `otherwise`
    // under an unknown condition goes to the general machine (which keeps a value both sides
    // agree on). Citizen 2: r2, r3 and r4 hold in the lane; r1 and r5 wait for a there.
    #expect(given == 1, "\(lane)")
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
}
