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
final class Machine {
  let program: Program
  let calendar: any BusinessCalendar
  var facts: [Value]
  var params: [Value]
  var paramsDay = Int.min
  var locals: [Value]
  var ruleValues: [Value]
  var ruleDone: [Bool]
  var outputs: [Value]
  var today = 0
  var faults: [RuntimeFault] = []
  private var paramFaults: [RuntimeFault] = []
  var tracing = false
  var usedFacts: [Int] = []
  var usedParams: [Int] = []

  init(program: Program, calendar: any BusinessCalendar) {
    self.program = program
    self.calendar = calendar
    facts = Array(repeating: .unknown(.empty), count: program.facts.count)
    params = Array(repeating: .none, count: program.params.count)
    locals = Array(repeating: .none, count: program.slotCount)
    ruleValues = Array(repeating: .none, count: program.rules.count)
    ruleDone = Array(repeating: false, count: program.rules.count)
    outputs = Array(repeating: .none, count: program.outputs.count)
  }

  /// Prepares for a new citizen on `day` (facts are set by the caller).
  func reset(day: Int) {
    today = day
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
    for i in ruleDone.indices { ruleDone[i] = false }
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
    let rule = program.rules[r]
    for b in rule.bindings { locals[b.slot] = b.eval(self) }
    let c = rule.condition?(self) ?? .bool(true)
    ruleValues[r] = c
    for o in rule.outputs {
      let out = program.outputs[o]
      outputs[o] = decide(c, out.value, out.otherwise)
    }
  }

  /// Without `otherwise`, the value itself. With it: `value` where the condition holds,
  /// `otherwise` where it does not; under an unknown condition the output is known only if
  /// both sides agree.
  private func decide(_ c: Value, _ value: Eval, _ otherwise: Eval?) -> Value {
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
    for r in program.rules.indices { run(rule: r) }
  }
}
