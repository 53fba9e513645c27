import CivilCalendar
import Diagnostics

extension Parser {
  /// `rule NAME ["title"] clause*` — a failed clause skips to the next clause keyword.
  mutating func ruleBody() throws(ParseFailure) -> RuleDecl {
    let n = try name("a rule name")
    var rule = RuleDecl(name: n, title: nil, source: nil, items: [])
    if current.kind == .string {
      rule.title = current.text
      advance()
    }
    while current.kind == .word, Parser.clauseStarts.contains(current.text) {
      do {
        try ruleClause(&rule)
      } catch {
        synchronize(toClause: true)
      }
    }
    if current.kind != .end,
      !(current.kind == .word && Keywords.declarations.contains(current.text))
    {
      throw fail(RuleMessage.expectedClause(found: current))
    }
    return rule
  }

  private mutating func ruleClause(_ rule: inout RuleDecl) throws(ParseFailure) {
    let keyword = current
    advance()
    switch keyword.text {
    case "source":
      rule.source = try string("a citation in quotes after 'source'")
    case "let":
      let n = try name("a name after 'let'")
      var t: TypeSyntax?
      if accept(symbol: ":") { t = try type() }
      try expect(symbol: "=", "after the name in 'let'")
      rule.items.append(.binding(name: n, type: t, value: try expression()))
    case "when":
      rule.items.append(.condition(try expression()))
    case "output":
      let n = try name("an output name")
      var t: TypeSyntax?
      if accept(symbol: ":") { t = try type() }
      try expect(symbol: "=", "after the output name")
      let value = try expression()
      var otherwise: Expr?
      if accept(word: "otherwise") { otherwise = try expression() }
      rule.items.append(.output(name: n, type: t, value: value, otherwise: otherwise))
      if accept(word: "label") {
        rule.outputLabels[n.text] = try string("the output's Korean name in quotes after 'label'")
      }
    case "remind":
      rule.items.append(.reminder(try reminder(keyword.span)))
    case "because":
      let messageSpan = current.span
      let message = try string("the reason in quotes after 'because'")
      let condition = accept(word: "if") ? try expression() : nil
      rule.items.append(
        .reason(ReasonDecl(message: message, messageSpan: messageSpan, condition: condition)))
    default:
      throw fail(RuleMessage.clauseNotInRule(keyword))
    }
  }

  private mutating func reminder(_ start: SourceSpan) throws(ParseFailure) -> ReminderDecl {
    try expect(word: "within", "after 'remind'")
    let from = try expression()
    try expect(symbol: "..", "between the window's first and last day")
    let to = try expression()
    var notify: [(offset: Expr, before: Bool, fromEnd: Bool)] = []
    if accept(word: "notify") {
      repeat {
        let offset = try expression()
        let before: Bool
        if accept(word: "before") {
          before = true
        } else if accept(word: "after") {
          before = false
        } else {
          throw fail(RuleMessage.expected("'before' or 'after'", found: current))
        }
        let fromEnd: Bool
        if accept(word: "end") {
          fromEnd = true
        } else if accept(word: "start") {
          fromEnd = false
        } else {
          throw fail(RuleMessage.expected("'start' or 'end' of the window", found: current))
        }
        notify.append((offset, before, fromEnd))
      } while accept(symbol: ",")
    }
    try expect(word: "say", "and the reminder's message")
    let messageSpan = current.span
    let message = try string("the message in quotes after 'say'")
    return ReminderDecl(
      span: start.to(previous.span), start: from, end: to, notify: notify, message: message,
      messageSpan: messageSpan)
  }

  /// `event NAME ["title"] { (fact … | yields a, b | asks … | adds … | sets …)* }`.
  mutating func eventBody() throws(ParseFailure) -> EventDecl {
    let n = try name("an event name")
    var event = EventDecl(name: n, title: nil, facts: [], yields: [])
    if current.kind == .string {
      event.title = current.text
      advance()
    }
    try expect(symbol: "{", "to open the event's body")
    while true {
      if accept(word: "fact") {
        event.facts.append(try factBody(event: n.text))
      } else if accept(word: "yields") {
        repeat {
          event.yields.append(try name("a rule name after 'yields'"))
        } while accept(symbol: ",")
      } else if current.isWord("asks") {
        event.asks = try eventAsk()
      } else if accept(word: "adds") {
        event.writes.append(try eventWrite(appends: true))
      } else if accept(word: "sets") {
        event.writes.append(try eventWrite(appends: false))
      } else {
        try expect(symbol: "}", "to close the event's body")
        return event
      }
    }
  }

  /// `asks "question" (past | ahead) [within N]`.
  mutating func eventAsk() throws(ParseFailure) -> EventAsk {
    let start = current.span
    advance()
    let question = try string("the question in quotes after 'asks'")
    let ahead: Bool
    if accept(word: "ahead") {
      ahead = true
    } else {
      try expect(word: "past", "after the question: 'past' (a day behind) or 'ahead'")
      ahead = false
    }
    var within: Int?
    if accept(word: "within") {
      guard current.kind == .integer, let days = Int(current.text) else {
        throw fail(RuleMessage.expected("a number of days after 'within'", found: current))
      }
      within = days
      advance()
    }
    return EventAsk(question: question, ahead: ahead, within: within, span: start.to(previous.span))
  }

  /// `adds FACT { field: value, … }` or `sets FACT { … }`.
  mutating func eventWrite(appends: Bool) throws(ParseFailure) -> EventWriteDecl {
    let fact = try name("a fact name after '\(appends ? "adds" : "sets")'")
    var write = EventWriteDecl(appends: appends, fact: fact, fields: [])
    try expect(symbol: "{", "to list the fields written")
    repeat {
      if current.kind == .symbol, current.text == "}" { break }
      let field = try name("a field name")
      try expect(symbol: ":", "after the field name")
      write.fields.append((field, try name("day, position, said or an enum case")))
    } while accept(symbol: ",")
    try expect(symbol: "}", "to close the fields written")
    return write
  }

  /// `test "title" given a = 1, b = 2 expect rule expect out = 3`.
  mutating func testBody(start: SourceSpan) throws(ParseFailure) -> TestDecl {
    let title = try string("the test's title in quotes")
    var test = TestDecl(title: title, span: start.to(previous.span), given: [], expectations: [])
    if accept(word: "given") {
      repeat {
        let n: Name
        if current.isWord("today") {
          n = Name(text: "today", span: current.span)
          advance()
        } else {
          n = try name("a fact name after 'given'")
        }
        try expect(symbol: "=", "after the fact name in 'given'")
        test.given.append((n, try expression()))
      } while accept(symbol: ",")
    }
    while current.isWord("expect") {
      let s = current.span
      advance()
      do {
        test.expectations.append((s, try expectation()))
      } catch {
        synchronize(toClause: true)
      }
    }
    if test.expectations.isEmpty { throw fail(RuleMessage.testWithoutExpect(found: current)) }
    return test
  }

  private mutating func expectation() throws(ParseFailure) -> Expectation {
    if accept(word: "not") { return .holds(try name("a rule name after 'not'"), .no, asks: nil) }
    let n = try name("a rule or output name after 'expect'")
    if accept(symbol: "=") { return .equals(n, try expression()) }
    if accept(word: "unknown") {
      var asks: [Name]?
      if accept(word: "asks") {
        var list: [Name] = []
        repeat { list.append(try name("a fact name after 'asks'")) } while accept(symbol: ",")
        asks = list
      }
      return .holds(n, .unknown, asks: asks)
    }
    return .holds(n, .yes, asks: nil)
  }
}
