import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// SplitMix64: a small seeded generator, so a failing fuzz case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Seeded mutation fuzzing of rule files and profiles.
///
/// Malformed rule files give diagnostics, malformed profiles give unknown facts — never a
/// crash. `FUZZ_SEED` and `FUZZ_ITERATIONS` replay or extend a run.
@Suite struct FuzzTests {
  static let env = ProcessInfo.processInfo.environment
  static let seed = UInt64(env["FUZZ_SEED"] ?? "") ?? 20_261_129
  static let iterations = Int(env["FUZZ_ITERATIONS"] ?? "") ?? 300

  static let pieces: [String] = [
    "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "==", "<", "+", "-", "*", "/", "%", "??",
    "..",
    "\"", "#", "\n", " ", "rule", "when", "let", "output", "otherwise", "fact", "param", "since",
    "test", "given", "expect", "if", "then", "else", "iterate", "until", "count(", "sum(", "in",
    "where", "none", "today", "0", "-1", "99999999999999999999", "2024-02-29", "2023-02-29", "나이",
    "\"한글", "\t", "\u{1F600}", "fn", "enum", "record", "event", "remind", "notify", "say", "\\",
  ]

  static func corpus() -> [String] {
    let folder = TestPaths.specRules.path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".rule") }.sorted().compactMap {
      try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
    }
  }

  static func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
    var chars = Array(text)
    for _ in 0..<Int.random(in: 1...6, using: &rng) {
      let at = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0 where !chars.isEmpty:
        chars.removeSubrange(at..<min(chars.count, at + Int.random(in: 1...12, using: &rng)))
      case 1: chars.insert(contentsOf: Array(pieces.randomElement(using: &rng) ?? ""), at: at)
      case 2 where !chars.isEmpty:
        let other = Int.random(in: 0..<chars.count, using: &rng)
        chars.swapAt(at, other)
      case 3 where !chars.isEmpty:
        let end = min(chars.count, at + Int.random(in: 1...40, using: &rng))
        chars.insert(contentsOf: chars[at..<end], at: Int.random(in: 0...chars.count, using: &rng))
      default: chars = Array(chars.prefix(at))
      }
    }
    return String(chars)
  }

  @Test("mutated rule files load or report diagnostics, never crash")
  func ruleFiles() throws {
    let corpus = Self.corpus()
    try #require(!corpus.isEmpty)
    var rng = SeededGenerator(state: Self.seed)
    var rejected = 0
    for i in 0..<Self.iterations {
      let files = corpus.enumerated().map { k, text in
        RuleFile(path: "f\(k).rule", text: k == i % corpus.count ? Self.mutate(text, &rng) : text)
      }
      let (book, diagnostics) = RuleBook.load(files)
      if book == nil {
        rejected += 1
        #expect(
          !diagnostics.isEmpty, "seed \(Self.seed) iteration \(i): rejected without a diagnostic")
      } else if let book {
        _ = book.runTests()
        var out: [UInt8] = []
        let line = Array(#"{"id":"X","birthDate":"2024-02-29","vehicles":[]}"#.utf8)
        let batched = book.evaluator()
        line.withUnsafeBufferPointer {
          book.evaluator().evaluateLine($0, asOf: CivilDate(dayNumber: 20000), into: &out)
          batched.enqueueLine($0, asOf: CivilDate(dayNumber: 20000), into: &out)
        }
        batched.flushLines(into: &out)
      }
    }
    #expect(rejected > 0)
  }

  @Test("mutated profiles evaluate with unknown facts, never crash")
  func profiles() throws {
    let (loaded, _) = RuleBook.load(paths: [TestPaths.specRules.path])
    let book = try #require(loaded)
    let sample = """
      {"id":"P00000001","birthDate":"1971-12-27","sex":"M","sido":"26","householdHead":true,\
      "employment":"office","incomePercentile":1,"vehicles":[{"cc":1995,"fuel":"diesel",\
      "registrationDate":"2022-04-05","lastInspectionDate":"2026-04-02"}],"driverLicense":\
      {"issueDate":"2018-10-19"},"militaryStatus":"completed","dischargeDate":"1995-01-08",\
      "student":{"university":"KAIST","enrolled":true,"gpa":3.5},"children":["2003-09-12"],\
      "disability":false,"veteran":false}
      """
    var rng = SeededGenerator(state: Self.seed &+ 1)
    let evaluator = book.evaluator()
    let general = book.evaluator()
    general.vectorLaneEnabled = false
    let vector = book.evaluator()
    var batched: [UInt8] = []
    var single: [UInt8] = []
    for _ in 0..<(Self.iterations * 10) {
      var bytes = Array(sample.utf8)
      for _ in 0..<Int.random(in: 1...8, using: &rng) {
        let at = Int.random(in: 0..<max(bytes.count, 1), using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
        case 1:
          bytes.insert(
            Array("{}[],:\"\\-0e.9nt".utf8).randomElement(using: &rng) ?? 0,
            at: min(at, bytes.count))
        case 2 where !bytes.isEmpty:
          bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &rng)
        default: bytes = Array(bytes.prefix(at))
        }
      }
      var out: [UInt8] = []
      bytes.withUnsafeBufferPointer {
        evaluator.evaluateLine($0, asOf: CivilDate(dayNumber: 20600), into: &out)
        // A blank line is no citizen (BatchEvaluation skips it before either call).
        if !$0.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
          general.evaluateLine($0, asOf: CivilDate(dayNumber: 20600), into: &single)
          vector.enqueueLine($0, asOf: CivilDate(dayNumber: 20600), into: &batched)
        }
      }
      #expect(out.last == 0x0A)
    }
    vector.flushLines(into: &batched)
    // The mutated lines as batches through the vector lane print what the general machine
    // prints one by one.
    #expect(batched == single)
  }
}
