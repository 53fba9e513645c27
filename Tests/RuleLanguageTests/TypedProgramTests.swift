import Foundation
import RuleLanguage
import Testing

/// Golden typed programs: the checker lowers a few books exactly as recorded.
///
/// Each case loads its files (paths from the repository) together and compares
/// `typedProgramText` with
/// `Golden/Programs/<case>.program`; `RECORD_GOLDEN=1 swift test` rewrites them and fails.
@Suite struct TypedProgramTests {
  static let cases: [String: [String]] = [
    "spec-license": ["bench/rules/spec/citizen.rule", "bench/rules/spec/license.rule"],
    "spec-car": ["bench/rules/spec/citizen.rule", "bench/rules/spec/car.rule"],
    "rules-checkup": ["Rules/citizen.rule", "Rules/health/checkup.rule"],
  ]

  static func text(_ files: [String]) throws -> String {
    let rules = try files.map { path in
      let url = TestPaths.repository.appendingPathComponent(path)
      return RuleFile(path: path, text: try String(contentsOf: url, encoding: .utf8))
    }
    let (book, diagnostics) = RuleBook.load(rules)
    guard let book else { throw LoadFailed(diagnostics: diagnostics.map(\.message)) }
    return book.typedProgramText
  }

  struct LoadFailed: Error { var diagnostics: [String] }

  @Test(arguments: cases.keys.sorted()) func golden(_ name: String) throws {
    let text = try Self.text(Self.cases[name] ?? [])
    let file = TestPaths.golden.appendingPathComponent("Programs/\(name).program")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try text.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name).program; run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(text == expected, "\(name): got\n\(text)")
  }

  /// Every operation of the shipped books is typed: a book that loads holds no failed check.
  @Test(arguments: ["Rules", "bench/rules/spec"]) func shippedBooksLowerCompletely(_ path: String)
    throws
  {
    let (book, _) = RuleBook.load(paths: [TestPaths.repository.appendingPathComponent(path).path])
    let text = try #require(book).typedProgramText
    #expect(!text.contains(": <error> @"))
    #expect(!text.contains("\ninvalid") && !text.contains(" invalid: "))
  }
}
