import RuleLanguage
import Testing

@Suite struct FactKindTests {
  @Test func factsDescribeTheAnswersTheyTake() throws {
    let source = """
      enum Employment { office label "사무직", non_office label "비사무직", self_employed = "self" label "자영업", jobless = "none" }
      record Car { cc: int }
      fact employment: Employment from "employment" ask "직업"
      fact birth_date: date from "birthDate" label "생년월일" ask "생일"
      fact head: bool from "householdHead" ask "세대주?"
      fact quit: int? from "quitYears" ask "금연 연수"
      fact cars: [Car] from "vehicles" ask "차"
      """
    let (book, diagnostics) = RuleBook.load([RuleFile(path: "k.rule", text: source)])
    let loaded = try #require(book, "\(diagnostics)")
    let employment = try #require(loaded.factKind("employment"))
    #expect(
      employment.kind
        == .choice([
          FactChoice(name: "office", json: "office", label: "사무직"),
          FactChoice(name: "non_office", json: "non_office", label: "비사무직"),
          FactChoice(name: "self_employed", json: "self", label: "자영업"),
          FactChoice(name: "jobless", json: "none", label: nil),
        ]))
    #expect(loaded.factKind("birth_date")?.kind == .date)
    #expect(loaded.facts.first { $0.name == "birth_date" }?.label == "생년월일")
    #expect(loaded.facts.first { $0.name == "head" }?.label == nil)
    #expect(loaded.factKind("head")?.kind == .bool)
    #expect(loaded.factKind("quit")?.optional == true)
    #expect(loaded.factKind("cars")?.kind == .structured("[Car]"))
    #expect(loaded.factKind("nothing") == nil)
  }

  @Test func aLabelMustBeAString() {
    let (book, diagnostics) = RuleBook.load([
      RuleFile(path: "k.rule", text: "enum E { a label 3 }")
    ])
    #expect(book == nil)
    #expect(diagnostics.first?.message.contains("label") == true)
  }
}
