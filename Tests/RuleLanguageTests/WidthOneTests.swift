import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// The vector lane at width one (a batch of one citizen, as chat and the planner run it) must
/// print exactly what the general machine prints, citizen by citizen.
///
/// Each profile is evaluated twice, with the lane on and off; the lane's own failures (unknown
/// facts, faults) fall back to the general machine, so every line must match byte for byte.
@Suite struct WidthOneTests {
  static let dates = [
    "2024-02-29", "2024-12-31", "2025-01-01", "2026-06-15", "2026-11-20", "2028-02-29",
    "2030-03-01", "1990-01-01",
  ]

  /// Evaluates every line on every date with both lanes.
  ///
  /// - Returns: how many citizens the lane took.
  static func compareLanes(_ book: RuleBook, _ lines: [String], dates: [String] = dates) -> Int {
    let lane = book.evaluator()
    let general = book.evaluator()
    general.vectorLaneEnabled = false
    for d in dates {
      let asOf = day(d)
      for line in lines {
        var a: [UInt8] = []
        var b: [UInt8] = []
        Array(line.utf8).withUnsafeBufferPointer { buf in
          lane.evaluateLine(buf, asOf: asOf, into: &a)
          general.evaluateLine(buf, asOf: asOf, into: &b)
        }
        #expect(
          a == b,
          "\(d) \(line)\nlane:    \(String(decoding: a, as: UTF8.self))general: \(String(decoding: b, as: UTF8.self))"
        )
      }
    }
    #expect(general.vectorLaneCount == 0)
    return lane.vectorLaneCount
  }

  static func pick<T>(_ items: [T], _ rng: inout SeededGenerator) -> T {
    items[Int.random(in: 0..<items.count, using: &rng)]
  }

  /// A date value; a clean one is always a valid date.
  static func date(_ rng: inout SeededGenerator, clean: Bool = false) -> String {
    let all = [
      "\"1960-02-29\"", "\"2000-02-29\"", "\"1986-01-01\"", "\"2006-12-31\"", "\"2020-03-01\"",
      "\"2026-06-15\"", "\"2027-01-01\"", "\"1950-07-10\"", "\"2022-07-10\"", "\"2019-06-30\"",
      "\"0001-01-01\"", "\"9999-12-31\"", "null", "\"2023-02-29\"", "17",
    ]
    return pick(clean ? Array(all.prefix(12)) : all, &rng)
  }

  /// A SPEC citizen with the generator's edge cases, plus missing keys, nulls and mistyped
  /// values (which make facts unknown).
  ///
  /// Every other citizen is clean: all keys, valid values, so the lane should decide it.
  static func citizen(_ i: Int, _ rng: inout SeededGenerator) -> String {
    let clean = i % 2 == 0
    var fields: [String] = ["\"id\":\"C\(i)\""]
    func add(_ key: String, _ value: String) {
      if clean || Int.random(in: 0..<30, using: &rng) > 0 {
        fields.append("\"\(key)\":\(value)")
      }
    }
    func choose(_ valid: [String], _ invalid: [String] = []) -> String {
      pick(clean ? valid : valid + invalid, &rng)
    }
    add("birthDate", date(&rng, clean: clean))
    add("sex", choose(["\"M\"", "\"F\""], ["\"X\"", "null"]))
    add("sido", choose(["\"11\"", "\"28\"", "\"41\"", "\"26\"", "\"46\"", "\"\""], ["3"]))
    add("householdHead", choose(["true", "false"], ["null"]))
    add("employment", choose(["\"office\"", "\"non_office\"", "\"self\"", "\"none\""]))
    add(
      "incomePercentile",
      choose(["1", "10", "11", "70", "71", "85", "90", "100", "0", "-5"], ["9223372036854775807"]))
    var vehicles: [String] = []
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
      let cc = choose(["998", "1000", "1001", "1600", "1601", "1999", "3000", "0", "-1"])
      let fuel = choose(["\"ev\"", "\"gasoline\"", "\"diesel\"", "\"hybrid\"", "\"lpg\""])
      vehicles.append(
        "{\"cc\":\(cc),\"fuel\":\(fuel),\"registrationDate\":\(date(&rng, clean: clean)),"
          + "\"lastInspectionDate\":\(clean ? choose(["null", date(&rng, clean: true)]) : date(&rng))}"
      )
    }
    add("vehicles", "[" + vehicles.joined(separator: ",") + "]")
    add("driverLicense", choose(["null", "{\"issueDate\":\(date(&rng, clean: clean))}"]))
    add("militaryStatus", choose(["\"serving\"", "\"completed\"", "\"exempt\"", "\"none\""]))
    add("dischargeDate", clean ? choose(["null", date(&rng, clean: true)]) : date(&rng))
    add(
      "student",
      choose([
        "null", "{\"university\":\"서울대\",\"enrolled\":true,\"gpa\":3.1}",
        "{\"university\":null,\"enrolled\":false,\"gpa\":4.0}",
        "{\"enrolled\":true,\"gpa\":2.5}", "{\"enrolled\":true,\"gpa\":2.49}",
      ]))
    let children = (0..<Int.random(in: 0...3, using: &rng)).map { _ in date(&rng, clean: clean) }
    add("children", "[" + children.joined(separator: ",") + "]")
    add("disability", choose(["true", "false"]))
    add("veteran", choose(["false", "true"], ["\"no\""]))
    return "{" + fields.shuffled(using: &rng).joined(separator: ",") + "}"
  }

  @Test("SPEC 규칙: 한 명씩 돌린 벡터 길과 일반 기계가 같은 줄을 쓴다")
  func specRulesAgree() throws {
    let book = try SpecRulesTests.load()
    var rng = SeededGenerator(state: 20_261_129)
    let lines = (0..<400).map { Self.citizen($0, &rng) }
    let decided = Self.compareLanes(book, lines)
    // Most generated citizens have every fact: the lane must decide them, not pass them on.
    #expect(decided > lines.count * Self.dates.count / 3)
  }

  static let operators = """
    enum Kind { a, b, c }
    record Item { n: int, d: decimal, on: date? from "when", k: Kind }
    fact n: int from "n"
    fact m: int from "m"
    fact x: decimal from "x"
    fact t: text from "t"
    fact d: date from "d"
    fact items: [Item] from "items"
    fact k: Kind? from "k"
    param step: duration = 1 month since 2000-01-01 = 45 days since 2026-01-01
    param names: [text] = ["가", "나"] since 2000-01-01
    fn half(v: int): decimal = decimal(v) / 2
    fn scaled(v: Item, f: int): decimal = v.d * f + half(v.n)
    fn pick(a: int, b: int, c: int): int = if a > b then a % c else b / c
    rule arithmetic "산술"
      let q = n / m
      let r = n % m
      when n * m > 10 or q < -3
      output quotient = q otherwise none
      output remainder = r
      output mixed = if n > 0 then n else x
      output ratio = x / decimal(m) + 1
      output picked = pick(n, m, 7)
      output big = n * 1_000_000_000_000
    rule dates "날짜"
      let later = d + step * 2
      when later - d > 60 and month(d) != 2
      output shifted = later otherwise d - 1 day
      output yearEnd = end_of_year(today) - d
      output made = date(year(d), month(d), 31)
    rule lists "목록"
      let kept = filter(i in items where i.on != none and i.on <= today)
      when any(i in items where i.k == b) or count(i in kept) > 1
      output total = sum(i in items: scaled(i, n))
      output earliest = min(i in kept: i.on ?? today)
      output latest = max(i in items where i.n > 0: i.n)
      output kinds = map(i in items: i.k)
      output allPositive = all(i in items: i.n > 0)
    rule texts "글"
      when t in names or t == "다" or k == c
      output kindOrNone = k
      output found = t in names
      output named = if t == "다" then "셋째" else t
    rule loops "반복"
      output stepped = iterate s = 0 then s + n until s >= 100 at most 20 steps
    rule bindings "처음 읽는 곳이 반복 안인 값"
      let base = n % 50
      let far = m % 9
      let reached = iterate s = 0 then s + 1 until s * 3 >= base + far at most 30 steps
      when reached > 2 or any(i in items where i.n > far)
      output reachedOut = reached
      output baseOut = base otherwise far
      output farOut = far + base
    """

  static func operatorCitizen(_ i: Int, _ rng: inout SeededGenerator) -> String {
    let ints = [
      "0", "1", "-1", "7", "-7", "12", "100", "9223372036854775807", "-9223372036854775807",
    ]
    var fields: [String] = ["\"id\":\"O\(i)\""]
    func add(_ key: String, _ value: String) {
      if Int.random(in: 0..<12, using: &rng) > 0 { fields.append("\"\(key)\":\(value)") }
    }
    add("n", pick(ints, &rng))
    add("m", pick(ints, &rng))
    add("x", pick(["0.5", "2.25", "-1.125", "3", "0", "1e3", "92233720368.547758"], &rng))
    add("t", pick(["\"가\"", "\"나\"", "\"다\"", "\"라\"", "\"\"", "\"마\""], &rng))
    add("d", date(&rng))
    add("k", pick(["\"a\"", "\"b\"", "\"c\"", "null", "\"z\""], &rng))
    var items: [String] = []
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
      items.append(
        "{\"n\":\(pick(ints, &rng)),\"d\":\(pick(["1.5", "-0.25", "2"], &rng)),"
          + "\"when\":\(date(&rng)),\"k\":\(pick(["\"a\"", "\"b\"", "\"c\""], &rng))}")
    }
    add("items", "[" + items.joined(separator: ",") + "]")
    return "{" + fields.joined(separator: ",") + "}"
  }

  @Test("연산자, 고장, 모르는 사실: 한 명씩 돌린 벡터 길이 일반 기계와 같다")
  func operatorsAgree() throws {
    let b = try book(Self.operators)
    var rng = SeededGenerator(state: 7)
    let lines = (0..<600).map { Self.operatorCitizen($0, &rng) }
    let decided = Self.compareLanes(b, lines, dates: ["2026-06-15", "2025-12-31", "2024-02-29"])
    #expect(decided > 0)
  }

  @Test("Rules/ 폴더: 한 명씩 돌린 벡터 길과 일반 기계가 같은 줄을 쓴다")
  func shippedRulesAgree() throws {
    let b = try ShippedRulesTests.load()
    var rng = SeededGenerator(state: 11)
    let lines = (0..<200).map { Self.citizen($0, &rng) }
    _ = Self.compareLanes(b, lines, dates: ["2026-06-15", "2028-02-29"])
  }
}
