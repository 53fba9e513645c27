import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// The vector lane (a batch of citizens per kernel) must print exactly what the general
/// machine prints, citizen by citizen: lines through `enqueueLine` and `flushLines`, rule
/// values through `compute(batch:)` and `select`, on books that exercise every construct.
@Suite struct VectorLaneTests {
  /// Every line on every date, batched through the vector lane and one by one on the general
  /// machine; several batches per date, the last one partial.
  ///
  /// - Returns: how many citizens the vector lane took.
  static func compareLanes(
    _ book: RuleBook, _ lines: [String], dates: [String] = WidthOneTests.dates,
    batch: Int = 100
  ) throws -> Int {
    let note = book.vectorLaneMissing ?? ""
    #expect(!note.hasPrefix("not compiled"), "\(note)")
    let vector = book.evaluator()
    vector.vectorBatchWidth = batch
    let general = book.evaluator()
    general.vectorLaneEnabled = false
    let profiles = lines.map { book.profile(json: Array($0.utf8)) }
    for d in dates {
      let asOf = day(d)
      var batched: [UInt8] = []
      var single: [UInt8] = []
      for line in lines {
        Array(line.utf8).withUnsafeBufferPointer { buf in
          vector.enqueueLine(buf, asOf: asOf, into: &batched)
          general.evaluateLine(buf, asOf: asOf, into: &single)
        }
      }
      vector.flushLines(into: &batched)
      let a = batched.split(separator: UInt8(ascii: "\n"))
      let b = single.split(separator: UInt8(ascii: "\n"))
      #expect(a.count == lines.count && b.count == lines.count)
      for (i, (x, y)) in zip(a, b).enumerated() where x != y {
        Issue.record(
          "\(d) \(lines[i])\nvector:  \(String(decoding: x, as: UTF8.self))\ngeneral: \(String(decoding: y, as: UTF8.self))"
        )
      }
      try compareRuleValues(book, profiles, asOf, vector, general)
    }
    #expect(general.vectorLaneCount == 0)
    return vector.vectorLaneCount
  }

  /// `compute(batch:)` then `select`, against the general machine's `compute`, rule by rule.
  static func compareRuleValues(
    _ book: RuleBook, _ profiles: [Profile], _ asOf: CivilDate, _ vector: Evaluator,
    _ general: Evaluator
  ) throws {
    let width = 100
    try profiles.withUnsafeBufferPointer { all in
      for start in stride(from: 0, to: all.count, by: width) {
        let batch = UnsafeBufferPointer(rebasing: all[start..<min(start + width, all.count)])
        try #require(vector.compute(batch: batch, asOf: asOf))
        for i in 0..<batch.count {
          vector.select(i, of: batch, asOf: asOf)
          general.compute(batch[i], asOf: asOf)
          for r in book.ruleNames.indices where vector.holds(r) != general.holds(r) {
            Issue.record("\(asOf) \(book.ruleNames[r]) citizen \(start + i)")
          }
        }
      }
    }
  }

  @Test("SPEC 규칙: 묶음으로 계산해도 일반 기계와 같은 줄을 쓴다")
  func specRulesAgree() throws {
    let book = try SpecRulesTests.load()
    var rng = SeededGenerator(state: 20_261_129)
    let lines = (0..<600).map { WidthOneTests.citizen($0, &rng) }
    let decided = try Self.compareLanes(book, lines)
    // Most generated citizens have every fact: the lane must take them, not pass them on.
    #expect(decided > lines.count * WidthOneTests.dates.count)
  }

  @Test("연산자, 고장, 모르는 사실, 반복 한도: 묶음 계산이 일반 기계와 같다")
  func operatorsAgree() throws {
    let b = try book(WidthOneTests.operators)
    var rng = SeededGenerator(state: 7)
    let lines = (0..<600).map { WidthOneTests.operatorCitizen($0, &rng) }
    let decided = try Self.compareLanes(
      b, lines, dates: ["2026-06-15", "2025-12-31", "2024-02-29"])
    #expect(decided > 0)
  }

  @Test("사실만 읽는 호출은 묶음에 한 번 계산하되, 그 값을 읽는 시민만 실패시킨다")
  func batchCachedCallsFailOnlyWhereRead() throws {
    let b = try book(
      """
      fact n: int from "n"
      fact m: int from "m"
      fn inverse(x: int): int = 100 / x
      rule guarded "조건 뒤에서만 읽는다"
        when n > 0 and inverse(m) > 1
      rule always "늘 읽는다"
        output inv = inverse(m)
      """)
    let lines = [#"{"n": -1, "m": 0}"#, #"{"n": 1, "m": 0}"#, #"{"n": 1, "m": 5}"#]
    _ = try Self.compareLanes(b, lines, dates: ["2026-06-15"])
    // Dividing by zero is a fault of `always` for the first two citizens and of `guarded` only
    // for the second: the first never reads it there (n > 0 is false), though the batch
    // computed it. The lane locates those faults itself: no rule goes to the general machine.
    let e = b.evaluator()
    var out: [UInt8] = []
    for line in lines {
      Array(line.utf8).withUnsafeBufferPointer {
        _ = e.enqueueLine($0, asOf: day("2026-06-15"), into: &out)
      }
    }
    e.flushLines(into: &out)
    #expect(e.vectorLaneCount == 3)
    #expect(e.generalRuleCount == 0)
  }

  @Test("Rules/ 폴더: 데모 시민과 그 변형을 묶어 계산해도 같다")
  func shippedRulesAgree() throws {
    let b = try ShippedRulesTests.load()
    let demo = try WidthOneShippedTests.demoLines()
    let lines = try demo + WidthOneShippedTests.variations(of: demo, count: 300)
    let dates = stride(from: 0, to: WidthOneShippedTests.dates.count, by: 6).map {
      "\(WidthOneShippedTests.dates[$0])"
    }
    // Batches as `biseo evaluate` makes them (the widest).
    _ = try Self.compareLanes(b, lines, dates: dates, batch: .max)
  }

  @Test("샤드: 묶음 길도 자기 샤드의 시민만, 읽은 순서대로 쓴다")
  func shardsKeepOrder() throws {
    let book = try SpecRulesTests.load()
    var rng = SeededGenerator(state: 5)
    let lines = (0..<700).map { WidthOneTests.citizen($0, &rng) }
    let asOf = day("2026-06-15")
    let vector = book.evaluator()
    vector.vectorBatchWidth = 64
    let general = book.evaluator()
    general.vectorLaneEnabled = false
    for k in 0..<3 {
      var a: [UInt8] = []
      var b: [UInt8] = []
      var taken = 0
      for line in lines {
        Array(line.utf8).withUnsafeBufferPointer { buf in
          if vector.enqueueLine(buf, asOf: asOf, shard: Shard(index: k, count: 3), into: &a) {
            taken += 1
          }
          _ = general.evaluateLine(buf, asOf: asOf, shard: Shard(index: k, count: 3), into: &b)
        }
      }
      vector.flushLines(into: &a)
      #expect(a == b)
      #expect(taken == a.split(separator: UInt8(ascii: "\n")).count)
    }
  }
}
