import CivilCalendar
import Diagnostics

/// Tells the evaluator which days offices are open; the real Korean calendar is injected.
public protocol BusinessCalendar: Sendable {
  /// Whether `date` is a working day (not a weekend or a public holiday).
  func isBusinessDay(_ date: CivilDate) -> Bool
}

/// Weekends only: the fallback until a holiday calendar is wired in.
public struct WeekendCalendar: BusinessCalendar {
  public init() {}

  public func isBusinessDay(_ date: CivilDate) -> Bool { !date.weekday.isWeekend }
}

/// The mutable state of one evaluation; reused across citizens so evaluation allocates little.
///
/// Slots live in buffers allocated once (no copy-on-write or exclusivity checks on the hot
/// path); a machine belongs to one thread.
final class Machine {
  let program: Program
  let calendar: any BusinessCalendar
  let facts: UnsafeMutablePointer<Value>
  let params: UnsafeMutablePointer<Value>
  let locals: UnsafeMutablePointer<Value>
  let ruleValues: UnsafeMutablePointer<Value>
  let ruleDone: UnsafeMutablePointer<Bool>
  let outputs: UnsafeMutablePointer<Value>
  private let plans: [RulePlan]
  var paramsDay = Int.min
  /// `today` and the tracing flag, kept outside stored properties so the hot path reads them
  /// without exclusivity checks.
  private let registers: UnsafeMutablePointer<Int>
  var today: Int {
    get { registers[0] }
    set { registers[0] = newValue }
  }
  /// The year of `today`, computed once per evaluation date (rules ask for it often).
  var todayYear: Int {
    get { registers[2] }
    set { registers[2] = newValue }
  }
  /// Counts evaluations; a function's memo is valid only within one (facts, today and
  /// parameters are fixed for its length).
  var epoch: Int {
    get { registers[3] }
    set { registers[3] = newValue }
  }
  /// Per function: the epoch of its last call, whose arguments and result sit in its slots.
  let memo: UnsafeMutablePointer<Int>
  var tracing: Bool {
    get { registers[1] != 0 }
    set { registers[1] = newValue ? 1 : 0 }
  }
  var faults: [RuntimeFault] = []
  private var paramFaults: [RuntimeFault] = []
  var usedFacts: [Int] = []
  var usedParams: [Int] = []

  private static func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    p.initialize(repeating: value, count: max(count, 1))
    return p
  }

  init(program: Program, calendar: any BusinessCalendar) {
    self.program = program
    self.calendar = calendar
    facts = Machine.buffer(program.facts.count, .unknown(.empty))
    params = Machine.buffer(program.params.count, .none)
    locals = Machine.buffer(program.slotCount, .none)
    ruleValues = Machine.buffer(program.rules.count, .none)
    ruleDone = Machine.buffer(program.rules.count, false)
    outputs = Machine.buffer(program.outputs.count, .none)
    plans = program.rules.map { RulePlan($0, outputs: program.outputs) }
    registers = Machine.buffer(4, 0)
    memo = Machine.buffer(program.functionCount, 0)
    registers[3] = 1  // epoch 1: no memo stamp (0) matches before the first call
  }

  deinit {
    for (p, n) in [
      (facts, program.facts.count), (params, program.params.count), (locals, program.slotCount),
      (ruleValues, program.rules.count), (outputs, program.outputs.count),
    ] {
      p.deinitialize(count: max(n, 1))
      p.deallocate()
    }
    ruleDone.deinitialize(count: max(program.rules.count, 1))
    ruleDone.deallocate()
    registers.deinitialize(count: 4)
    memo.deinitialize(count: max(program.functionCount, 1))
    memo.deallocate()
    registers.deallocate()
  }

  /// Copies a profile's facts into the fact slots.
  func setFacts(_ values: [Value]) {
    let n = min(values.count, program.facts.count)
    values.withUnsafeBufferPointer { buf in
      if let base = buf.baseAddress { facts.update(from: base, count: n) }
    }
  }

  /// Prepares for a new citizen on `day` (facts are set by the caller).
  func reset(day: Int) {
    if today != day || todayYear == 0 { todayYear = CivilDate(dayNumber: day).year }
    today = day
    epoch += 1
    if !faults.isEmpty { faults.removeAll(keepingCapacity: true) }
    if paramsDay != day {
      for (i, p) in program.params.enumerated() {
        var v = Value.unknown(.empty)
        for row in p.rows where row.since <= day { v = row.value }
        if case .unknown = v {
          v = fault(RuleMessage.paramUndefined(p.name, on: CivilDate(dayNumber: day)), at: p.span)
        }
        params[i] = v
      }
      paramsDay = day
      paramFaults = faults
    } else if !paramFaults.isEmpty {
      // Parameters without a value on this day stay faults at the same indices.
      faults = paramFaults
    }
    ruleDone.update(repeating: false, count: program.rules.count)
    if tracing {
      usedFacts.removeAll(keepingCapacity: true)
      usedParams.removeAll(keepingCapacity: true)
    }
  }

  func fault(_ message: String, at span: SourceSpan) -> Value {
    faults.append(
      RuntimeFault(
        message: message, path: span.path, line: span.start.line, column: span.start.column))
    return .fault(faults.count - 1)
  }

  /// Evaluates rule `r` once per citizen (rules may read each other's results).
  func run(rule r: Int) {
    if ruleDone[r] { return }
    ruleDone[r] = true
    plans[r].run(self, r)
  }

  /// An output's value under the rule's condition.
  ///
  /// Without `otherwise`, the value itself. With it: `value` where the condition holds,
  /// `otherwise` where it does not; under an unknown condition the output is known only if
  /// both sides agree.
  func decide(_ c: Value, _ value: Eval, _ otherwise: Eval?) -> Value {
    guard let otherwise else { return value(self) }
    switch c {
    case .bool(true): return value(self)
    case .bool(false): return otherwise(self)
    case .unknown(let s):
      let a = value(self)
      let b = otherwise(self)
      if a.isDecided, b.isDecided, a.same(as: b) { return a }
      var set = s
      if case .unknown(let x) = a { set = set.union(x) }
      if case .unknown(let y) = b { set = set.union(y) }
      return .unknown(set)
    default: return c
    }
  }

  func runAll() {
    for r in 0..<program.rules.count { run(rule: r) }
  }
}

/// A rule's compiled steps, flattened for the evaluation loop.
final class RulePlan {
  /// The rule as one chain of closures: bindings, then the condition, then the outputs.
  private let body: @Sendable (Machine, Int) -> Void

  init(_ rule: CompiledRule, outputs all: [CompiledOutput]) {
    var outputs: @Sendable (Machine, Value) -> Void = { _, _ in }
    for o in rule.outputs.reversed() {
      let (next, value) = (outputs, all[o].value)
      if let otherwise = all[o].otherwise {
        outputs = { m, c in
          m.outputs[o] = m.decide(c, value, otherwise)
          next(m, c)
        }
      } else {
        outputs = { m, c in
          m.outputs[o] = value(m)
          next(m, c)
        }
      }
    }
    var condition: Eval = rule.condition ?? { _ in .bool(true) }
    for b in rule.bindings.reversed() {
      let (next, slot, eval) = (condition, b.slot, b.eval)
      condition = { m in
        m.locals[slot] = eval(m)
        return next(m)
      }
    }
    let (start, finish) = (condition, outputs)
    body = { m, r in
      let c = start(m)
      m.ruleValues[r] = c
      finish(m, c)
    }
  }

  func run(_ m: Machine, _ r: Int) { body(m, r) }
}
