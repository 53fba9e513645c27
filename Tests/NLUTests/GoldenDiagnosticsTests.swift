import Foundation
import Testing

@testable import NLU

/// Golden diagnostics: intent files beside the exact output they must produce.
///
/// Each `Golden/<case>.intent` is loaded and its rendered diagnostics compared with
/// `<case>.diag`. `RECORD_GOLDEN=1 swift test` rewrites the `.diag` files and fails the run,
/// so recording never passes silently.
@Suite struct GoldenDiagnosticsTests {
  static let cases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: RepoData.goldenPath)) ?? []
    return names.filter { $0.hasSuffix(".intent") }.map { String($0.dropLast(".intent".count)) }
      .sorted()
  }()

  @Test func thereAreCases() {
    #expect(Self.cases.count >= 8)
  }

  @Test(arguments: cases) func golden(_ name: String) throws {
    let source = RepoData.goldenPath + "/\(name).intent"
    let bytes = try #require(FileManager.default.contents(atPath: source))
    let result = IntentLoader.load(files: [("Golden/\(name).intent", [UInt8](bytes))])
    let rendered = result.renderedDiagnostics
    let expectedPath = RepoData.goldenPath + "/\(name).diag"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try rendered.write(toFile: expectedPath, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name).diag; run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(rendered == expected)
  }
}
