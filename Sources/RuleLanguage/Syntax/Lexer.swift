import CivilCalendar
import Diagnostics

/// Turns rule-file text into tokens; bad characters become diagnostics and are skipped.
struct Lexer {
  private let path: String
  private let chars: [Character]
  private var index = 0
  private var line = 1
  private var column = 1
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String, text: String) {
    self.path = path
    self.chars = Array(text)
  }

  /// Every token of the file, ending with one `.end` token.
  mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    while true {
      skipTrivia()
      let t = next()
      tokens.append(t)
      if t.kind == .end { return tokens }
    }
  }

  private var peek: Character? { index < chars.count ? chars[index] : nil }
  private func peek(_ k: Int) -> Character? { index + k < chars.count ? chars[index + k] : nil }
  private var position: SourcePosition { SourcePosition(line: line, column: column) }

  private mutating func advance() {
    if chars[index] == "\n" || chars[index] == "\r\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  private mutating func skipTrivia() {
    while let c = peek {
      if c == "#" {
        while let d = peek, d != "\n", d != "\r\n" { advance() }
      } else if c.isWhitespace {
        advance()
      } else {
        return
      }
    }
  }

  private func span(from start: SourcePosition) -> SourceSpan {
    SourceSpan(path: path, start: start, end: position)
  }

  private mutating func next() -> Token {
    let start = position
    guard let c = peek else { return Token(kind: .end, text: "", span: span(from: start)) }
    if c.isASCII, c.isLetter || c == "_" { return word(start) }
    if c.isASCII, c.isNumber { return number(start) }
    if c == "\"" { return string(start) }
    if c.isLetter {
      // Hangul (or any non-ASCII letter) outside a string: read it as one word and report it.
      var text = ""
      while let d = peek, d.isLetter || d.isNumber || d == "_" {
        text.append(d)
        advance()
      }
      diagnostics.append(RuleMessage.nonASCIIName(text, at: span(from: start)))
      return Token(kind: .word, text: text, span: span(from: start))
    }
    for symbol in Lexer.symbols where matches(symbol) {
      for _ in symbol { advance() }
      return Token(kind: .symbol, text: symbol, span: span(from: start))
    }
    advance()
    diagnostics.append(RuleMessage.unexpectedCharacter(c, at: span(from: start)))
    skipTrivia()
    return next()
  }

  /// Longest first, so `==` wins over `=`.
  private static let symbols = [
    "??", "==", "!=", "<=", ">=", "->", "..", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=",
    "<", ">", "+", "-", "*", "/", "%", "?",
  ]

  private func matches(_ symbol: String) -> Bool {
    var k = 0
    for s in symbol {
      guard peek(k) == s else { return false }
      k += 1
    }
    return true
  }

  private mutating func word(_ start: SourcePosition) -> Token {
    var text = ""
    while let d = peek, d.isASCII, d.isLetter || d.isNumber || d == "_" {
      text.append(d)
      advance()
    }
    if let d = peek, !d.isASCII, d.isLetter {
      while let d = peek, d.isLetter || d.isNumber || d == "_" {
        text.append(d)
        advance()
      }
      diagnostics.append(RuleMessage.nonASCIIName(text, at: span(from: start)))
    }
    return Token(kind: .word, text: text, span: span(from: start))
  }

  private mutating func digits() -> String {
    var text = ""
    while let d = peek, d.isASCII, d.isNumber || d == "_" {
      if d != "_" { text.append(d) }
      advance()
    }
    return text
  }

  private mutating func number(_ start: SourcePosition) -> Token {
    // A date: four digits, '-', two digits, '-', two digits.
    if let d4 = peek(4), d4 == "-",
      (0..<4).allSatisfy({ peek($0)?.isNumber == true && peek($0)?.isASCII == true }),
      peek(5)?.isNumber == true, peek(6)?.isNumber == true, peek(7) == "-"
    {
      var text = ""
      while let d = peek, d.isASCII, d.isNumber || d == "-" {
        text.append(d)
        advance()
      }
      let t = Token(kind: .date, text: text, span: span(from: start), date: CivilDate(iso: text))
      if t.date == nil { diagnostics.append(RuleMessage.badDate(text, at: t.span)) }
      return t
    }
    let whole = digits()
    if let d = peek, !d.isASCII, d.isLetter {
      // `1995년`, `100원`: keep it as one token so the message quotes what was written.
      var text = whole
      while let e = peek, e.isLetter || e.isNumber {
        text.append(e)
        advance()
      }
      return Token(kind: .integer, text: text, span: span(from: start), number: Int(whole) ?? 0)
    }
    if peek == ".", let after = peek(1), after.isASCII, after.isNumber {
      advance()
      let fraction = digits()
      let text = whole + "." + fraction
      guard fraction.count <= 6, let w = Int(whole), let f = Int(fraction.padding(6)) else {
        diagnostics.append(RuleMessage.badNumber(text, at: span(from: start)))
        return Token(kind: .decimal, text: text, span: span(from: start))
      }
      let (scaled, o1) = w.multipliedReportingOverflow(by: Decimal6.scale)
      if o1 { diagnostics.append(RuleMessage.badNumber(text, at: span(from: start))) }
      return Token(kind: .decimal, text: text, span: span(from: start), number: scaled &+ f)
    }
    guard let value = Int(whole) else {
      diagnostics.append(RuleMessage.badNumber(whole, at: span(from: start)))
      return Token(kind: .integer, text: whole, span: span(from: start))
    }
    return Token(kind: .integer, text: whole, span: span(from: start), number: value)
  }

  private mutating func string(_ start: SourcePosition) -> Token {
    advance()
    var text = ""
    while let d = peek {
      if d == "\"" {
        advance()
        return Token(kind: .string, text: text, span: span(from: start))
      }
      if d == "\n" || d == "\r\n" { break }
      if d == "\\" {
        advance()
        switch peek {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "\"": text.append("\"")
        case "\\": text.append("\\")
        case let e?:
          diagnostics.append(
            RuleMessage.badEscape(
              e, at: SourceSpan(path: path, line: line, column: column - 1, length: 2)))
        case nil: break
        }
        if peek != nil { advance() }
        continue
      }
      text.append(d)
      advance()
    }
    diagnostics.append(RuleMessage.unterminatedString(at: span(from: start)))
    return Token(kind: .string, text: text, span: span(from: start))
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: "0", count: width - count)
  }
}
