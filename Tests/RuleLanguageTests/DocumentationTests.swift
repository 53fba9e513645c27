import Foundation
import RuleLanguage
import Testing

/// The example at the top of docs/rule-language.md must load and pass its own tests.
@Suite struct DocumentationTests {
  @Test("docs/rule-language.md의 예제는 오류 없이 읽히고 테스트를 통과한다")
  func documentedExampleWorks() throws {
    let url = TestPaths.repository.appendingPathComponent("docs/rule-language.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: "```\n# R1."))
    let body = text[start.upperBound...]
    let end = try #require(body.range(of: "```"))
    let example = "# R1." + body[..<end.lowerBound]
    let b = try book(example, path: "docs/rule-language.md")
    let outcomes = b.runTests()
    #expect(outcomes.count == 2)
    #expect(outcomes.allSatisfy { $0.passed })
  }

  @Test("the reform example in docs/rule-language.md loads over the shipped rules")
  func documentedReformLoads() throws {
    let url = TestPaths.repository.appendingPathComponent("docs/rule-language.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: "```\n# 국가장학금"))
    let body = text[text.index(after: text.index(start.lowerBound, offsetBy: 2))...]
    let end = try #require(body.range(of: "```"))
    let path = NSTemporaryDirectory() + "doc-\(UUID().uuidString).reform"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try String(body[..<end.lowerBound]).write(toFile: path, atomically: true, encoding: .utf8)
    let rules = TestPaths.repository.appendingPathComponent("Rules").path
    let (book, diagnostics) = RuleBook.load(paths: [rules], reform: [path])
    #expect(book != nil, "\(diagnostics)")
  }
}
