import CivilCalendar

/// A compiled expression of the fast lane: reads unboxed 64-bit slots, returns one.
///
/// Bool is 0/1, int and money are themselves, decimal is scaled by `Decimal6.scale`, a date
/// is its day number, an enum its case ordinal, text an interned id, a duration packed
/// (`FastValue.duration`), a list or record an arena offset; `FastValue.none` is `none`.
/// Anything the lane cannot decide (an unknown fact, a fault) calls `FastMachine.fail()`,
/// and the citizen is evaluated again on the general machine.
typealias FastEval = @Sendable (FastMachine) -> Int

/// Encodings shared by the fast-lane compiler and machine.
enum FastValue {
  /// `none` of any optional type; no decided value of the lane may equal it.
  static let none = Int.min

  /// Months in the high half, days in the low 32 bits; nil when either does not fit.
  static func duration(months: Int, days: Int) -> Int? {
    guard let m = Int32(exactly: months), let d = Int32(exactly: days) else { return nil }
    return Int(m) << 32 | Int(UInt32(bitPattern: d))
  }

  static func months(_ packed: Int) -> Int { packed >> 32 }

  static func days(_ packed: Int) -> Int { Int(Int32(truncatingIfNeeded: packed)) }
}

/// The fast lane's failure to compile a construct: the book then has no fast lane.
struct FastUnsupported: Error {
  /// Where the compiler gave up, for benchmarks that ask why a book has no fast lane.
  var site: String

  init(file: String = #fileID, line: Int = #line) {
    site = "\(file):\(line)"
  }
}

/// A rule book compiled for the fast lane; immutable, shared by every evaluator.
struct FastProgram: Sendable {
  /// Every compiled rule in order, each writing its value and its outputs; one that fails is
  /// marked undecided (`FastMachine.giveUp`) and the rest go on.
  var run: @Sendable (FastMachine) -> Void = { _ in }
  var ruleCount = 0
  /// Output types (as the general checker settled them), for turning slots back into values.
  var outputTypes: [RuleType] = []
  var factTypes: [RuleType] = []
  var records: [[RuleType]] = []
  /// Parameter rows, as the general program holds them.
  var params: [ParamInfo] = []
  /// Every text constant of the book, by interned id.
  var texts: [String: Int] = [:]
  /// Outputs of type text: one holding a text that is not a constant (id -1) cannot be
  /// written from its id, so the citizen goes to the general machine.
  var textOutputs: [Int] = []
  /// Rules the lane does not compile, in order: after the lane decided a citizen, the general
  /// machine runs these (and whatever they read), and their outputs come from it.
  var generalRules: [Int] = []
  var generalOutputs: [Int] = []
  /// The rule writing each output.
  var outputRule: [Int] = []
  /// The facts compiled rules read, in order: the machine loads only these.
  var readFacts: [Int] = []
  var slotCount = 0
  /// Day-invariant expressions, each with a cache slot.
  var cacheCount = 0
  var functionCount = 0
}
