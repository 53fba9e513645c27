import Diagnostics

/// An expression as the checker lowered it: every name resolved to an id or a slot, its type
/// and source span known.
///
/// The checker builds it once; both engines lower from it instead of the syntax tree, so no
/// stage infers a type again.
struct Typed: Sendable {
  indirect enum Op: Sendable {
    case constant(Value)
    case today
    case fact(Int)
    case param(Int)
    /// A slot: a binding, a function parameter, a binder or a narrowed copy.
    case local(Int)
    /// Whether another rule holds.
    case rule(Int)
    case output(Int)
    case not(Typed)
    case negate(Typed)
    case and(Typed, Typed)
    case or(Typed, Typed)
    case coalesce(Typed, Typed)
    /// Arithmetic, a comparison or `in`.
    case binary(String, Typed, Typed)
    case conditional(Typed, Typed, Typed)
    case builtin(String, [Typed])
    /// A user function by id.
    case call(Int, [Typed])
    case field(Typed, Int)
    case list([Typed])
    /// A record by index, its fields in declaration order (nil where not written).
    case record(Int, [Typed?])
    case aggregate(String, slot: Int, source: Typed, filter: Typed?, body: Typed?)
    case iterate(slot: Int, first: Typed, next: Typed, until: Typed, limit: Int)
    /// Narrowed paths copied to their slots before `body` reads them there.
    case narrowed([(slot: Int, value: Typed)], Typed)
    /// What failed to check; only a rejected book holds one.
    case invalid
  }

  var op: Op
  var type: RuleType
  var span: SourceSpan

  static func invalid(_ span: SourceSpan) -> Typed { Typed(op: .invalid, type: .error, span: span) }
}

/// A checked book as operations: what every engine lowers from.
struct TypedProgram: Sendable {
  struct Function: Sendable {
    var name: String
    var parameters: [(name: String, slot: Int, type: RuleType)]
    var result: RuleType
    var resultSlot: Int
    var body: Typed
    var span: SourceSpan
  }

  struct Binding: Sendable {
    var name: String
    var slot: Int
    var type: RuleType
    var value: Typed
  }

  struct Output: Sendable {
    var index: Int
    var value: Typed
    var otherwise: Typed?
  }

  struct Reminder: Sendable {
    enum Piece: Sendable {
      case literal(String)
      case value(Typed)
    }

    var start: Typed
    var end: Typed
    var notify: [(offset: Typed, before: Bool, fromEnd: Bool)]
    var message: [Piece]
  }

  /// A `because` line: its condition (nil: always) and its words.
  struct Reason: Sendable {
    var condition: Typed?
    var message: [Reminder.Piece]
  }

  struct Rule: Sendable {
    var reasons: [Reason] = []
    var bindings: [Binding] = []
    var condition: Typed?
    /// The condition's top-level `and` parts, each with its source text and checked again on
    /// its own (without the narrowing of the parts before it), as traces show them.
    var conjuncts: [(text: String, condition: Typed)] = []
    var outputs: [Output] = []
    var reminders: [Reminder] = []
  }

  /// By function id.
  var functions: [Function?] = []
  /// By rule index.
  var rules: [Rule] = []
}
