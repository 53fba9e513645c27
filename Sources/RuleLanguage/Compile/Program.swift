import CivilCalendar
import Diagnostics

/// A compiled expression: reads the machine's slots, returns a value.
///
/// Built once at load.
typealias Eval = @Sendable (Machine) -> Value

struct EnumInfo: Sendable {
  var name: String
  var cases: [String]
  var json: [String]
  /// Korean labels by case; nil where the rule file gives none.
  var labels: [String?] = []
}

struct RecordInfo: Sendable {
  var name: String
  var fields: [(name: String, type: RuleType, key: String)]
  /// The chat's question for a field, and whether its answer must not be after today.
  var asks: [String: (ask: String, past: Bool)] = [:]
  /// The words naming a field (`label`), split at "·".
  var labels: [String: [String]] = [:]
}

/// A declared fact, read from a profile key path.
public struct FactInfo: Sendable {
  public var name: String
  var type: RuleType
  /// The profile key path, split at dots (`driverLicense.issueDate`).
  public var keyPath: [String]
  /// The question the secretary asks when the fact is missing.
  public var ask: String?
  /// The fact's Korean name, shown in explanations ("생년월일"); nil when not given.
  public var label: String?
  public var event: String?
  var span: SourceSpan
  /// An answer after today is impossible (`past` in the rule file): a birth date.
  public var past = false
  /// A month is answer enough (`month`): the rules read no more than its year and month.
  public var month = false
  /// Few citizens have it (`rare`): an exempt occupation, a university enrolment.
  public var rare = false
}

struct ParamInfo: Sendable {
  var name: String
  var type: RuleType
  /// Rows in ascending `since` order; a row without a date holds from the beginning.
  var rows: [(since: Int, value: Value)]
  var source: String?
  var span: SourceSpan
}

struct CompiledOutput: Sendable {
  var name: String
  var type: RuleType
  var rule: Int
  var value: Eval
  var otherwise: Eval?
  /// The Korean name the rule gives it, for answers ("아동수당 월 지급액").
  var label: String? = nil
}

struct CompiledBinding: Sendable {
  var name: String
  var slot: Int
  var type: RuleType
  var eval: Eval
}

struct CompiledReminder: Sendable {
  enum Piece: Sendable {
    case literal(String)
    case value(Eval, RuleType)
  }

  var start: Eval
  var end: Eval
  var notify: [(offset: Eval, before: Bool, fromEnd: Bool)]
  var message: [Piece]
}

struct CompiledRule: Sendable {
  var name: String
  var title: String?
  var source: String?
  var span: SourceSpan
  var bindings: [CompiledBinding]
  var condition: Eval?
  /// The top-level `and` parts of the condition with their source text, for traces.
  var conjuncts: [(text: String, eval: Eval)]
  var outputs: [Int]
  var reminders: [CompiledReminder]
  /// `because` lines: the first whose condition holds is the rule's reason.
  var reasons: [(condition: Eval?, message: [CompiledReminder.Piece])] = []
}

struct CompiledEvent: Sendable {
  var name: String
  var title: String?
  var facts: [Int]
  var rules: [Int]
  var intake: EventIntake?
}

/// What the chat asks when a citizen tells of a life event, and what the day told writes
/// into the profile so that the event's rules see it (`asks`, `adds`, `sets` in an event).
public struct EventIntake: Sendable {
  public var question: String
  /// Whether the day lies ahead (a due date) rather than behind (a birth).
  public var ahead: Bool
  /// For how many days a recorded event is the one a question is about; nil: while ahead.
  public var within: Int?
  public var writes: [EventWrite]
}

/// One item appended to a list fact, or fields set on a record fact, at its profile path.
public struct EventWrite: Sendable {
  public var keyPath: [String]
  public var appends: Bool
  public var fields: [(key: String, value: EventValue)]

  /// The profile key holding the day told, if this write stores it.
  public var dayKey: String? {
    fields.first { if case .day = $0.value { true } else { false } }?.key
  }
}

/// A value the told event writes.
public enum EventValue: Sendable, Equatable {
  /// The day the citizen told.
  case day
  /// The new item's place in its list, from 1 (a second child: 2).
  case position
  /// How many babies the citizen said ("쌍둥이" 2, "세쌍둥이" 3), when they said so.
  case multiple
  /// A fixed enum value, as the profile stores it.
  case json(String)
  /// The enum case whose label words the citizen's sentence uses ("아버지" → parent), if any.
  case said([FactChoice])
}

struct CompiledTest: Sendable {
  var title: String
  var span: SourceSpan
  var today: Value?
  var given: [(fact: Int, value: Value)]
  var expectations: [(span: SourceSpan, expectation: CompiledExpectation)]
}

enum CompiledExpectation: Sendable {
  case rule(Int, TriState, asks: [Int]?)
  case output(Int, Value)
}

/// Everything a loaded rule book holds, immutable after loading.
struct Program: Sendable {
  var types = TypeNames()
  var enums: [EnumInfo] = []
  var records: [RecordInfo] = []
  var facts: [FactInfo] = []
  var params: [ParamInfo] = []
  var rules: [CompiledRule] = []
  var outputs: [CompiledOutput] = []
  var events: [CompiledEvent] = []
  var tests: [CompiledTest] = []
  var slotCount = 0
  var functionCount = 0
  /// The same book as typed operations, for the engines that lower from it.
  var typed = TypedProgram()
}
