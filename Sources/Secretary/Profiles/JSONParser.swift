import Diagnostics
import Hangul

/// A strict JSON parser (RFC 8259) that reports the first mistake at its line and column.
///
/// Strings are NFC-normalized as they are read: a profile typed on a Mac (NFD) and one typed
/// on Windows compare equal.
public struct JSONParser {
  private let scalars: [Unicode.Scalar]
  private let path: String
  private var i = 0
  private var line = 1
  private var column = 1
  private var depth = 0
  static let maximumDepth = 64

  private init(_ text: String, path: String) {
    scalars = Array(text.unicodeScalars)
    self.path = path
  }

  /// Parses one JSON document; anything but whitespace after it is an error.
  public static func parse(_ text: String, path: String) -> Result<JSONValue, Diagnostic> {
    var parser = JSONParser(text, path: path)
    do throws(Failure) {
      parser.skipSpace()
      let value = try parser.value()
      parser.skipSpace()
      guard parser.i == parser.scalars.count else {
        throw parser.error("P0102", "unexpected text after the JSON value")
      }
      return .success(value)
    } catch {
      return .failure(error.diagnostic)
    }
  }

  struct Failure: Error {
    let diagnostic: Diagnostic
  }

  private func error(_ code: String, _ message: String, notes: [String] = []) -> Failure {
    let span = SourceSpan(path: path, line: line, column: column)
    return Failure(diagnostic: .error(code, at: span, message, notes: notes))
  }

  private var current: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

  private mutating func advance() {
    if scalars[i] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    i += 1
  }

  private mutating func skipSpace() {
    while let c = current, c == " " || c == "\n" || c == "\t" || c == "\r" { advance() }
  }

  private mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(Failure) {
    guard current == c else { throw error("P0101", "expected \(what), found \(found)") }
    advance()
  }

  private var found: String {
    guard let c = current else { return "the end of the file" }
    return "'\(Character(c))'"
  }

  private mutating func value() throws(Failure) -> JSONValue {
    switch current {
    case "{": return try object()
    case "[": return try array()
    case "\"": return .string(try string())
    case "t": return try literal("true", .bool(true))
    case "f": return try literal("false", .bool(false))
    case "n": return try literal("null", .null)
    case .some(let c) where c == "-" || ("0"..."9").contains(c): return try number()
    default: throw error("P0101", "expected a JSON value, found \(found)")
    }
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
    for expected in word.unicodeScalars {
      guard current == expected else {
        throw error("P0103", "expected '\(word)', found \(found)")
      }
      advance()
    }
    return value
  }

  private mutating func nested<T>(_ body: (inout JSONParser) throws(Failure) -> T) throws(Failure)
    -> T
  {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      throw error("P0107", "JSON nested deeper than \(Self.maximumDepth) levels")
    }
    return try body(&self)
  }

  private mutating func object() throws(Failure) -> JSONValue {
    try nested { (p: inout JSONParser) throws(Failure) -> JSONValue in
      p.advance()
      var members: [(key: String, value: JSONValue)] = []
      p.skipSpace()
      if p.current == "}" {
        p.advance()
        return .object(members)
      }
      while true {
        p.skipSpace()
        guard p.current == "\"" else {
          throw p.error("P0101", "expected a key in quotes, found \(p.found)")
        }
        let key = try p.string()
        p.skipSpace()
        try p.expect(":", "':' after the key")
        p.skipSpace()
        members.append((key, try p.value()))
        p.skipSpace()
        if p.current == "," {
          p.advance()
          continue
        }
        try p.expect("}", "',' or '}'")
        return .object(members)
      }
    }
  }

  private mutating func array() throws(Failure) -> JSONValue {
    try nested { (p: inout JSONParser) throws(Failure) -> JSONValue in
      p.advance()
      var items: [JSONValue] = []
      p.skipSpace()
      if p.current == "]" {
        p.advance()
        return .array(items)
      }
      while true {
        p.skipSpace()
        items.append(try p.value())
        p.skipSpace()
        if p.current == "," {
          p.advance()
          continue
        }
        try p.expect("]", "',' or ']'")
        return .array(items)
      }
    }
  }

  private mutating func string() throws(Failure) -> String {
    advance()
    var out = String.UnicodeScalarView()
    while true {
      guard let c = current else { throw error("P0104", "unterminated string") }
      if c == "\"" {
        advance()
        return TextNormalizer.nfc(String(out))
      }
      if c.value < 0x20 {
        throw error("P0104", "control character in a string; write it as an escape")
      }
      if c == "\\" {
        advance()
        guard let e = current else { throw error("P0104", "unterminated string") }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
          "\"": "\"", "\\": "\\", "/": "/", "b": "\u{8}", "f": "\u{C}", "n": "\n", "r": "\r",
          "t": "\t",
        ]
        if let s = simple[e] {
          out.append(s)
          advance()
        } else if e == "u" {
          advance()
          out.append(try unicodeEscape())
        } else {
          throw error("P0105", "unknown escape '\\\(Character(e))'")
        }
        continue
      }
      out.append(c)
      advance()
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let c = current, let d = Character(c).hexDigitValue else {
        throw error("P0105", "expected four hex digits after '\\u'")
      }
      v = v * 16 + UInt32(d)
      advance()
    }
    return v
  }

  private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
    let high = try hex4()
    if (0xD800...0xDBFF).contains(high) {
      guard current == "\\" else { throw error("P0105", "a lone surrogate in '\\u' escape") }
      advance()
      guard current == "u" else { throw error("P0105", "a lone surrogate in '\\u' escape") }
      advance()
      let low = try hex4()
      guard (0xDC00...0xDFFF).contains(low),
        let s = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      else { throw error("P0105", "a lone surrogate in '\\u' escape") }
      return s
    }
    guard let s = Unicode.Scalar(high) else {
      throw error("P0105", "a lone surrogate in '\\u' escape")
    }
    return s
  }

  private mutating func number() throws(Failure) -> JSONValue {
    var text = ""
    func take(_ p: inout JSONParser) {
      if let c = p.current { text.unicodeScalars.append(c) }
      p.advance()
    }
    if current == "-" { take(&self) }
    guard let first = current, ("0"..."9").contains(first) else {
      throw error("P0106", "expected a digit, found \(found)")
    }
    if first == "0" {
      take(&self)
    } else {
      while let c = current, ("0"..."9").contains(c) { take(&self) }
    }
    if current == "." {
      take(&self)
      guard let c = current, ("0"..."9").contains(c) else {
        throw error("P0106", "expected a digit after '.', found \(found)")
      }
      while let c = current, ("0"..."9").contains(c) { take(&self) }
    }
    if current == "e" || current == "E" {
      take(&self)
      if current == "+" || current == "-" { take(&self) }
      guard let c = current, ("0"..."9").contains(c) else {
        throw error("P0106", "expected a digit in the exponent, found \(found)")
      }
      while let c = current, ("0"..."9").contains(c) { take(&self) }
    }
    return .number(text)
  }
}
