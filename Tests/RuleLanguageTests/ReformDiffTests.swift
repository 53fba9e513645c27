import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Testing

/// Reform files (parameter overrides) and `PopulationDiff`, held to two plain evaluations.
@Suite struct ReformDiffTests {
  static let folder = TestPaths.golden.appendingPathComponent("Reforms")
  static let bookPath = "Golden/Reforms/book.rule"

  static func book(reform: String? = nil, bookText: String? = nil) throws -> RuleBook {
    let text =
      try bookText
      ?? String(contentsOf: folder.appendingPathComponent("book.rule"), encoding: .utf8)
    let files = [RuleFile(path: bookPath, text: text)]
    let reforms = reform.map { [RuleFile(path: "test.reform", text: $0)] } ?? []
    let (book, diagnostics) = RuleBook.load(files, reform: reforms)
    return try #require(book, "\(diagnostics)")
  }

  static func day(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

  /// Citizens of every age around the limits, in both regions, some with facts missing.
  static let population: [String] = (0..<240).map { i in
    let born = String(format: "%04d-%02d-%02d", 2026 - i % 16, 1 + i % 12, 1 + i % 28)
    let region = i % 3 == 0 ? "capital" : "other"
    if i % 17 == 0 { return #"{"id":"p\#(i)","region":"\#(region)"}"# }
    return #"{"id":"p\#(i)","birthDate":"\#(born)","region":"\#(region)","children":\#(i % 4)}"#
  }

  /// The diff's figures computed the slow way: both books' `evaluate` lines, compared output
  /// by output as JSON values.
  static func expected(_ a: RuleBook, _ b: RuleBook, asOf: CivilDate) throws -> [String: DiffReport
    .Tally]
  {
    func lines(_ book: RuleBook) throws -> [[String: Any]] {
      let e = book.evaluator()
      var out: [UInt8] = []
      for line in population {
        let bytes = Array(line.utf8)
        bytes.withUnsafeBufferPointer { e.evaluateLine($0, asOf: asOf, into: &out) }
      }
      return try String(decoding: out, as: UTF8.self).split(separator: "\n").map {
        try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
      }
    }
    // The book's one yes/no output; the others are numbers (JSON numbers and booleans look
    // alike once decoded by Foundation, so the types come from the book).
    let yesNo: Set<String> = ["allowanceOpen"]
    func held(_ key: String, _ v: Any?) -> Bool {
      guard let v, !(v is NSNull), !(v is [String: Any]) else { return false }
      return yesNo.contains(key) ? (v as? Bool) == true : true
    }
    var tallies: [String: DiffReport.Tally] = [:]
    for (x, y) in zip(try lines(a), try lines(b)) {
      for key in x.keys where key != "id" && key != "asOf" {
        let (u, v) = (x[key], y[key])
        if (u as? NSObject) == (v as? NSObject) { continue }
        var t = tallies[key] ?? .init()
        t.changed += 1
        if !held(key, u) && held(key, v) { t.gained += 1 }
        if held(key, u) && !held(key, v) { t.lost += 1 }
        if !yesNo.contains(key) {
          let d = (v as? Int ?? 0) - (u as? Int ?? 0)
          t.difference += d
          t.better += d > 0 ? 1 : 0
          t.worse += d < 0 ? 1 : 0
        }
        tallies[key] = t
      }
    }
    return tallies
  }

  static func run(
    _ a: RuleBook, _ b: RuleBook, asOf: CivilDate, by: [String] = [], batchWidth: Int? = nil
  ) throws -> DiffReport {
    let path = NSTemporaryDirectory() + "reform-diff-\(UUID().uuidString).jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try population.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    let diff = try PopulationDiff(
      base: a, reform: b, asOf: asOf, calendar: WeekendCalendar(), by: by)
    if let batchWidth { diff.batchWidth = batchWidth }
    return try diff.run(inputDescriptor: fd)
  }

  static func outputs(_ report: DiffReport) -> [String: DiffReport.Tally] {
    var result: [String: DiffReport.Tally] = [:]
    for (k, item) in report.items.enumerated() where !item.isRule && report.totals[k] != .init() {
      var t = report.totals[k]
      if !item.isNumber { t.difference = 0 }
      result[item.name] = t
    }
    return result
  }

  @Test("a reform's mistakes are reported at their lines in the reform file")
  func goldenMistakes() throws {
    let text = try String(
      contentsOf: Self.folder.appendingPathComponent("mistakes.reform"), encoding: .utf8)
    let bookText = try String(
      contentsOf: Self.folder.appendingPathComponent("book.rule"), encoding: .utf8)
    let path = "Golden/Reforms/mistakes.reform"
    let (book, diagnostics) = RuleBook.load(
      [RuleFile(path: Self.bookPath, text: bookText)], reform: [RuleFile(path: path, text: text)])
    #expect(book == nil)
    let rendered = DiagnosticRenderer(sources: [path: text, Self.bookPath: bookText]).render(
      diagnostics)
    let golden = Self.folder.appendingPathComponent("mistakes.diag")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try rendered.write(to: golden, atomically: true, encoding: .utf8)
      Issue.record("recorded mistakes.diag; run again without RECORD_GOLDEN")
      return
    }
    #expect(rendered == (try String(contentsOf: golden, encoding: .utf8)), "got\n\(rendered)")
  }

  @Test("an override replaces the rows from its first date on and keeps the earlier ones")
  func overrideRows() throws {
    let base = try Self.book()
    let reform = try Self.book(reform: "param allowance_age = 12 since 2026-07-01\n")
    let ten = #"{"id":"x","birthDate":"2016-03-01","region":"capital"}"#
    func holds(_ book: RuleBook, _ day: String) throws -> Bool {
      let e = book.evaluator()
      var out: [UInt8] = []
      let (bytes, asOf) = (Array(ten.utf8), try Self.day(day))
      bytes.withUnsafeBufferPointer { e.evaluateLine($0, asOf: asOf, into: &out) }
      return String(decoding: out, as: UTF8.self).contains(#""allowanceOpen":true"#)
    }
    // Ten years old: under 12 once the reform starts, and no longer under the book's 2027
    // row (10), which the reform replaced; before July 2026 the book's 9 still stands.
    #expect(try holds(base, "2026-06-30") == false)
    #expect(try holds(reform, "2026-06-30") == false)
    #expect(try holds(reform, "2026-07-01") == true)
    #expect(try holds(base, "2027-06-01") == false)
    #expect(try holds(reform, "2027-06-01") == true)
  }

  @Test("the diff equals two evaluations compared output by output, rules tallied too")
  func agreesWithEvaluate() throws {
    let base = try Self.book()
    let reform = try Self.book(
      reform: """
        param allowance_age = 12 since 2026-07-01
        param allowance_amount = 110_000 won since 2026-01-01
        """)
    let asOf = try Self.day("2026-12-07")
    let report = try Self.run(base, reform, asOf: asOf)
    let expected = try Self.expected(base, reform, asOf: asOf)
    #expect(Self.outputs(report) == expected)
    #expect(report.citizens == Self.population.count)
    // Across many batches, each citizen decoded once and handed to the reform's lane.
    let narrow = try Self.run(base, reform, asOf: asOf, by: ["region"], batchWidth: 7)
    #expect(narrow.totals == report.totals)
    let rule = try #require(report.items.firstIndex { $0.isRule && $0.name == "allowance" })
    let open = try #require(report.items.firstIndex { $0.name == "allowanceOpen" })
    // The rule's tally is the yes/no output's: it holds exactly when the output is true.
    #expect(report.totals[rule].gained == report.totals[open].gained)
    #expect(report.totals[rule].gained > 0)
  }

  @Test("a reform book with other facts is decoded on its own and still agrees")
  func unsharedFacts() throws {
    let bookText = try String(
      contentsOf: Self.folder.appendingPathComponent("book.rule"), encoding: .utf8)
    let other = bookText.replacingOccurrences(
      of: "fact children: int from \"children\"",
      with: "fact children: int from \"children\"\nfact pets: int from \"pets\""
    )
    .replacingOccurrences(of: "= 9 since 2026-01-01", with: "= 11 since 2026-01-01")
    let base = try Self.book()
    let reform = try Self.book(bookText: other)
    let asOf = try Self.day("2026-12-07")
    let report = try Self.run(base, reform, asOf: asOf)
    #expect(Self.outputs(report) == (try Self.expected(base, reform, asOf: asOf)))
    #expect(!report.isEmpty)
  }

  @Test("identical books report nothing; groups split the same figures")
  func identicalAndGroups() throws {
    let base = try Self.book()
    let asOf = try Self.day("2026-12-07")
    #expect(try Self.run(base, try Self.book(), asOf: asOf, by: ["region"]).isEmpty)
    let reform = try Self.book(reform: "param allowance_amount = 110_000 won since 2026-01-01\n")
    let report = try Self.run(base, reform, asOf: asOf, by: ["region", "birth"])
    let monthly = try #require(report.items.firstIndex { $0.name == "allowanceMonthly" })
    for (fact, groups) in report.groups {
      #expect(groups.map(\.citizens).reduce(0, +) == report.citizens, "\(fact)")
      var sum = DiffReport.Tally()
      for g in groups {
        sum.changed += g.tallies[monthly].changed
        sum.difference += g.tallies[monthly].difference
      }
      #expect(sum.changed == report.totals[monthly].changed, "\(fact)")
      #expect(sum.difference == report.totals[monthly].difference, "\(fact)")
    }
    // Read from the lane's columns: the same groups the population's lines say.
    let regions = Dictionary(
      uniqueKeysWithValues: report.groups[0].groups.map { ($0.value, $0.citizens) })
    let capital = Self.population.filter { $0.contains(#""region":"capital""#) }.count
    #expect(regions == ["capital": capital, "other": Self.population.count - capital])
    let unknownBirth = Self.population.filter { !$0.contains("birthDate") }.count
    #expect(report.groups[1].groups.first { $0.value == "unknown" }?.citizens == unknownBirth)
    let bands = Set(report.groups[1].groups.map(\.value))
    #expect(bands.isSuperset(of: ["0-9", "10-19", "unknown"]), "\(bands)")
    #expect(report.totals[monthly].difference == 10_000 * report.totals[monthly].changed)
  }

  @Test("grouping by a fact the book lacks names the closest one")
  func unknownGroup() throws {
    let base = try Self.book()
    #expect(throws: DiffError.self) {
      _ = try PopulationDiff(
        base: base, reform: base, asOf: try Self.day("2026-01-01"),
        calendar: WeekendCalendar(), by: ["regoin"])
    }
  }
}
