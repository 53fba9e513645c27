import Diagnostics
import Foundation
import RuleLanguage
import Testing

/// Golden diagnostics: every mistake in `Golden/` renders exactly as recorded.
///
/// Each `Golden/<case>.rule` is loaded alone (its `test` blocks run if it loads) and the
/// rendered diagnostics must equal `Golden/<case>.diag` exactly.
/// `RECORD_GOLDEN=1 swift test` rewrites the `.diag` files and fails, so recording never passes.
@Suite struct GoldenDiagnosticsTests {
  static let cases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.golden.path)) ?? []
    return names.filter { $0.hasSuffix(".rule") }.map { String($0.dropLast(5)) }.sorted()
  }()

  static func render(_ name: String) throws -> String {
    let url = TestPaths.golden.appendingPathComponent(name + ".rule")
    let text = try String(contentsOf: url, encoding: .utf8)
    let path = "Golden/\(name).rule"
    let (book, diagnostics) = RuleBook.load([RuleFile(path: path, text: text)])
    var all = diagnostics
    if let book {
      for outcome in book.runTests() { all += outcome.failures }
    }
    return DiagnosticRenderer(sources: [path: text]).render(all)
  }

  @Test("there are at least 40 distinct mistakes") func enoughCases() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases) func golden(_ name: String) throws {
    let rendered = try Self.render(name)
    let diag = TestPaths.golden.appendingPathComponent(name + ".diag")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try rendered.write(to: diag, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name).diag; run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOf: diag, encoding: .utf8)
    #expect(rendered == expected, "\(name): got\n\(rendered)")
    #expect(!rendered.isEmpty, "\(name) should report a mistake")
  }
}
