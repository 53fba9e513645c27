import Diagnostics
import Testing

@Suite struct DiagnosticRendererTests {
  @Test("캐럿은 한글 폭 2에 맞춰 정렬된다")
  func caretAlignsUnderHangul() {
    let source = "line one\nparam checkup_min_age: int = 20 since 1995년\n"
    let path = "Rules/health/checkup.rule"
    let span = SourceSpan(path: path, line: 2, column: 39, length: 5)
    let d = Diagnostic.error(
      "R0107", at: span, "expected a date after 'since', found '1995년'",
      notes: ["dates are written YYYY-MM-DD"])
    let text = DiagnosticRenderer(sources: [path: source]).render(d)
    #expect(
      text == """
        Rules/health/checkup.rule:2:39: error: expected a date after 'since', found '1995년' [R0107]
           2 | param checkup_min_age: int = 20 since 1995년
             |                                       ^~~~~~
        note: dates are written YYYY-MM-DD

        """)
  }

  @Test func hangulBeforeTheSpanWidensThePadding() {
    let source = "사실 x"
    let d = Diagnostic.error("", at: SourceSpan(path: "a", line: 1, column: 4), "bad")
    let text = DiagnosticRenderer(sources: ["a": source]).render(d)
    #expect(text.contains("     |      ^\n"))
  }

  @Test func missingSourceRendersOnlyTheHeadline() {
    let d = Diagnostic(.warning, at: SourceSpan(path: "p", line: 9, column: 1), "odd")
    #expect(DiagnosticRenderer().render(d) == "p:9:1: warning: odd\n")
  }

  @Test func sortingIsByPathThenPosition() {
    let a = Diagnostic.error("", at: SourceSpan(path: "a", line: 2, column: 1), "x")
    let b = Diagnostic.error("", at: SourceSpan(path: "a", line: 1, column: 5), "y")
    #expect([a, b].sortedByPosition().map(\.message) == ["y", "x"])
    #expect([a, b].hasErrors)
  }

  @Test func displayWidthCountsHangulAsTwo() {
    #expect(DisplayWidth.of("ab한글") == 6)
    #expect(DisplayWidth.of("ㄱ") == 2)
  }
}
