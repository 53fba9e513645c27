import CivilCalendar

/// The typed program as text, one operation a line, for `biseo check --dump-program` and the
/// golden tests that pin the lowering.
///
/// A line reads `operation: type @line:column`; operands follow, indented, labelled where
/// their role is not their position (`where:`, `else:`).
struct TypedProgramPrinter {
  let program: Program
  private var out = ""

  init(program: Program) { self.program = program }

  static func text(_ program: Program) -> String {
    var p = TypedProgramPrinter(program: program)
    p.book()
    return p.out
  }

  private var names: TypeNames { program.types }

  private mutating func line(_ depth: Int, _ text: String) {
    out += String(repeating: "  ", count: depth) + text + "\n"
  }

  private mutating func book() {
    for (i, f) in program.facts.enumerated() {
      line(
        0,
        "fact #\(i) \(f.name): \(names.describe(f.type)) from \(f.keyPath.joined(separator: "."))")
    }
    for (i, p) in program.params.enumerated() {
      line(0, "param #\(i) \(p.name): \(names.describe(p.type))")
      for row in p.rows {
        let since = row.since == Int.min ? "always" : CivilDate(dayNumber: row.since).description
        line(1, "\(since): \(literal(row.value, p.type))")
      }
    }
    for (i, f) in program.typed.functions.enumerated() {
      guard let f else { continue }
      let params = f.parameters.map { "s\($0.slot) \($0.name): \(names.describe($0.type))" }
      line(
        0,
        "function #\(i) \(f.name)(\(params.joined(separator: ", "))) -> "
          + "\(names.describe(f.result)) in s\(f.resultSlot) @\(f.span.path)")
      node(f.body, depth: 1)
    }
    for (i, r) in program.typed.rules.enumerated() {
      let rule = program.rules[i]
      line(0, "rule #\(i) \(rule.name) @\(rule.span.path)")
      for b in r.bindings {
        line(1, "let s\(b.slot) \(b.name): \(names.describe(b.type))")
        node(b.value, depth: 2)
      }
      if let c = r.condition {
        line(1, "when")
        node(c, depth: 2)
      }
      for o in r.outputs {
        let info = program.outputs[o.index]
        line(1, "output #\(o.index) \(info.name): \(names.describe(info.type))")
        node(o.value, depth: 2)
        if let w = o.otherwise { node(w, depth: 2, label: "otherwise") }
      }
      for m in r.reminders {
        line(1, "reminder")
        node(m.start, depth: 2, label: "start")
        node(m.end, depth: 2, label: "end")
        for n in m.notify {
          let when = (n.before ? "before " : "after ") + (n.fromEnd ? "end" : "start")
          node(n.offset, depth: 2, label: "notify \(when)")
        }
        pieces(m.message)
      }
      for reason in r.reasons {
        line(1, "because")
        if let c = reason.condition { node(c, depth: 2, label: "if") }
        pieces(reason.message)
      }
    }
  }

  private mutating func pieces(_ message: [TypedProgram.Reminder.Piece]) {
    for piece in message {
      switch piece {
      case .literal(let s): line(2, "text \(quoted(s))")
      case .value(let v): node(v, depth: 2, label: "value")
      }
    }
  }

  private mutating func node(_ t: Typed, depth: Int, label: String? = nil) {
    let head = (label.map { $0 + ": " } ?? "") + operation(t)
    line(depth, "\(head): \(names.describe(t.type)) @\(t.span.start.line):\(t.span.start.column)")
    let d = depth + 1
    switch t.op {
    case .constant, .today, .fact, .param, .local, .rule, .output, .invalid: break
    case .not(let a), .negate(let a), .field(let a, _): node(a, depth: d)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      node(a, depth: d)
      node(b, depth: d)
    case .conditional(let c, let a, let b):
      node(c, depth: d)
      node(a, depth: d, label: "then")
      node(b, depth: d, label: "else")
    case .builtin(_, let args), .call(_, let args), .list(let args):
      for a in args { node(a, depth: d) }
    case .record(let r, let fields):
      for (k, f) in fields.enumerated() {
        if let f { node(f, depth: d, label: program.records[r].fields[k].name) }
      }
    case .aggregate(_, _, let source, let filter, let body):
      node(source, depth: d, label: "in")
      if let filter { node(filter, depth: d, label: "where") }
      if let body { node(body, depth: d, label: "value") }
    case .iterate(_, let first, let next, let until, _):
      node(first, depth: d, label: "first")
      node(next, depth: d, label: "then")
      node(until, depth: d, label: "until")
    case .narrowed(let copies, let body):
      for c in copies { node(c.value, depth: d, label: "s\(c.slot)") }
      node(body, depth: d)
    }
  }

  private func operation(_ t: Typed) -> String {
    switch t.op {
    case .constant(let v): "constant \(literal(v, t.type))"
    case .today: "today"
    case .fact(let f): "fact #\(f) \(program.facts[f].name)"
    case .param(let p): "param #\(p) \(program.params[p].name)"
    case .local(let s): "local s\(s)"
    case .rule(let r): "rule #\(r) \(program.rules[r].name)"
    case .output(let o): "output #\(o) \(program.outputs[o].name)"
    case .not: "not"
    case .negate: "negate"
    case .and: "and"
    case .or: "or"
    case .coalesce: "??"
    case .binary(let op, _, _): op
    case .conditional: "if"
    case .builtin(let f, _): "builtin \(f)"
    case .call(let id, _): "call #\(id) \(program.typed.functions[id]?.name ?? "?")"
    case .field(let base, let k):
      if case .record(let r) = base.type.unwrapped {
        "field \(program.records[r].fields[k].name)"
      } else {
        "field #\(k)"
      }
    case .list: "list"
    case .record(let r, _): "record \(program.records[r].name)"
    case .aggregate(let kind, let slot, _, _, _): "\(kind) s\(slot)"
    case .iterate(let slot, _, _, _, let limit): "iterate s\(slot) at most \(limit)"
    case .narrowed(let copies, _): "narrow " + copies.map { "s\($0.slot)" }.joined(separator: " ")
    case .invalid: "invalid"
    }
  }

  private func literal(_ v: Value, _ type: RuleType) -> String {
    switch v {
    case .none: return "none"
    case .bool(let b): return b ? "true" : "false"
    case .int(let n): return String(n)
    case .decimal(let n): return decimal(n)
    case .date(let d): return CivilDate(dayNumber: d).description
    case .duration(let months, let days): return "\(months) months \(days) days"
    case .text(let s): return quoted(s)
    case .enumCase(let c):
      if case .enumeration(let e) = type.unwrapped { return program.enums[e].cases[c] }
      return "case \(c)"
    case .list(let items):
      let element: RuleType = if case .list(let e) = type.unwrapped { e } else { .error }
      return "[" + items.map { literal($0, element) }.joined(separator: ", ") + "]"
    case .record(let fields):
      return "{" + fields.map { literal($0, .error) }.joined(separator: ", ") + "}"
    case .unknown: return "unknown"
    case .fault: return "fault"
    }
  }

  private func decimal(_ scaled: Int) -> String {
    let sign = scaled < 0 ? "-" : ""
    let m = scaled.magnitude
    let whole = m / UInt(Decimal6.scale)
    var frac = String(m % UInt(Decimal6.scale))
    frac = String(repeating: "0", count: 6 - frac.count) + frac
    while frac.count > 1, frac.hasSuffix("0") { frac.removeLast() }
    return "\(sign)\(whole).\(frac)"
  }

  private func quoted(_ s: String) -> String {
    var out = "\""
    for c in s {
      if c == "\"" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out + "\""
  }
}
