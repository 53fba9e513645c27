import CivilCalendar
import Hangul

/// Why a rule came out as it did: its conditions with their values, the `let` values, and the
/// facts and parameters they were computed from.
public struct Trace: Sendable, Equatable {
  public struct Condition: Sendable, Equatable {
    /// The condition as written in the rule file.
    public var text: String
    public var value: OutputValue
  }

  public struct Item: Sendable, Equatable {
    public var name: String
    public var value: OutputValue
    /// For a fact, its question; for a parameter, since when the value holds and its source.
    public var note: String?
    /// Money, written with thousands separators; other numbers (a year, an age) are not.
    public var isMoney = false
  }

  public var conditions: [Condition]
  public var bindings: [Item]
  public var facts: [Item]
  public var params: [Item]
  /// The rule's reason in plain words: its first `because` line whose condition holds.
  public var reason: String? { reasons.first }
  /// Every `because` line whose condition holds, in the rule's order: "왜?" about one thing
  /// the rule decides ("대장암은?") takes the one that names it.
  public var reasons: [String]
}

extension Evaluator {
  /// The trace of one rule, without evaluating the rest of the book: what "왜?" needs of the
  /// one service asked about.
  public func trace(ofRule name: String, _ profile: Profile, asOf: CivilDate) -> Trace? {
    guard let r = program.rules.firstIndex(where: { $0.name == name }) else { return nil }
    return trace(rule: r, profile: profile, asOf: asOf)
  }

  func trace(rule r: Int, profile: Profile, asOf: CivilDate) -> Trace {
    machine.tracing = true
    defer { machine.tracing = false }
    machine.setFacts(profile.facts)
    machine.reset(day: asOf.dayNumber)
    machine.run(rule: r)
    let rule = program.rules[r]
    let conditions = rule.conjuncts.map { c in
      Trace.Condition(text: c.text, value: output(c.eval(machine), .bool))
    }
    let bindings = rule.bindings.map { b in
      Trace.Item(
        name: b.name, value: output(machine.locals[b.slot], b.type), note: nil,
        isMoney: b.type.unwrapped == .money)
    }
    var seen: Set<Int> = []
    var facts: [Trace.Item] = []
    for f in machine.usedFacts where seen.insert(f).inserted {
      let info = program.facts[f]
      facts.append(
        Trace.Item(
          name: info.name, value: output(machine.facts[f], info.type), note: info.ask,
          isMoney: info.type.unwrapped == .money))
    }
    seen = []
    var params: [Trace.Item] = []
    for p in machine.usedParams where seen.insert(p).inserted {
      let info = program.params[p]
      let since = info.rows.last { $0.since <= asOf.dayNumber }?.since
      var note: [String] = []
      if let since, since != Int.min { note.append("\(CivilDate(dayNumber: since))부터") }
      if let s = info.source { note.append("근거: \(s)") }
      params.append(
        Trace.Item(
          name: info.name, value: output(machine.params[p], info.type),
          note: note.isEmpty ? nil : note.joined(separator: ", "),
          isMoney: info.type.unwrapped == .money))
    }
    // The `because` lines whose condition is true (an unknown one is passed over).
    let reasons = rule.reasons.filter { reason in
      guard let condition = reason.condition else { return true }
      if case .bool(true) = condition(machine) { return true }
      return false
    }.map { compose($0.message) }
    return Trace(
      conditions: conditions, bindings: bindings, facts: facts, params: params, reasons: reasons)
  }
}

/// Korean sentences for "왜?" in chat.
public enum Korean {
  /// A value as a person reads it: dates as `2026년 6월 15일`, money with thousands commas
  /// (`money`), other numbers as they are — a year is 2029, not 2,029.
  public static func value(_ v: OutputValue, money: Bool = false) -> String {
    switch v {
    case .null: return "없음"
    case .bool(let b): return b ? "예" : "아니요"
    case .int(let n): return money ? grouped(n) : String(n)
    case .decimal(let s): return s
    case .text(let s): return s
    case .date(let d): return "\(d.year)년 \(d.month)월 \(d.day)일"
    case .duration(let m, let d):
      var parts: [String] = []
      if m != 0 { parts.append(m % 12 == 0 ? "\(m / 12)년" : "\(m)개월") }
      if d != 0 || parts.isEmpty { parts.append("\(d)일") }
      return parts.joined(separator: " ")
    case .list(let items):
      return items.isEmpty ? "없음" : items.map { value($0, money: money) }.joined(separator: ", ")
    case .record(let fields):
      return fields.map { "\($0.name) \(value($0.value))" }.joined(separator: ", ")
    case .unknown: return "알 수 없음"
    case .fault(let f): return "오류(\(f.message))"
    }
  }

  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// One rule's result and reasons, as sentences.
  public static func explain(_ r: RuleResult, book: RuleBook) -> String {
    let title = r.title ?? r.name
    var lines: [String] = []
    switch r.status {
    case .holds: lines.append("「\(title)」에 해당합니다.")
    case .fails: lines.append("「\(title)」에 해당하지 않습니다.")
    case .unknown(let missing):
      let asks = missing.map { name in
        book.facts.first { $0.name == name }?.ask.map { "\($0) (\(name))" } ?? name
      }
      lines.append(
        "「\(title)」" + Josa.topic.form(after: title) + " 아직 판단할 수 없습니다. 다음을 알려 주시면 판단할 수 있습니다:")
      lines += asks.map { "  · \($0)" }
    case .fault(let f):
      lines.append("「\(title)」" + Josa.object.form(after: title) + " 계산하다 오류가 났습니다: \(f)")
    }
    if let t = r.trace {
      if let reason = t.reason { lines.append("  이유: \(reason)") }
      for c in t.conditions {
        let verdict: String
        switch c.value {
        case .bool(true): verdict = "맞습니다"
        case .bool(false): verdict = "아닙니다"
        case .fault(let f): verdict = "계산 오류입니다(\(f.message))"
        default: verdict = "알 수 없습니다"
        }
        lines.append("  - 조건 ‘\(c.text)’: \(verdict).")
      }
      // Identifiers are shown as `name = value`, never with a Korean particle after them
      // ("born는"); facts carry their Korean label.
      for b in t.bindings { lines.append("  - \(b.name) = \(value(b.value, money: b.isMoney))") }
      if !t.facts.isEmpty {
        let used = t.facts.map { item in
          let label = book.facts.first { $0.name == item.name }?.label
          return (label.map { "\($0)(\(item.name))" } ?? item.name) + " = "
            + value(item.value, money: item.isMoney)
        }.joined(separator: ", ")
        lines.append("  사용한 정보: \(used)")
      }
      for p in t.params {
        lines.append(
          "  적용 기준: \(p.name) = \(value(p.value, money: p.isMoney))"
            + (p.note.map { " (\($0))" } ?? ""))
      }
    }
    if let s = r.source { lines.append("  근거: \(s)") }
    for rem in r.reminders {
      lines.append("  알림: \(rem.message) (\(value(.date(rem.start))) ~ \(value(.date(rem.end))))")
    }
    return lines.joined(separator: "\n")
  }
}
