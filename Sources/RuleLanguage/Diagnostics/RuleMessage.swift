import CivilCalendar
import Diagnostics

/// Every message of the rule language, with its stable code.
///
/// Codes: R01xx lexing and parsing, R02xx names, R03xx types, R04xx parameters, tests and
/// structure; runtime faults (located, in a rule's result) have no code.
enum RuleMessage {
  static let typeNote =
    "types are bool, int, money, decimal, text, date, duration, an enum, a record, [T] or T?"

  // MARK: R01xx — lexing and parsing

  static func unexpectedCharacter(_ c: Character, at span: SourceSpan) -> Diagnostic {
    .error("R0101", at: span, "unexpected character '\(c)'")
  }

  static func nonASCIIName(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0102", at: span, "names are written in ASCII letters, digits and '_', found '\(text)'",
      notes: ["put Korean in a rule's title, an 'ask' prompt or a message: rule checkup \"건강검진\""])
  }

  static func badDate(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0103", at: span, "'\(text)' is not a calendar date", notes: ["dates are written YYYY-MM-DD"]
    )
  }

  static func badNumber(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0104", at: span, "number '\(text)' is out of range",
      notes: ["whole numbers fit in 64 bits; decimals have at most 6 digits after the point"])
  }

  static func badEscape(_ c: Character, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0105", at: span, "unknown escape '\\\(c)' in a string",
      notes: ["escapes are \\n, \\t, \\\" and \\\\"])
  }

  static func unterminatedString(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0106", at: span, "string is not closed on its line",
      notes: ["add '\"' at the end of the text"])
  }

  static func expectedDateAfterSince(found t: Token) -> Diagnostic {
    .error(
      "R0107", at: t.span, "expected a date after 'since', found \(t.quoted)",
      notes: ["dates are written YYYY-MM-DD"])
  }

  static func expected(_ what: String, found t: Token, notes: [String] = []) -> Diagnostic {
    .error("R0108", at: t.span, "expected \(what), found \(t.quoted)", notes: notes)
  }

  static func keywordAsName(_ t: Token) -> Diagnostic {
    .error("R0109", at: t.span, "'\(t.text)' is a keyword and cannot be used as a name")
  }

  static func expectedDeclaration(found t: Token) -> Diagnostic {
    .error(
      "R0110", at: t.span, "expected a declaration, found \(t.quoted)",
      notes: ["a file holds fact, enum, record, param, fn, rule, event and test declarations"])
  }

  static func expectedClause(found t: Token) -> Diagnostic {
    .error(
      "R0111", at: t.span, "expected a rule clause, found \(t.quoted)",
      notes: ["a rule holds source, let, when, output and remind clauses"])
  }

  static func clauseNotInRule(_ t: Token) -> Diagnostic {
    .error("R0112", at: t.span, "'\(t.text)' does not belong in a rule")
  }

  static func expectedExpression(found t: Token) -> Diagnostic {
    .error("R0113", at: t.span, "expected an expression, found \(t.quoted)")
  }

  static func paramWithoutValue(_ n: Name, found t: Token) -> Diagnostic {
    .error(
      "R0114", at: t.span, "expected '= value' for parameter '\(n.text)', found \(t.quoted)",
      notes: ["write: param \(n.text): int = 20 since 1995-01-01"])
  }

  static func expectedOverride(found t: Token) -> Diagnostic {
    .error(
      "R0601", at: t.span, "expected a parameter override, found \(t.quoted)",
      notes: ["a reform file holds only: param NAME = VALUE since DATE"])
  }

  static func typeInOverride(_ n: Name, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0602", at: span, "a reform does not restate the type of '\(n.text)'",
      notes: ["the rule book's type stands: param \(n.text) = VALUE since DATE"])
  }

  static func unknownOverride(_ n: Name, suggestion: String?) -> Diagnostic {
    .error(
      "R0603", at: n.span, "the rule book has no parameter '\(n.text)'",
      notes: Suggest.note(suggestion))
  }

  static func overrideTwice(_ n: Name, first: SourceSpan) -> Diagnostic {
    .error(
      "R0604", at: n.span, "parameter '\(n.text)' is overridden twice",
      notes: ["first overridden at line \(first.start.line); give it several rows there instead"])
  }

  static func testWithoutExpect(found t: Token) -> Diagnostic {
    .error(
      "R0115", at: t.span, "expected 'expect' in the test, found \(t.quoted)",
      notes: ["a test needs at least one expectation"])
  }

  static func notANumber(_ t: Token) -> Diagnostic {
    .error(
      "R0116", at: t.span, "'\(t.text)' is not a number",
      notes: ["write units in English after a space: 30 days, 2 months, 100_000 won"])
  }

  // MARK: R02xx — names

  static func duplicateName(_ n: Name, kind: String, first: SourceSpan) -> Diagnostic {
    .error(
      "R0201", at: n.span, "'\(n.text)' is declared twice",
      notes: ["the first declaration is at \(first)"])
  }

  static func unknownName(_ n: String, at span: SourceSpan, suggestion: String?) -> Diagnostic {
    .error("R0202", at: span, "unknown name '\(n)'", notes: Suggest.note(suggestion))
  }

  static func unknownType(_ n: String, at span: SourceSpan, suggestion: String?) -> Diagnostic {
    .error("R0203", at: span, "unknown type '\(n)'", notes: Suggest.note(suggestion) + [typeNote])
  }

  static func unknownFunction(_ n: String, at span: SourceSpan, suggestion: String?) -> Diagnostic {
    .error("R0204", at: span, "unknown function '\(n)'", notes: Suggest.note(suggestion))
  }

  static func unknownField(_ f: String, record: String, at span: SourceSpan, suggestion: String?)
    -> Diagnostic
  {
    .error(
      "R0205", at: span, "record '\(record)' has no field '\(f)'", notes: Suggest.note(suggestion))
  }

  static func unknownCase(_ c: String, enumName: String, at span: SourceSpan, cases: [String])
    -> Diagnostic
  {
    .error(
      "R0206", at: span, "enum '\(enumName)' has no case '\(c)'",
      notes: ["its cases are \(cases.joined(separator: ", "))"])
  }

  static func ambiguousCase(_ c: String, enums: [String], at span: SourceSpan) -> Diagnostic {
    .error(
      "R0207", at: span, "case '\(c)' belongs to several enums",
      notes: ["write \(enums.map { "\($0).\(c)" }.joined(separator: " or "))"])
  }

  static func unknownRule(_ n: Name, suggestion: String?) -> Diagnostic {
    .error("R0208", at: n.span, "unknown rule '\(n.text)'", notes: Suggest.note(suggestion))
  }

  static func unknownFact(_ n: Name, suggestion: String?) -> Diagnostic {
    .error("R0209", at: n.span, "unknown fact '\(n.text)'", notes: Suggest.note(suggestion))
  }

  static func unknownOutput(_ n: Name, suggestion: String?) -> Diagnostic {
    .error("R0210", at: n.span, "unknown output '\(n.text)'", notes: Suggest.note(suggestion))
  }

  static func duplicateField(_ f: String, at span: SourceSpan) -> Diagnostic {
    .error("R0211", at: span, "field '\(f)' is declared twice")
  }

  static func labelOnNonBoolField(_ f: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0221", at: span, "field '\(f)' has a label, but only yes/no fields are named by words",
      notes: ["make it 'bool?', or give its enum's cases labels instead"])
  }

  static func monthOnNonDateFact(_ f: String, at span: SourceSpan) -> Diagnostic {
    .error("R0222", at: span, "fact '\(f)' says 'month', but only a date is answered by a month")
  }

  static func duplicateCase(_ c: String, at span: SourceSpan) -> Diagnostic {
    .error("R0212", at: span, "case '\(c)' is declared twice")
  }

  static func duplicateParameter(_ n: Name) -> Diagnostic {
    .error("R0213", at: n.span, "parameter '\(n.text)' is declared twice")
  }

  static func shadowing(_ n: Name) -> Diagnostic {
    .error(
      "R0214", at: n.span, "'\(n.text)' is already a name here",
      notes: ["pick another name for the 'let'"])
  }

  static func functionWithoutCall(_ n: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0215", at: span, "'\(n)' is a function and needs arguments", notes: ["call it: \(n)(…)"])
  }

  static func ruleCycle(_ r: String, through d: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0216", at: span, "rule '\(r)' depends on itself through '\(d)'",
      notes: ["rules may use each other only without cycles"])
  }

  static func recursiveFunction(_ f: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0217", at: span, "function '\(f)' calls itself",
      notes: ["use 'iterate' for repetition; functions are not recursive"])
  }

  static func ruleInFunction(_ r: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0218", at: span, "function bodies cannot use rule '\(r)'",
      notes: ["pass the value in as an argument"])
  }

  static func tooManyFacts(at span: SourceSpan) -> Diagnostic {
    .error("R0219", at: span, "a rule book holds at most \(FactSet.capacity) facts")
  }

  static func badKeyPath(_ key: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0220", at: span, "profile key '\(key)' is not a dotted path",
      notes: ["write keys like \"driverLicense.issueDate\""])
  }

  // MARK: R03xx — types

  static func typeMismatch(
    expected: RuleType, found: RuleType, at span: SourceSpan, names: TypeNames
  ) -> Diagnostic {
    var notes: [String] = []
    if found.isOptional, !expected.isOptional {
      notes.append("the value may be none; give a default with '??'")
    }
    if expected == .money, found == .decimal { notes.append("round to whole won with floor(…)") }
    return .error(
      "R0301", at: span, "expected \(names.describe(expected)), found \(names.describe(found))",
      notes: notes)
  }

  static func conditionNotBool(_ t: RuleType, at span: SourceSpan, names: TypeNames) -> Diagnostic {
    .error("R0302", at: span, "a condition must be bool, found \(names.describe(t))")
  }

  static func badOperands(
    _ op: String, _ a: RuleType, _ b: RuleType, at span: SourceSpan, names: TypeNames
  ) -> Diagnostic {
    .error(
      "R0303", at: span, "'\(op)' cannot combine \(names.describe(a)) and \(names.describe(b))")
  }

  static func badOperand(_ op: String, _ a: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error("R0304", at: span, "'\(op)' cannot apply to \(names.describe(a))")
  }

  static func optionalOperand(_ op: String, _ t: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0305", at: span, "'\(op)' needs a value, found \(names.describe(t)) which may be none",
      notes: ["give a default with '??' or test it with '== none' first"])
  }

  static func cannotCompare(_ a: RuleType, _ b: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error("R0306", at: span, "cannot compare \(names.describe(a)) with \(names.describe(b))")
  }

  static func cannotOrder(_ a: RuleType, _ b: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0307", at: span, "cannot order \(names.describe(a)) and \(names.describe(b))",
      notes: ["only numbers, dates and text have an order"])
  }

  static func branchMismatch(_ a: RuleType, _ b: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0308", at: span,
      "both branches must have one type, found \(names.describe(a)) and \(names.describe(b))")
  }

  static func coalesceNonOptional(_ t: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0309", at: span, "'??' needs an optional value on its left, found \(names.describe(t))")
  }

  static func memberOfNonRecord(
    _ f: String, type t: RuleType, at span: SourceSpan, names: TypeNames
  ) -> Diagnostic {
    .error("R0310", at: span, "'.\(f)' needs a record, found \(names.describe(t))")
  }

  static func listMismatch(_ a: RuleType, _ b: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0311", at: span,
      "list items must have one type, expected \(names.describe(a)), found \(names.describe(b))")
  }

  static func emptyListNeedsType(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0312", at: span, "the type of an empty list is not known here",
      notes: ["give the 'let' or output a type: let xs: [int] = []"])
  }

  static func missingField(_ f: String, record: String, at span: SourceSpan) -> Diagnostic {
    .error("R0313", at: span, "record '\(record)' needs field '\(f)'")
  }

  static func wrongArity(
    _ f: String, expected: Int, found: Int, at span: SourceSpan, signature: String?
  ) -> Diagnostic {
    .error(
      "R0314", at: span,
      "'\(f)' takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)",
      notes: signature.map { [$0] } ?? [])
  }

  static func badArguments(
    _ f: String, _ types: [RuleType], at span: SourceSpan, signature: String, names: TypeNames
  ) -> Diagnostic {
    .error(
      "R0315", at: span,
      "'\(f)' cannot take (\(types.map(names.describe).joined(separator: ", ")))",
      notes: [signature])
  }

  static func optionalArgument(_ f: String, _ t: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0316", at: span, "'\(f)' needs a value, found \(names.describe(t)) which may be none",
      notes: ["give a default with '??'"])
  }

  static func aggregateOverNonList(
    _ k: String, _ t: RuleType, at span: SourceSpan, names: TypeNames
  ) -> Diagnostic {
    .error("R0317", at: span, "'\(k)' runs over a list, found \(names.describe(t))")
  }

  static func aggregateBodyNotAllowed(_ k: String, at span: SourceSpan) -> Diagnostic {
    .error("R0318", at: span, "'\(k)' takes a 'where' condition, not a ': value'")
  }

  static func aggregateNeedsCondition(_ k: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0319", at: span, "'\(k)' needs a condition",
      notes: ["write \(k)(v in vehicles where v.fuel == ev)"])
  }

  static func aggregateBodyType(_ k: String, _ t: RuleType, at span: SourceSpan, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0320", at: span,
      "'\(k)' needs numbers\(k == "sum" ? "" : " or dates"), found \(names.describe(t))")
  }

  static func aggregateNeedsValue(_ k: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "R0321", at: span, "'\(k)' needs a value for each element",
      notes: ["write \(k)(v in vehicles: v.cc)"])
  }

  // MARK: R04xx — parameters, rules and tests

  static func paramRowWithoutDate(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0401", at: span, "every value after the first needs 'since DATE'",
      notes: ["values change on the day a law takes effect"])
  }

  static func paramRowsOutOfOrder(at span: SourceSpan, previous: CivilDate) -> Diagnostic {
    .error("R0402", at: span, "values must be listed in date order, after \(previous)")
  }

  static func paramNotConstant(at span: SourceSpan) -> Diagnostic {
    .error("R0403", at: span, "a parameter's value must not depend on facts")
  }

  static func secondCondition(at span: SourceSpan, first: SourceSpan) -> Diagnostic {
    .error(
      "R0404", at: span, "a rule has one 'when'",
      notes: ["join conditions with 'and'; the first 'when' is at \(first)"])
  }

  static func testWithoutToday(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0405", at: span, "the test does not say which day it is",
      notes: ["add 'today = YYYY-MM-DD' to 'given'"])
  }

  static func paramReadsToday(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0406", at: span, "a parameter's value must not depend on 'today'",
      notes: ["give each value its own 'since DATE' row instead"])
  }

  static func givenNotConstant(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0407", at: span, "a given value must be written out, not computed from facts",
      notes: ["write the value itself: birth_date = 1990-05-01"])
  }

  static func eventWritesWithoutAsk(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0408", at: span, "an event writes the day it asks for, and this one asks for none",
      notes: ["add: asks \"…언제인가요?\" past"])
  }

  static func eventWriteTarget(_ fact: Name, appends: Bool) -> Diagnostic {
    .error(
      "R0409", at: fact.span,
      appends
        ? "'adds' appends to a list of records, and '\(fact.text)' is not one"
        : "'sets' fills a record, and '\(fact.text)' is not one",
      notes: ["'adds children { … }' for [Child]; 'sets pregnancy { … }' for Pregnancy?"])
  }

  static func eventValue(_ word: Name, field: String, type: RuleType, names: TypeNames)
    -> Diagnostic
  {
    .error(
      "R0410", at: word.span,
      "'\(word.text)' cannot be the value of '\(field)' (\(names.describe(type)))",
      notes: [
        "values are 'day' (a date field), 'position' or 'multiple' (an int), 'said' or a case"
          + " (an enum field)"
      ])
  }

  static func eventDayNotWritten(at span: SourceSpan) -> Diagnostic {
    .error(
      "R0411", at: span, "the day this event asks for is written nowhere",
      notes: ["write it: adds life_events { date: day }"])
  }

  // MARK: Runtime faults (inside a rule's result)

  static let overflow = "arithmetic overflow"
  static let divisionByZero = "division by zero"
  static let invalidDate = "no such date"

  static func iterationLimit(_ n: Int) -> String { "'iterate' did not stop within \(n) steps" }

  static func paramUndefined(_ p: String, on day: CivilDate) -> String {
    "parameter '\(p)' has no value on \(day)"
  }
}

/// "Did you mean …?" by edit distance.
enum Suggest {
  static func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(1, word.count / 3)
    var best: (String, Int)?
    for c in Set(candidates) where c != word {
      let d = distance(Array(word), Array(c))
      if d <= limit, best.map({ d < $0.1 || (d == $0.1 && c < $0.0) }) ?? true { best = (c, d) }
    }
    return best?.0
  }

  static func note(_ s: String?) -> [String] { s.map { ["did you mean '\($0)'?"] } ?? [] }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where i <= a.count {
      var prev = row[0]
      row[0] = i
      for j in 1...max(b.count, 1) where j <= b.count {
        let cur = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
        prev = cur
      }
    }
    return row[b.count]
  }
}
