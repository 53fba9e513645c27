import CivilCalendar
import Diagnostics

/// Expressions, lowest precedence first:
/// `if … then … else …` < `or` < `and` < `not` < comparisons (chained: `a <= x <= b`) and `in`
/// < `??` < `+ -` < `* / %` < unary `-` < `.field` and calls < literals.
extension Parser {
  static let aggregates: Set<String> = [
    "count", "sum", "min", "max", "any", "all", "filter", "map",
  ]

  mutating func expression() throws(ParseFailure) -> Expr {
    if current.isWord("if") {
      let start = current.span
      advance()
      let c = try expression()
      try expect(word: "then", "after the condition of 'if'")
      let a = try expression()
      try expect(word: "else", "in 'if … then …' (every 'if' needs an 'else')")
      let b = try expression()
      return Expr(kind: .conditional(c, a, b), span: start.to(b.span))
    }
    if current.isWord("iterate") { return try iterate() }
    return try disjunction()
  }

  private mutating func iterate() throws(ParseFailure) -> Expr {
    let start = current.span
    advance()
    let binder = try name("a name after 'iterate'")
    try expect(symbol: "=", "after the name in 'iterate'")
    let first = try expression()
    try expect(word: "then", "and the next value after the first value in 'iterate'")
    let next = try expression()
    try expect(word: "until", "and the stopping condition in 'iterate'")
    let until = try expression()
    var limit: Int?
    if accept(word: "at") {
      try expect(word: "most", "in 'at most N steps'")
      guard current.kind == .integer else {
        throw fail(RuleMessage.expected("a step count", found: current))
      }
      limit = current.number
      advance()
      try expect(word: "steps", "after the step count")
    }
    return Expr(
      kind: .iterate(binder: binder.text, first: first, next: next, until: until, limit: limit),
      span: start.to(previous.span))
  }

  private mutating func binary(
    _ ops: [String], words: Bool, _ operand: (inout Parser) throws(ParseFailure) -> Expr
  ) throws(ParseFailure) -> Expr {
    var left = try operand(&self)
    while let op = ops.first(where: { words ? current.isWord($0) : current.isSymbol($0) }) {
      advance()
      let right = try operand(&self)
      left = Expr(kind: .binary(op, left, right), span: left.span.to(right.span))
    }
    return left
  }

  private mutating func disjunction() throws(ParseFailure) -> Expr {
    try binary(["or"], words: true) { (p: inout Parser) throws(ParseFailure) in try p.conjunction()
    }
  }

  private mutating func conjunction() throws(ParseFailure) -> Expr {
    try binary(["and"], words: true) { (p: inout Parser) throws(ParseFailure) in try p.negation() }
  }

  private mutating func negation() throws(ParseFailure) -> Expr {
    if current.isWord("not") {
      let start = current.span
      advance()
      let e = try negation()
      return Expr(kind: .unary("not", e), span: start.to(e.span))
    }
    return try comparison()
  }

  private static let comparisons = ["==", "!=", "<=", ">=", "<", ">"]

  private mutating func comparison() throws(ParseFailure) -> Expr {
    let first = try coalescing()
    var operands = [first]
    var ops: [String] = []
    while true {
      if let op = Parser.comparisons.first(where: { current.isSymbol($0) }) {
        ops.append(op)
      } else if current.isWord("in") {
        ops.append("in")
      } else {
        break
      }
      advance()
      operands.append(try coalescing())
    }
    if ops.isEmpty { return first }
    // `a <= x <= b` means `a <= x and x <= b`.
    var result: Expr?
    for (i, op) in ops.enumerated() {
      let e = Expr(
        kind: .binary(op, operands[i], operands[i + 1]),
        span: operands[i].span.to(operands[i + 1].span))
      result = result.map { Expr(kind: .binary("and", $0, e), span: $0.span.to(e.span)) } ?? e
    }
    return result ?? first
  }

  private mutating func coalescing() throws(ParseFailure) -> Expr {
    try binary(["??"], words: false) { (p: inout Parser) throws(ParseFailure) in try p.additive() }
  }

  private mutating func additive() throws(ParseFailure) -> Expr {
    try binary(["+", "-"], words: false) { (p: inout Parser) throws(ParseFailure) in
      try p.multiplicative()
    }
  }

  private mutating func multiplicative() throws(ParseFailure) -> Expr {
    try binary(["*", "/", "%"], words: false) { (p: inout Parser) throws(ParseFailure) in
      try p.unary()
    }
  }

  private mutating func unary() throws(ParseFailure) -> Expr {
    if current.isSymbol("-") {
      let start = current.span
      advance()
      let e = try unary()
      return Expr(kind: .unary("-", e), span: start.to(e.span))
    }
    return try postfix()
  }

  private mutating func postfix() throws(ParseFailure) -> Expr {
    var e = try primary()
    while accept(symbol: ".") {
      let field = try name("a field name after '.'")
      e = Expr(kind: .member(e, field.text), span: e.span.to(field.span))
    }
    return e
  }

  private static let units: [String: DurationUnit] = [
    "day": .days, "days": .days, "month": .months, "months": .months, "year": .years,
    "years": .years,
  ]

  private mutating func primary() throws(ParseFailure) -> Expr {
    let t = current
    switch t.kind {
    case .integer:
      if !t.text.allSatisfy({ $0.isASCII && $0.isNumber }) { throw fail(RuleMessage.notANumber(t)) }
      advance()
      if current.kind == .word, let unit = Parser.units[current.text] {
        advance()
        return Expr(kind: .duration(t.number, unit), span: t.span.to(previous.span))
      }
      if accept(word: "won") { return Expr(kind: .money(t.number), span: t.span.to(previous.span)) }
      return Expr(kind: .integer(t.number), span: t.span)
    case .decimal:
      advance()
      return Expr(kind: .decimal(t.number), span: t.span)
    case .string:
      advance()
      return Expr(kind: .text(t.text), span: t.span)
    case .date:
      advance()
      guard let d = t.date else { return Expr(kind: .invalid, span: t.span) }
      return Expr(kind: .date(d), span: t.span)
    case .symbol:
      if t.text == "(" {
        advance()
        let e = try expression()
        try expect(symbol: ")", "to close '('")
        return Expr(kind: e.kind, span: t.span.to(previous.span))
      }
      if t.text == "[" {
        advance()
        var items: [Expr] = []
        if !current.isSymbol("]") {
          repeat { items.append(try expression()) } while accept(symbol: ",")
        }
        try expect(symbol: "]", "to close the list")
        return Expr(kind: .list(items), span: t.span.to(previous.span))
      }
      throw fail(RuleMessage.expectedExpression(found: t))
    case .end:
      throw fail(RuleMessage.expectedExpression(found: t))
    case .word:
      return try wordExpression(t)
    }
  }

  private mutating func wordExpression(_ t: Token) throws(ParseFailure) -> Expr {
    switch t.text {
    case "true", "false":
      advance()
      return Expr(kind: .boolean(t.text == "true"), span: t.span)
    case "none":
      advance()
      return Expr(kind: .none, span: t.span)
    case "today":
      advance()
      return Expr(kind: .today, span: t.span)
    default:
      break
    }
    if Keywords.reserved.contains(t.text) { throw fail(RuleMessage.expectedExpression(found: t)) }
    advance()
    if current.isSymbol("(") {
      if Parser.aggregates.contains(t.text), lookahead(1).kind == .word, lookahead(2).isWord("in") {
        return try aggregate(t)
      }
      advance()
      var args: [Expr] = []
      if !current.isSymbol(")") {
        repeat { args.append(try expression()) } while accept(symbol: ",")
      }
      try expect(symbol: ")", "to close the arguments of '\(t.text)'")
      return Expr(kind: .call(t.text, args), span: t.span.to(previous.span))
    }
    if current.isSymbol("{"), t.text.first?.isUppercase == true {
      advance()
      var fields: [(name: String, span: SourceSpan, value: Expr)] = []
      if !current.isSymbol("}") {
        repeat {
          let f = try name("a field name")
          try expect(symbol: ":", "after the field name")
          fields.append((f.text, f.span, try expression()))
        } while accept(symbol: ",")
      }
      try expect(symbol: "}", "to close the record")
      return Expr(kind: .record(t.text, fields), span: t.span.to(previous.span))
    }
    return Expr(kind: .name(t.text), span: t.span)
  }

  /// `count(v in vehicles where cond)`, `sum(v in vehicles where cond: amount)`.
  private mutating func aggregate(_ t: Token) throws(ParseFailure) -> Expr {
    advance()  // (
    let binder = try name("a name for each element")
    try expect(word: "in", "after the element name")
    let source = try expression()
    var filter: Expr?
    if accept(word: "where") { filter = try expression() }
    var body: Expr?
    if accept(symbol: ":") { body = try expression() }
    try expect(symbol: ")", "to close '\(t.text)('")
    return Expr(
      kind: .aggregate(t.text, binder: binder.text, source: source, filter: filter, body: body),
      span: t.span.to(previous.span))
  }
}
