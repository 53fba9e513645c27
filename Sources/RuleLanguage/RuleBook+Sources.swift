import CivilCalendar
import Diagnostics
import Foundation

/// One parameter of the law as the book holds it, for `biseo check --sources`.
///
/// Certainty and yearly review are read from the `source` text, with the tags the rule files
/// already use: `[불확실]` (also inside `[보도/불확실]`) marks a value resting on a guess, and
/// `[매년]` a value set by a yearly notice (기준중위소득, 기초연금 선정기준액…). Tags need no
/// grammar change, so a rule author marks a parameter yearly by writing the tag.
public struct ParameterSource: Sendable, Equatable {
  public var name: String
  /// The declared type, as written (`money`, `duration`).
  public var type: String
  /// The last row's value, in rule syntax (`100_000 won`).
  public var latestValue: String
  /// The last row's `since`; nil when the only row has none.
  public var effective: CivilDate?
  public var source: String?
  /// The latest date the source text cites (`2026.3.1`, `2026-03-01`), if any.
  public var sourceDate: CivilDate?
  public var uncertain: Bool
  public var yearly: Bool
  /// Yearly, and the last row took effect in a year before the as-of year: this year's notice
  /// is not encoded.
  public var stale: Bool
  /// The rules that read the parameter, directly or through functions, in book order.
  public var readBy: [String]
  public var path: String
  public var line: Int
}

extension RuleBook {
  /// Every parameter in declaration order, judged as of `asOf`.
  public func parameterSources(asOf: CivilDate) -> [ParameterSource] {
    let readers = parameterReaders()
    return program.params.enumerated().map { index, param in
      let last = param.rows.last
      let since: CivilDate? = last.flatMap {
        $0.since == Int.min ? nil : CivilDate(dayNumber: $0.since)
      }
      let source = param.source
      let yearly = source?.contains("[매년]") ?? false
      return ParameterSource(
        name: param.name,
        type: program.types.describe(param.type),
        latestValue: last.map { ParameterText.value($0.value, param.type, program) } ?? "",
        effective: since,
        source: source,
        sourceDate: source.flatMap(ParameterText.latestDate),
        uncertain: source?.contains("불확실") ?? false,
        yearly: yearly,
        stale: yearly && (since?.year ?? Int.min) < asOf.year,
        readBy: readers[index].sorted().map { program.rules[$0].name },
        path: param.span.path, line: param.span.start.line)
    }
  }

  /// For each parameter, the indices of the rules reading it.
  private func parameterReaders() -> [Set<Int>] {
    let typed = program.typed
    var functionParams: [Int: Set<Int>] = [:]
    func params(ofFunction id: Int, visiting: inout Set<Int>) -> Set<Int> {
      if let known = functionParams[id] { return known }
      guard visiting.insert(id).inserted, let f = typed.functions[id] else { return [] }
      var found = Set<Int>()
      collect(f.body, into: &found, visiting: &visiting)
      functionParams[id] = found
      return found
    }
    func collect(_ e: Typed, into found: inout Set<Int>, visiting: inout Set<Int>) {
      switch e.op {
      case .param(let p): found.insert(p)
      case .call(let id, let args):
        found.formUnion(params(ofFunction: id, visiting: &visiting))
        for a in args { collect(a, into: &found, visiting: &visiting) }
      default:
        for child in e.children { collect(child, into: &found, visiting: &visiting) }
      }
    }
    var readers = Array(repeating: Set<Int>(), count: program.params.count)
    for (index, rule) in typed.rules.enumerated() {
      var found = Set<Int>()
      var visiting = Set<Int>()
      for e in rule.expressions { collect(e, into: &found, visiting: &visiting) }
      for p in found { readers[p].insert(index) }
    }
    return readers
  }
}

extension Typed {
  /// The operands, in no particular order.
  fileprivate var children: [Typed] {
    switch op {
    case .constant, .today, .fact, .param, .local, .rule, .output, .invalid: []
    case .not(let a), .negate(let a), .field(let a, _): [a]
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      [a, b]
    case .conditional(let c, let a, let b): [c, a, b]
    case .builtin(_, let args), .list(let args), .call(_, let args): args
    case .record(_, let fields): fields.compactMap { $0 }
    case .aggregate(_, _, let source, let filter, let body):
      [source] + [filter, body].compactMap { $0 }
    case .iterate(_, let first, let next, let until, _): [first, next, until]
    case .narrowed(let copies, let body): copies.map(\.value) + [body]
    }
  }
}

extension TypedProgram.Rule {
  /// Every expression the rule evaluates: bindings, condition, outputs, reminders, reasons.
  fileprivate var expressions: [Typed] {
    var all = bindings.map(\.value) + [condition].compactMap { $0 }
    for output in outputs { all += [output.value] + [output.otherwise].compactMap { $0 } }
    func pieces(_ message: [TypedProgram.Reminder.Piece]) -> [Typed] {
      message.compactMap { if case .value(let e) = $0 { e } else { nil } }
    }
    for reminder in reminders {
      all +=
        [reminder.start, reminder.end] + reminder.notify.map(\.offset) + pieces(reminder.message)
    }
    for reason in reasons { all += [reason.condition].compactMap { $0 } + pieces(reason.message) }
    return all
  }
}

/// Values and dates as the report writes them.
enum ParameterText {
  static func value(_ v: Value, _ type: RuleType, _ program: Program) -> String {
    switch v {
    case .none: return "none"
    case .bool(let b): return b ? "true" : "false"
    case .int(let n): return type.unwrapped == .money ? grouped(n) + " won" : grouped(n)
    case .decimal(let n):
      let scale = Decimal6.scale
      var frac = String(abs(n) % scale)
      frac = String(repeating: "0", count: 6 - frac.count) + frac
      while frac.count > 1, frac.hasSuffix("0") { frac.removeLast() }
      return (n < 0 ? "-" : "") + "\(abs(n) / scale).\(frac)"
    case .date(let d): return CivilDate(dayNumber: d).description
    case .duration(let months, let days):
      var parts: [String] = []
      if months != 0 {
        parts.append(
          months % 12 == 0 ? plural(months / 12, "year") : plural(months, "month"))
      }
      if days != 0 || parts.isEmpty { parts.append(plural(days, "day")) }
      return parts.joined(separator: " ")
    case .text(let s): return "\"\(s)\""
    case .enumCase(let c):
      if case .enumeration(let e) = type.unwrapped { return program.enums[e].cases[c] }
      return "\(c)"
    case .list(let items):
      let element: RuleType = if case .list(let e) = type.unwrapped { e } else { .error }
      return "[" + items.map { value($0, element, program) }.joined(separator: ", ") + "]"
    case .record(let fields):
      return "{" + fields.map { value($0, .error, program) }.joined(separator: ", ") + "}"
    case .unknown: return "unknown"
    case .fault: return "fault"
    }
  }

  /// `100_000`, as rule files write amounts.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    guard digits.count > 4 else { return String(n) }
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append("_") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  private static func plural(_ n: Int, _ unit: String) -> String {
    "\(n) \(unit)\(n == 1 ? "" : "s")"
  }

  /// The latest whole date a citation names: `2026.3.1`, `2026-03-01`, `2026. 3. 1.`.
  static func latestDate(in text: String) -> CivilDate? {
    let pattern = #"(19|20)\d{2}\s?[.\-]\s?\d{1,2}\s?[.\-]\s?\d{1,2}(?!\d)"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    let range = NSRange(text.startIndex..., in: text)
    var latest: CivilDate?
    for match in regex.matches(in: text, range: range) {
      guard let r = Range(match.range, in: text) else { continue }
      let numbers = text[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
      guard numbers.count == 3,
        let d = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2])
      else { continue }
      if latest.map({ d > $0 }) ?? true { latest = d }
    }
    return latest
  }
}
