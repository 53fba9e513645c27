import CivilCalendar
import Diagnostics

/// An expression as written, before names and types are resolved.
struct Expr: Sendable {
  indirect enum Kind: Sendable {
    case name(String)
    case integer(Int)
    case decimal(Int)
    case money(Int)
    case duration(Int, DurationUnit)
    case text(String)
    case date(CivilDate)
    case boolean(Bool)
    case none
    case today
    case unary(String, Expr)
    case binary(String, Expr, Expr)
    case conditional(Expr, Expr, Expr)
    case call(String, [Expr])
    case member(Expr, String)
    case list([Expr])
    case record(String, [(name: String, span: SourceSpan, value: Expr)])
    /// `count(v in vehicles where …)`, `sum(v in vehicles where …: amount)`.
    case aggregate(String, binder: String, source: Expr, filter: Expr?, body: Expr?)
    /// `iterate r = first then next until done at most N steps`.
    case iterate(binder: String, first: Expr, next: Expr, until: Expr, limit: Int?)
    /// A placeholder left by the parser after an error.
    case invalid
  }

  var kind: Kind
  var span: SourceSpan
}

enum DurationUnit: String, Sendable {
  case days, months, years
}

/// A type as written: `int`, `[Vehicle]`, `date?`.
indirect enum TypeSyntax: Sendable {
  case named(String, SourceSpan)
  case list(TypeSyntax, SourceSpan)
  case optional(TypeSyntax, SourceSpan)

  var span: SourceSpan {
    switch self {
    case .named(_, let s), .list(_, let s), .optional(_, let s): s
    }
  }
}

struct Name: Sendable {
  var text: String
  var span: SourceSpan
}

struct FactDecl: Sendable {
  var name: Name
  var type: TypeSyntax
  var key: String?
  var ask: String?
  /// The Korean name of the fact for explanations (`label "생년월일"`).
  var label: String?
  /// The event that declares the fact, if any.
  var event: String?
  /// `past`: an answer after today is impossible (a birth date, an issue date).
  var past = false
  /// `month`: a month is answer enough ("2017년 2월에 전역"); its first day is stored.
  var month = false
  /// `rare`: few citizens have it (an exempt occupation); the chat may suppose none or no.
  var rare = false
}

struct EnumDecl: Sendable {
  var name: Name
  /// Case names, the JSON strings they are read from and written as, and the Korean label
  /// the secretary shows and understands (`office label "사무직"`).
  var cases: [(name: Name, json: String, label: String?)]
}

struct RecordDecl: Sendable {
  var name: Name
  var fields: [(name: Name, type: TypeSyntax, key: String)]
  /// `ask "…"` on a field: the chat collects the record field by field with these questions;
  /// `past` after it rejects answers after today.
  var asks: [String: (ask: String, past: Bool)] = [:]
  /// `label "사업소득·프리랜서"` on a field: the words that name it, so a record of such fields
  /// is told in one line ("프리랜서예요") instead of field by field.
  var labels: [String: String] = [:]
}

struct ParamDecl: Sendable {
  var name: Name
  var type: TypeSyntax
  var rows: [(value: Expr, since: CivilDate?, span: SourceSpan)]
  var source: String?
}

struct FunctionDecl: Sendable {
  var name: Name
  var parameters: [(name: Name, type: TypeSyntax)]
  var result: TypeSyntax
  var body: Expr
}

struct ReminderDecl: Sendable {
  var span: SourceSpan
  var start: Expr
  var end: Expr
  /// `60 days before end`: offset, whether before, whether relative to the end.
  var notify: [(offset: Expr, before: Bool, fromEnd: Bool)]
  var message: String
  var messageSpan: SourceSpan
}

/// `because "…{name}…" [if CONDITION]`: a reason "왜?" gives in plain words, the first whose
/// condition holds.
struct ReasonDecl: Sendable {
  var message: String
  var messageSpan: SourceSpan
  var condition: Expr?
}

enum RuleItem: Sendable {
  case binding(name: Name, type: TypeSyntax?, value: Expr)
  case condition(Expr)
  case output(name: Name, type: TypeSyntax?, value: Expr, otherwise: Expr?)
  case reminder(ReminderDecl)
  case reason(ReasonDecl)
}

struct RuleDecl: Sendable {
  var name: Name
  var title: String?
  var source: String?
  var items: [RuleItem]
  /// `output x = … label "월 지급액"`: how the secretary names an output to a citizen.
  var outputLabels: [String: String] = [:]
}

struct EventDecl: Sendable {
  var name: Name
  var title: String?
  var facts: [FactDecl]
  var yields: [Name]
  /// `asks "…" past within 365`: the day the chat asks when the event is told.
  var asks: EventAsk?
  /// `adds children { birth: day }`, `sets pregnancy { due: day }`: what the told day writes.
  var writes: [EventWriteDecl] = []
}

struct EventAsk: Sendable {
  var question: String
  /// Whether the day lies ahead (a due date) rather than behind.
  var ahead: Bool
  /// For how many days a recorded event is taken to be the one a question is about.
  var within: Int?
  var span: SourceSpan
}

struct EventWriteDecl: Sendable {
  /// `adds` appends an item to a list fact; `sets` fills fields of a record fact.
  var appends: Bool
  var fact: Name
  /// Each field and the word for its value: `day`, `position`, `said` or an enum case.
  var fields: [(field: Name, value: Name)]
}

enum Expectation: Sendable {
  /// `expect rule`, `expect not rule`, `expect rule unknown asks a, b`.
  case holds(Name, TriState, asks: [Name]?)
  /// `expect output = value`.
  case equals(Name, Expr)
}

/// Three-valued outcome of a condition.
public enum TriState: String, Sendable, Codable {
  case yes = "true"
  case no = "false"
  case unknown
}

struct TestDecl: Sendable {
  var title: String
  var span: SourceSpan
  var given: [(name: Name, value: Expr)]
  var expectations: [(span: SourceSpan, expectation: Expectation)]
}

enum Declaration: Sendable {
  case fact(FactDecl)
  case enumeration(EnumDecl)
  case record(RecordDecl)
  case param(ParamDecl)
  case function(FunctionDecl)
  case rule(RuleDecl)
  case event(EventDecl)
  case test(TestDecl)
}
