import CivilCalendar
import Testing

@testable import RuleLanguage

/// Faults among the elements of `count`, `sum`, `min`, `max`, `map` and `filter`, located in
/// the vector lane: the general machine runs every element up to its first fault, so a fault
/// there is the value (the same fault twice is itself); an element whose operands failed, two
/// different faults, and what `any`/`all` may never reach still go to the general machine.
@Suite struct VectorElementFaultTests {
  static let rules = """
    fact b: int from "b"
    fact xs: [int] from "xs"
    fn inv(n: int): int = 100 / n
    fn firstOf(p: int, q: int): int = p + 1
    fn lump(n: int): bool = inv(n) <= 50 and n > 0
    fn bill(n: int): int = if lump(n) then inv(n) * 2 else inv(n) + 1
    rule total
      output s = sum(x in xs: inv(x))
      output n = count(x in xs where inv(x) > 1)
      output m = map(x in xs: inv(x))
      output f = filter(x in xs where inv(x) > 1)
      output lo = min(x in xs: inv(x))
    rule filtered
      output kept = sum(x in xs where x != 3: bill(x))
      output either = count(x in xs where inv(x) > 1 or x > 3)
      output fallback = sum(x in xs: (if x > 100 then none else inv(x)) ?? 0)
    rule overflowing
      output big = sum(x in xs: x * 4_611_686_018_427_387_904)
      output folded = sum(x in xs: x)
    rule unknownOperand
      output byB = sum(x in xs: x / b)
      output filterB = sum(x in xs where x > b: inv(x))
    rule dropped
      output unread = sum(x in xs: firstOf(x, 100 / x))
    rule nested
      output inner = sum(x in xs: count(y in xs where inv(y) > x))
    rule anyAll
      output hit = any(x in xs: x > 0 or inv(x) > 1)
    """

  /// Citizens whose element faults the lane locates: none of their rules goes to the general
  /// machine.
  static let located = [
    #"{"id":"zero","b":1,"xs":[0]}"#,
    #"{"id":"twice","b":1,"xs":[1,0,0]}"#,
    #"{"id":"ok","b":1,"xs":[1,2,4]}"#,
    #"{"id":"empty","b":1,"xs":[]}"#,
    #"{"id":"fold","b":1,"xs":[9223372036854775807,1]}"#,
  ]

  /// Citizens the lane may leave to the general machine.
  static let others = [
    #"{"id":"noB","xs":[0,2]}"#,
    #"{"id":"noBempty","xs":[]}"#,
    #"{"id":"noBpos","xs":[5,7]}"#,
    #"{"id":"big","b":0,"xs":[3,0,-9223372036854775807]}"#,
    #"{"id":"mixed","b":2,"xs":[0,3,2]}"#,
    #"{"id":"noXs","b":2}"#,
  ]

  @Test("목록 원소 안의 고장도 벡터 길이 위치와 함께 쓴다: 일반 기계와 같은 줄")
  func elementFaultsAgree() throws {
    let b = try book(Self.rules)
    let lines = Self.located + Self.others
    for batch in [1, 3, 100] {
      _ = try VectorLaneTests.compareLanes(b, lines, dates: ["2026-06-15"], batch: batch)
    }
    let run = LaneAndGeneral(b, lines: lines, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.general.contains("division by zero"), "\(run.general)")
    #expect(run.general.contains("overflow"), "\(run.general)")
  }

  @Test("원소의 고장만 있는 시민은 일반 기계로 가지 않는다")
  func locatedElementFaultsStayInTheLane() throws {
    var text = Self.rules
    // Without the rules that still give up (an argument never read, a nested aggregate, `any`).
    text = String(text[..<text.range(of: "rule dropped")!.lowerBound])
    let b = try book(text)
    let run = LaneAndGeneral(b, lines: Self.located, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.evaluator.generalRuleCount == 0, "\(run.evaluator.fallbacks)")
  }

  /// Built-ins the general machine can fault: an impossible date, a step of 0, an
  /// anniversary too far, in the citizens' space and among elements.
  static let builtins = """
    fact b: int from "b"
    fact xs: [int] from "xs"
    fact born: date from "born"
    rule dated
      output d = date(2026, b, 31)
      output stepped = floor_to(1_000, b - 2)
      output later = anniversary(born, b * 1_000_000)
      output each = map(x in xs: date(2026, x, 30))
      output rounded = sum(x in xs: floor_to(100, x))
      output ages = count(x in xs where age(born, anniversary(born, x)) > 1)
    """

  static let builtinCitizens = [
    #"{"id":"feb","b":2,"xs":[1,2,3],"born":"2000-02-29"}"#,
    #"{"id":"ok","b":3,"xs":[1,3],"born":"1990-05-01"}"#,
    #"{"id":"zero","b":0,"xs":[0,0],"born":"1990-05-01"}"#,
    #"{"id":"mixed","b":13,"xs":[13,0],"born":"1990-05-01"}"#,
    #"{"id":"huge","b":9223372036854775807,"xs":[200000],"born":"1990-05-01"}"#,
    #"{"id":"none","xs":[2]}"#,
  ]

  @Test("내장 함수의 고장(없는 날짜, 0 단위)도 벡터 길이 위치와 함께 쓴다")
  func builtinFaultsAgree() throws {
    let b = try book(Self.builtins)
    for batch in [1, 4] {
      _ = try VectorLaneTests.compareLanes(
        b, Self.builtinCitizens, dates: ["2026-06-15"], batch: batch)
    }
    let run = LaneAndGeneral(b, lines: Self.builtinCitizens, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.general.contains("error"), "\(run.general)")
    let located = LaneAndGeneral(
      b, lines: Array(Self.builtinCitizens.prefix(3)), asOf: day("2026-06-15"))
    #expect(located.evaluator.generalRuleCount == 0, "\(located.evaluator.fallbacks)")
  }

  /// Faults in `iterate` steps: an overflow in the next value, a division by zero in the
  /// stopping condition, an impossible date, the step limit, and an unknown in a step.
  static let iterating = """
    fact b: int from "b"
    fact c: int from "c"
    rule stepping
      output doubled = iterate k = b then k * 1_000_000 until k > 1_000_000_000_000_000
      output divided = iterate k = 1 then k + 1 until 100 / (b - k) < 10
      output dated = iterate k = 1 then k + 1 until date(2026, b, k) > 2026-01-01
      output bounded = iterate k = 1 then k + b until k > 100 at most 5 steps
      output waiting = iterate k = 1 then k + c until k > 10
    """

  static let iteratingCitizens = [
    #"{"id":"big","b":-9000000,"c":1}"#,
    #"{"id":"ok","b":20,"c":2}"#,
    #"{"id":"three","b":3,"c":3}"#,
    #"{"id":"zero","b":0,"c":5}"#,
    #"{"id":"noC","b":13}"#,
    #"{"id":"feb","b":2,"c":1}"#,
  ]

  @Test("iterate 단계 안의 고장도 같은 줄을 쓰고, 고장만 있으면 일반 기계로 가지 않는다")
  func iterateFaultsAgree() throws {
    let b = try book(Self.iterating)
    for batch in [1, 4] {
      _ = try VectorLaneTests.compareLanes(
        b, Self.iteratingCitizens, dates: ["2026-06-15"], batch: batch)
    }
    let run = LaneAndGeneral(b, lines: Self.iteratingCitizens, asOf: day("2026-06-15"))
    #expect(run.lane == run.general)
    #expect(run.general.contains("division by zero"), "\(run.general)")
    #expect(run.general.contains("overflow"), "\(run.general)")
    let faultsOnly = ["big", "three"].map { id in
      Self.iteratingCitizens.first { $0.contains("\"\(id)\"") }!
    }
    let located = LaneAndGeneral(b, lines: faultsOnly, asOf: day("2026-06-15"))
    #expect(located.evaluator.generalRuleCount == 0, "\(located.evaluator.fallbacks)")
  }

  @Test("한 명씩(폭 1)도 같은 줄을 쓴다")
  func widthOneWritesTheSame() throws {
    let b = try book(Self.rules)
    let (lane, general) = (b.evaluator(), b.evaluator())
    general.vectorLaneEnabled = false
    for line in Self.located + Self.others {
      var (x, y): ([UInt8], [UInt8]) = ([], [])
      Array(line.utf8).withUnsafeBufferPointer {
        lane.evaluateLine($0, asOf: day("2026-06-15"), into: &x)
        general.evaluateLine($0, asOf: day("2026-06-15"), into: &y)
      }
      #expect(x == y, "\(String(decoding: x, as: UTF8.self))")
    }
  }
}
