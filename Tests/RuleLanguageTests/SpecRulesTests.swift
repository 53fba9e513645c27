import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Testing

@Suite struct SpecRulesTests {
  static func load() throws -> RuleBook {
    let (book, diagnostics) = RuleBook.load(paths: [TestPaths.specRules.path])
    let rendered = DiagnosticRenderer(sources: [:]).render(diagnostics)
    let loaded = try #require(book, "\(rendered)")
    return loaded
  }

  @Test("SPEC 규칙 파일은 오류 없이 읽힌다")
  func loadsWithoutDiagnostics() throws {
    let (book, diagnostics) = RuleBook.load(paths: [TestPaths.specRules.path])
    var sources: [String: String] = [:]
    for d in diagnostics {
      sources[d.span.path] = (try? String(contentsOfFile: d.span.path, encoding: .utf8)) ?? ""
    }
    #expect(diagnostics.isEmpty, "\(DiagnosticRenderer(sources: sources).render(diagnostics))")
    #expect(book != nil)
  }

  @Test("SPEC 규칙 파일 안의 test 블록이 모두 통과한다")
  func embeddedTestsPass() throws {
    let book = try Self.load()
    let outcomes = book.runTests()
    #expect(outcomes.count >= 15)
    for o in outcomes where !o.passed {
      Issue.record("\(o.title): \(book.render(o.failures))")
    }
  }
}
