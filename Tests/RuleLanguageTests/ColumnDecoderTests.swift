import CivilCalendar
import Foundation
import Testing

@testable import RuleLanguage

/// Decoding a line straight into the vector lane's columns must hold exactly what decoding it
/// into a `Profile` and laying that out holds: the same facts unknown, the same words, the
/// same lists and records (wherever in the arena they landed).
@Suite struct ColumnDecoderTests {
  /// Fact `f` of lane 0 as a comparable tree: nil when unheld.
  static func fact(_ m: VectorMachine, _ f: Int) -> String? {
    let at = f * VectorMachine.stride
    guard m.unheld[at] == 0 else { return nil }
    return describe(m, m.facts[at], m.program.factTypes[f])
  }

  static func describe(_ m: VectorMachine, _ word: Int, _ type: RuleType) -> String {
    if word == LaneWord.none, type.isOptional { return "none" }
    switch type.unwrapped {
    case .list(let element):
      let n = m.arena[word]
      return "["
        + (0..<n).map { describe(m, m.arena[word + 1 + $0], element) }.joined(separator: ",")
        + "]"
    case .record(let r):
      let fields = m.program.records[r]
      return "{"
        + fields.indices.map { describe(m, m.arena[word + $0], fields[$0]) }.joined(separator: ",")
        + "}"
    case .text:
      // A text that is no constant gets the next id of the batch, in the order read: the
      // text is what must agree.
      return m.text(word).map { "\"\($0)\"" } ?? "no text \(word)"
    default:
      return String(word)
    }
  }

  static func compare(_ book: RuleBook, _ lines: [String]) throws {
    let m = try #require(book.evaluator().vector)
    var held = 0
    for line in lines {
      let bytes = Array(line.utf8)
      let profile = book.profile(json: bytes)
      [profile].withUnsafeBufferPointer { m.load($0) }
      let viaProfile = m.program.readFacts.map { fact(m, $0) }
      m.beginBatch()
      let id = bytes.withUnsafeBufferPointer { m.decodeLine($0, book.decoder) }
      m.keep()
      let direct = m.program.readFacts.map { fact(m, $0) }
      #expect(id == profile.id, "\(line)")
      #expect(direct == viaProfile, "\(line)")
      held += direct.compactMap { $0 }.count
    }
    #expect(held > 0)
  }

  /// `line` with a few bytes deleted, inserted, replaced or cut.
  static func mutate(_ line: String, _ rng: inout SeededGenerator) -> String {
    var bytes = Array(line.utf8)
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let at = Int.random(in: 0..<max(bytes.count, 1), using: &rng)
      switch Int.random(in: 0..<4, using: &rng) {
      case 0 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
      case 1:
        bytes.insert(
          Array("{}[],:\"\\-0e.9nt".utf8).randomElement(using: &rng) ?? 0, at: min(at, bytes.count))
      case 2 where !bytes.isEmpty:
        bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &rng)
      default: bytes = Array(bytes.prefix(at))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test("SPEC 시민: 열로 바로 읽어도 프로필을 거친 것과 같다")
  func specCitizens() throws {
    let book = try SpecRulesTests.load()
    var rng = SeededGenerator(state: 41)
    let lines = (0..<300).map { WidthOneTests.citizen($0, &rng) }
    try Self.compare(book, lines + lines.map { Self.mutate($0, &rng) })
  }

  @Test("연산자 책: 소수, 글, 목록 속 기록, 넘치는 수도 같다")
  func operatorsBook() throws {
    let book = try book(WidthOneTests.operators)
    var rng = SeededGenerator(state: 43)
    let lines = (0..<300).map { WidthOneTests.operatorCitizen($0, &rng) }
    try Self.compare(book, lines + lines.map { Self.mutate($0, &rng) })
  }

  @Test("키 순서가 바뀌거나, 두 필드가 한 키를 읽거나, 키가 두 번 나와도 같다")
  func keyOrderAndSharedKeys() throws {
    let b = try book(
      """
      record R { a: int from "x", b: int? from "x", c: int from "y" }
      fact r: R from "r"
      fact n: int from "n"
      rule t
        output o = r.a + n
        output p = r.b ?? -1
        output q = r.c
      """)
    let lines = [
      #"{"r": {"x": 1, "y": 2}, "n": 3}"#, #"{"n": 3, "r": {"y": 2, "x": 1}}"#,
      #"{"r": {"x": 1, "x": 5, "y": 2}, "n": 3}"#, #"{"r": {"y": 2, "x": 1, "y": 4}}"#,
    ]
    try Self.compare(b, lines)
    // The first field reading a key takes its value (the last one written); the other stays
    // none: as before the decoders tried the next key first.
    let e = b.evaluator()
    var out: [UInt8] = []
    Array(lines[2].utf8).withUnsafeBufferPointer {
      e.evaluateLine($0, asOf: day("2026-06-15"), into: &out)
    }
    let text = String(decoding: out, as: UTF8.self)
    #expect(text.contains(#""o":8"#) && text.contains(#""p":-1"#), "\(text)")
  }

  @Test("Rules/ 데모 시민과 그 변형")
  func shippedCitizens() throws {
    let book = try ShippedRulesTests.load()
    let demo = try WidthOneShippedTests.demoLines()
    var rng = SeededGenerator(state: 47)
    let lines = try demo + WidthOneShippedTests.variations(of: demo, count: 100)
    try Self.compare(book, lines + lines.map { Self.mutate($0, &rng) })
  }
}
