import Diagnostics

/// How the vector lane encodes each value as one 64-bit word.
///
/// Bool is 0/1, int and money are themselves, decimal is scaled by `Decimal6.scale`, a date
/// is its day number, an enum its case ordinal, text an interned id (-1 for a text that is no
/// constant of the book), a duration packed (`duration`), a list or record an arena offset;
/// `none` is `Int.min`.
enum LaneWord {
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

/// A compiled expression of the vector lane: fills a column of the machine's current space
/// (one word per lane, `LaneWord`) and returns it.
///
/// A kernel computes every lane of the space, but it may fail a lane, or follow a list or
/// record offset, only where the space's `active` mask is 1: inactive lanes are what a
/// conditional's other branch computes, and their values are never read.
typealias VecEval = @Sendable (VectorMachine) -> UnsafeMutablePointer<Int>

/// A rule book compiled for the vector lane; immutable, shared by every evaluator.
///
/// Rules it does not compile (and rules sharing an output with one) stay on the general
/// machine, which runs them for every citizen; the batch width is the caller's, from 1 (a
/// chat message, the planner) to `VectorMachine.width` (`biseo evaluate`).
struct VectorProgram: Sendable {
  /// Every compiled rule in order, each writing its value and outputs for the batch.
  var run: @Sendable (VectorMachine) -> Void = { _ in }
  var ruleCount = 0
  var outputCount = 0
  /// Output types (as the checker settled them), for writing the lane's words; past the
  /// book's `outputCount`, the columns of reminders (`reminders`).
  var outputTypes: [RuleType] = []
  /// Per rule, where its reminders are computed (nil: the general machine composes them, as
  /// for a rule the lane does not run); each reminder's parts in columns past the book's
  /// outputs, also listed together per rule (`reminderColumns`).
  var reminders: [[LaneReminder]?] = []
  var reminderColumns: [[Int]] = []
  /// The rules left to the general machine (not run here), and their outputs.
  var generalRules: Set<Int> = []
  var generalOutputs: Set<Int> = []
  var factTypes: [RuleType] = []
  var records: [[RuleType]] = []
  var params: [ParamInfo] = []
  var texts: [String: Int] = [:]
  /// The rule writing each output.
  var outputRule: [Int] = []
  var readFacts: [Int] = []
  var slotCount = 0
  var cacheCount = 0
  /// Calls that read only facts, parameters and the day, by id (`VectorCompiler.batchCached`),
  /// and whether the book makes each one more than once (only those are kept per batch).
  var batchCacheCount = 0
  var batchCacheReused: [Bool] = []
  /// Where the lane's faults are (`VectorMachine+Faults.swift`): parameter `p`'s (no value on
  /// the day) is site `p`, then each operator that can fault, and each `iterate` (its step
  /// limit).
  var faultSites: [(span: SourceSpan, param: Int?, steps: Int?)] = []

  /// The fault site at `span`, by number (with `steps`: an `iterate` that took more steps).
  ///
  /// One per place in the source, however often the lane lowers it (twice per rule, once per
  /// inlined call), so two faults there are the same fault, as the general machine prints
  /// them.
  mutating func faultSite(_ span: SourceSpan, steps: Int? = nil) -> Int {
    let key = "\(span.path):\(span.start.line):\(span.start.column)\(steps == nil ? "" : " steps")"
    if let site = siteByPlace[key] { return site }
    faultSites.append((span, nil, steps))
    siteByPlace[key] = faultSites.count - 1
    return faultSites.count - 1
  }

  private var siteByPlace: [String: Int] = [:]
}

/// A reminder's window, notification offsets and the values its message reads, as output
/// columns of the lane: computed, with their unknowns and faults, for the citizens whose rule
/// holds when a batch runs with reminders (`VectorMachine.reminding`).
struct LaneReminder: Sendable {
  var start: LanePart
  var end: LanePart
  var notify: [LanePart]
  /// One per value piece of the message, in order.
  var values: [LanePart]
}

/// Where a part of a reminder is: an output column, or a literal of the program.
enum LanePart: Sendable {
  case column(Int)
  case constant(Value)
}

/// The vector lane's failure to compile a construct: the rule then stays on the general
/// machine.
struct VectorUnsupported: Error {
  var site: String

  init(file: String = #fileID, line: Int = #line) {
    site = "\(file):\(line)"
  }
}
