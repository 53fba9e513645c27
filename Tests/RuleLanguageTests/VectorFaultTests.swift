import CivilCalendar
import Testing

@testable import RuleLanguage

/// Faults located in the vector lane: an overflow, a division by zero or a parameter with no
/// value on the day is written from the lane with the general machine's message and place,
/// and only what the lane cannot say (two different faults met at once, a fault among the
/// elements of `any`/`all`, a lane limit) is left to the general machine (faults among other
/// aggregates' elements: `VectorElementFaultTests`).
@Suite struct VectorFaultTests {
  static let rules = """
    fact a: int from "a"
    fact b: int from "b"
    fact d: decimal from "d"
    fact xs: [int] from "xs"
    param rate: int
      = 5 since 2027-01-01
    fn inv(n: int): int = 100 / n
    rule div
      when inv(a) > 1
      output q = inv(a)
      output kept = a * 2 otherwise 0
      output other = b + 1
    rule overflow
      output big = a * 4_611_686_018_427_387_904
      output negated = -(b - 9_223_372_036_854_775_807 - 1)
      output scaled = d * 10_000_000_000_000
    rule unknownIf
      output u = if b > 1 then inv(a) else 1
    rule anyFirst
      output hit = any(x in xs: x > 0 or inv(x) > 1)
    rule rated
      when rate > 1 and a > 0
      output withRate = rate + a
    rule twice
      output both = inv(a) + 100 / (a - a)
    rule kleene
      when b > 1 and inv(a) > 1
      output half = inv(a) / 2 otherwise -1
    """

  /// Citizens whose every fault the lane locates: none of their rules goes to the general
  /// machine.
  static let located = [
    #"{"id":"zero","a":0,"b":3,"d":1.5,"xs":[]}"#,
    #"{"id":"big","a":2,"b":0,"d":2000000,"xs":[1]}"#,
    #"{"id":"ok","a":5,"b":3,"d":0.5,"xs":[3,4]}"#,
    #"{"id":"nob","a":0,"d":1,"xs":[]}"#,
  ]

  /// Citizens with a fault the lane leaves to the general machine.
  static let givenUp = [
    #"{"id":"after","a":5,"b":3,"d":1,"xs":[5,0]}"#,  // `any` decided before inv(0)
    #"{"id":"before","a":5,"b":3,"d":1,"xs":[0,5]}"#,  // inv(0) reached first
  ]

  @Test("고장은 벡터 길이 위치와 함께 쓴다: 일반 기계와 같은 줄, 일반 기계로 가는 규칙 없음")
  func locatedFaultsStayInTheLane() throws {
    let b = try book(Self.rules)
    for date in ["2026-06-15", "2027-06-15"] {
      let run = LaneAndGeneral(b, lines: Self.located, asOf: day(date))
      #expect(run.lane == run.general)
      #expect(run.general.contains("division by zero"), "\(run.general)")
      #expect(run.general.contains("overflow"), "\(run.general)")
      // `twice` meets two faults at once and `rated` has no rate before 2027: the general
      // machine says which fault; every other rule stays in the lane.
      #expect(run.evaluator.generalRuleCount <= Self.located.count, "\(run.lane)")
    }
    let early = LaneAndGeneral(b, lines: Self.located, asOf: day("2026-06-15"))
    #expect(early.general.contains("parameter 'rate' has no value on 2026-06-15"))
  }

  @Test("목록 원소 안의 고장과 두 고장은 일반 기계가 정하고, 값은 같다")
  func elementFaultsAndTwoFaultsAgree() throws {
    let b = try book(Self.rules)
    let lines = Self.located + Self.givenUp
    _ = try VectorLaneTests.compareLanes(b, lines, dates: ["2026-06-15", "2027-06-15"], batch: 3)
    let run = LaneAndGeneral(b, lines: lines, asOf: day("2027-06-15"))
    #expect(run.lane == run.general)
    #expect(run.evaluator.generalRuleCount > 0)
  }

  @Test("한 명씩(폭 1)도 같은 고장을 쓴다")
  func widthOneWritesTheSameFaults() throws {
    let b = try book(Self.rules)
    let (lane, general) = (b.evaluator(), b.evaluator())
    general.vectorLaneEnabled = false
    for date in ["2026-06-15", "2027-06-15"] {
      for line in Self.located + Self.givenUp {
        var (x, y): ([UInt8], [UInt8]) = ([], [])
        Array(line.utf8).withUnsafeBufferPointer {
          lane.evaluateLine($0, asOf: day(date), into: &x)
          general.evaluateLine($0, asOf: day(date), into: &y)
        }
        #expect(x == y, "\(String(decoding: x, as: UTF8.self))")
      }
    }
  }
}
