import CivilCalendar
import Diagnostics

/// One lexeme of a rule file, with where it sits.
struct Token: Sendable {
  enum Kind: Sendable, Equatable {
    /// A name or a keyword (keywords are told apart by the parser).
    case word
    /// A whole number; `number` holds its value.
    case integer
    /// A number with a fraction; `number` holds it scaled by `Decimal6.scale`.
    case decimal
    /// A `YYYY-MM-DD` literal; `date` holds it.
    case date
    /// A double-quoted string; `text` holds it unescaped.
    case string
    /// An operator or bracket; `text` holds it.
    case symbol
    case end
  }

  var kind: Kind
  var text: String
  var span: SourceSpan
  var number: Int = 0
  var date: CivilDate? = nil

  func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
  func isWord(_ w: String) -> Bool { kind == .word && text == w }

  /// How the token reads in a message: `'when'`, `end of file`.
  var quoted: String {
    switch kind {
    case .end: "end of file"
    case .string: "'\"\(text)\"'"
    default: "'\(text)'"
    }
  }
}

/// Words that open declarations or clauses, or belong to expressions; none can name a thing.
enum Keywords {
  static let declarations: Set<String> = [
    "fact", "param", "rule", "test", "event", "enum", "record", "fn",
  ]
  static let clauses: Set<String> = [
    "let", "when", "output", "remind", "source", "ask", "from", "since", "given", "expect",
    "within", "notify", "say", "otherwise", "yields", "unless", "because",
  ]
  static let expressions: Set<String> = [
    "and", "or", "not", "if", "then", "else", "true", "false", "none", "today", "in", "where",
    "iterate", "until", "at", "most", "steps", "is", "unknown",
  ]
  static let reserved = declarations.union(clauses).union(expressions)
}

/// Fixed-point decimals: six digits after the point, exact for money rates and grades.
enum Decimal6 {
  static let scale = 1_000_000
}
