import CivilCalendar
import RuleLanguage
import Testing

/// `because "…" if …`: the reason "왜?" gives, the first line whose condition holds, with the
/// values it names — for a "yes" and a "no" alike.
@Suite struct ReasonTests {
  static let source = """
    fact birth_date: date from "birthDate" ask "생년월일"
    fact office: bool? from "office" ask "사무직인가요?"
    rule checkup "검진"
      let birth_year = year(birth_date)
      let even = year(today) % 2 == 0
      when office == false or (year(birth_date) % 2 == 0) == even
      because "비사무직은 해마다 받아요." if office == false
      because "{birth_year}년생이라 올해 대상이에요." if (year(birth_date) % 2 == 0) == even
      because "{birth_year}년생이라 올해는 아니에요."
    """

  static func reason(_ json: String, asOf: String = "2026-03-02") throws -> String? {
    let (book, diagnostics) = RuleBook.load([RuleFile(path: "t.rule", text: source)])
    let loaded = try #require(book, "\(diagnostics)")
    let day = try #require(CivilDate(iso: asOf))
    return loaded.evaluator().trace(
      ofRule: "checkup", loaded.profile(json: Array(json.utf8)), asOf: day)?
      .reason
  }

  @Test("the first reason whose condition holds is said, with its values")
  func firstThatHolds() throws {
    #expect(try Self.reason(#"{"birthDate":"1990-05-01","office":false}"#) == "비사무직은 해마다 받아요.")
    #expect(try Self.reason(#"{"birthDate":"1990-05-01","office":true}"#) == "1990년생이라 올해 대상이에요.")
    #expect(try Self.reason(#"{"birthDate":"1991-05-01","office":true}"#) == "1991년생이라 올해는 아니에요.")
  }

  @Test("a condition on a fact not known is passed over, not taken")
  func unknownPassedOver() throws {
    #expect(try Self.reason(#"{"birthDate":"1991-05-01"}"#) == "1991년생이라 올해는 아니에요.")
  }

  @Test("a reason's condition must be a yes-or-no, and its names must exist")
  func checked() {
    let bad = """
      fact birth_date: date from "birthDate" ask "생년월일"
      rule r "검진"
        because "{nowhere}년생" if birth_date
      """
    let (book, diagnostics) = RuleBook.load([RuleFile(path: "t.rule", text: bad)])
    #expect(book == nil)
    let text = diagnostics.map(\.message).joined(separator: "\n")
    #expect(diagnostics.count == 2, "\(text)")
    #expect(diagnostics.allSatisfy { $0.span.start.line == 3 }, "\(text)")
  }
}
