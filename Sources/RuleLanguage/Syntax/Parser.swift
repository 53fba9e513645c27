import CivilCalendar
import Diagnostics

/// Thrown inside the parser after a diagnostic is recorded; caught where it can resynchronize.
struct ParseFailure: Error {}

/// Recursive-descent parser with recovery: an error skips to the next clause or declaration
/// keyword, so one file reports all of its mistakes.
struct Parser {
  var tokens: [Token]
  var index = 0
  var diagnostics: [Diagnostic] = []
  let path: String

  init(path: String, text: String) {
    var lexer = Lexer(path: path, text: text)
    tokens = lexer.tokenize()
    diagnostics = lexer.diagnostics
    self.path = path
  }

  var current: Token { tokens[index] }
  var previous: Token { tokens[max(index - 1, 0)] }
  func lookahead(_ k: Int) -> Token { tokens[min(index + k, tokens.count - 1)] }

  mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  /// Every declaration in the file, skipping the ones that failed to parse.
  mutating func parseFile() -> [Declaration] {
    var result: [Declaration] = []
    while current.kind != .end {
      do {
        if let d = try declaration() { result.append(d) }
      } catch {
        synchronize(toClause: false)
      }
    }
    return result
  }

  mutating func fail(_ d: Diagnostic) -> ParseFailure {
    diagnostics.append(d)
    return ParseFailure()
  }

  /// Skips to the next declaration keyword (or clause keyword when inside a declaration).
  mutating func synchronize(toClause: Bool) {
    if current.kind != .end { advance() }
    while current.kind != .end {
      if current.kind == .word {
        if Keywords.declarations.contains(current.text) { return }
        if toClause, Parser.clauseStarts.contains(current.text) { return }
      }
      advance()
    }
  }

  static let clauseStarts: Set<String> = [
    "let", "when", "output", "remind", "because", "source", "given", "expect", "yields",
  ]

  // MARK: - Small helpers

  mutating func accept(symbol: String) -> Bool {
    guard current.isSymbol(symbol) else { return false }
    advance()
    return true
  }

  mutating func accept(word: String) -> Bool {
    guard current.isWord(word) else { return false }
    advance()
    return true
  }

  mutating func expect(symbol: String, _ context: String) throws(ParseFailure) {
    guard accept(symbol: symbol) else {
      throw fail(RuleMessage.expected("'\(symbol)' \(context)", found: current))
    }
  }

  mutating func expect(word: String, _ context: String) throws(ParseFailure) {
    guard accept(word: word) else {
      throw fail(RuleMessage.expected("'\(word)' \(context)", found: current))
    }
  }

  /// A name that is not a keyword.
  mutating func name(_ what: String) throws(ParseFailure) -> Name {
    guard current.kind == .word else {
      throw fail(RuleMessage.expected(what, found: current))
    }
    if Keywords.reserved.contains(current.text) {
      throw fail(RuleMessage.keywordAsName(current))
    }
    let n = Name(text: current.text, span: current.span)
    advance()
    return n
  }

  mutating func string(_ what: String) throws(ParseFailure) -> String {
    guard current.kind == .string else {
      throw fail(RuleMessage.expected(what, found: current))
    }
    let s = current.text
    advance()
    return s
  }

  mutating func type() throws(ParseFailure) -> TypeSyntax {
    var t: TypeSyntax
    let start = current.span
    if accept(symbol: "[") {
      let element = try type()
      try expect(symbol: "]", "to close the list type")
      t = .list(element, start.to(previous.span))
    } else {
      guard current.kind == .word, !Keywords.reserved.contains(current.text) else {
        throw fail(RuleMessage.expected("a type", found: current, notes: [RuleMessage.typeNote]))
      }
      t = .named(current.text, current.span)
      advance()
    }
    while accept(symbol: "?") { t = .optional(t, start.to(previous.span)) }
    return t
  }

  // MARK: - Declarations

  mutating func declaration() throws(ParseFailure) -> Declaration? {
    let t = current
    guard t.kind == .word, Keywords.declarations.contains(t.text) else {
      throw fail(RuleMessage.expectedDeclaration(found: t))
    }
    advance()
    switch t.text {
    case "fact": return .fact(try factBody(event: nil))
    case "enum": return .enumeration(try enumBody())
    case "record": return .record(try recordBody())
    case "param": return .param(try paramBody())
    case "fn": return .function(try functionBody())
    case "rule": return .rule(try ruleBody())
    case "event": return .event(try eventBody())
    default: return .test(try testBody(start: t.span))
    }
  }

  mutating func factBody(event: String?) throws(ParseFailure) -> FactDecl {
    let n = try name("a fact name")
    try expect(symbol: ":", "after the fact name")
    let t = try type()
    var fact = FactDecl(name: n, type: t, key: nil, ask: nil, label: nil, event: event)
    while true {
      if accept(word: "from") {
        fact.key = try string("a profile key in quotes after 'from'")
      } else if accept(word: "ask") {
        fact.ask = try string("a question in quotes after 'ask'")
      } else if accept(word: "label") {
        fact.label = try string("the fact's Korean name in quotes after 'label'")
      } else if accept(word: "past") {
        fact.past = true
      } else if accept(word: "month") {
        fact.month = true
      } else if accept(word: "rare") {
        fact.rare = true
      } else {
        return fact
      }
    }
  }

  mutating func enumBody() throws(ParseFailure) -> EnumDecl {
    let n = try name("an enum name")
    try expect(symbol: "{", "to open the enum's cases")
    var cases: [(name: Name, json: String, label: String?)] = []
    repeat {
      if current.isSymbol("}") { break }
      let c = try name("a case name")
      var json = c.text
      if accept(symbol: "=") { json = try string("the case's profile text in quotes") }
      var label: String?
      if accept(word: "label") {
        label = try string("the case's Korean label in quotes after 'label'")
      }
      cases.append((c, json, label))
    } while accept(symbol: ",")
    try expect(symbol: "}", "to close the enum's cases")
    return EnumDecl(name: n, cases: cases)
  }

  mutating func recordBody() throws(ParseFailure) -> RecordDecl {
    let n = try name("a record name")
    try expect(symbol: "{", "to open the record's fields")
    var fields: [(name: Name, type: TypeSyntax, key: String)] = []
    var asks: [String: (ask: String, past: Bool)] = [:]
    var labels: [String: String] = [:]
    repeat {
      if current.isSymbol("}") { break }
      let f = try name("a field name")
      try expect(symbol: ":", "after the field name")
      let t = try type()
      var key = f.text
      if accept(word: "from") { key = try string("a profile key in quotes after 'from'") }
      if accept(word: "label") {
        labels[f.text] = try string("the field's words in quotes after 'label'")
      }
      if accept(word: "ask") {
        let question = try string("a question in quotes after 'ask'")
        asks[f.text] = (question, accept(word: "past"))
      }
      fields.append((f, t, key))
    } while accept(symbol: ",")
    try expect(symbol: "}", "to close the record's fields")
    return RecordDecl(name: n, fields: fields, asks: asks, labels: labels)
  }

  mutating func paramBody() throws(ParseFailure) -> ParamDecl {
    let n = try name("a parameter name")
    try expect(symbol: ":", "after the parameter name")
    let t = try type()
    var p = ParamDecl(name: n, type: t, rows: [], source: nil)
    try paramRows(of: n, into: &p.rows, source: &p.source)
    return p
  }

  /// A parameter's `= VALUE [since DATE]` rows and its `source`, in any order; at least one
  /// row.
  mutating func paramRows(
    of n: Name, into rows: inout [(value: Expr, since: CivilDate?, span: SourceSpan)],
    source: inout String?
  ) throws(ParseFailure) {
    while true {
      if accept(word: "source") {
        source = try string("a citation in quotes after 'source'")
      } else if current.isSymbol("=") {
        let start = current.span
        advance()
        let value = try expression()
        var since: CivilDate?
        if accept(word: "since") {
          guard current.kind == .date, let d = current.date else {
            throw fail(RuleMessage.expectedDateAfterSince(found: current))
          }
          since = d
          advance()
        }
        rows.append((value, since, start.to(previous.span)))
      } else {
        break
      }
    }
    if rows.isEmpty { throw fail(RuleMessage.paramWithoutValue(n, found: current)) }
  }

  mutating func functionBody() throws(ParseFailure) -> FunctionDecl {
    let n = try name("a function name")
    try expect(symbol: "(", "after the function name")
    var params: [(name: Name, type: TypeSyntax)] = []
    if !current.isSymbol(")") {
      repeat {
        let p = try name("a parameter name")
        try expect(symbol: ":", "after the parameter name")
        params.append((p, try type()))
      } while accept(symbol: ",")
    }
    try expect(symbol: ")", "to close the parameter list")
    try expect(symbol: ":", "and the result type after the parameters")
    let result = try type()
    try expect(symbol: "=", "before the function body")
    return FunctionDecl(name: n, parameters: params, result: result, body: try expression())
  }
}

extension SourceSpan {
  /// The span from the start of `self` to the end of `other`.
  func to(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(path: path, start: start, end: max(end, other.end))
  }
}
