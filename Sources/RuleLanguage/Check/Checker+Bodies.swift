import CivilCalendar
import Diagnostics

extension Checker {
  func checkFunction(_ name: String) {
    guard let f = functions[name], !f.checked, !f.checking else { return }
    f.checking = true
    functionStack.append(name)
    defer {
      f.checking = false
      functionStack.removeLast()
    }
    f.result = resolve(f.decl.result)
    f.resultSlot = newSlot()
    var scope: [String: Local] = [:]
    f.parameters = []
    for p in f.decl.parameters {
      let t = resolve(p.type)
      let slot = newSlot()
      if scope[p.name.text] != nil { error(RuleMessage.duplicateParameter(p.name)) }
      scope[p.name.text] = Local(slot: slot, type: t)
      f.parameters.append((slot, t))
    }
    let savedScopes = scopes
    let savedRule = currentRule
    scopes = [scope]
    currentRule = nil
    let (t, node) = check(f.decl.body, expected: f.result)
    if !t.fits(f.result) {
      error(
        RuleMessage.typeMismatch(
          expected: f.result, found: t, at: f.decl.body.span, names: program.types))
    }
    f.checked = true
    program.typed.functions[f.id] = TypedProgram.Function(
      name: name,
      parameters: zip(f.decl.parameters, f.parameters).map { ($0.name.text, $1.slot, $1.type) },
      result: f.result, resultSlot: f.resultSlot, body: node, span: f.decl.name.span)
    scopes = savedScopes
    currentRule = savedRule
  }

  func checkRule(_ r: RuleDecl, index: Int) {
    currentRule = index
    scopes = [[:]]
    defer {
      currentRule = nil
      scopes = []
    }
    var rule = program.rules[index]
    var typed = TypedProgram.Rule()
    defer { program.typed.rules[index] = typed }
    var conditionSeen: SourceSpan?
    for item in r.items {
      switch item {
      case .binding(let name, let typeSyntax, let value):
        let declared = typeSyntax.map(resolve)
        let (t, node) = check(value, expected: declared)
        if let d = declared, !t.fits(d) {
          error(
            RuleMessage.typeMismatch(expected: d, found: t, at: value.span, names: program.types))
        }
        if scopes[0][name.text] != nil || isGlobal(name.text) {
          error(RuleMessage.shadowing(name))
        }
        let slot = newSlot()
        let type = declared ?? t
        scopes[0][name.text] = Local(slot: slot, type: type)
        typed.bindings.append(.init(name: name.text, slot: slot, type: type, value: node))
      case .condition(let e):
        if let first = conditionSeen {
          error(RuleMessage.secondCondition(at: e.span, first: first))
          continue
        }
        conditionSeen = e.span
        let (t, node) = check(e, expected: .bool)
        expectBool(t, at: e.span)
        typed.condition = node
        // Each part checked again on its own, as the trace quotes and evaluates it.
        for part in conjuncts(e) {
          let (_, pn) = check(part, expected: .bool, quiet: true)
          typed.conjuncts.append((sourceText(part.span), pn))
        }
      case .output(let name, _, let value, let otherwise):
        guard let o = outputIndex[name.text], program.outputs[o].rule == index else { continue }
        let declared: RuleType? = program.outputs[o].type == .error ? nil : program.outputs[o].type
        let (t, node) = check(value, expected: declared)
        var type = t
        var otherNode: Typed?
        if let other = otherwise {
          let (t2, n2) = check(other, expected: declared ?? t)
          otherNode = n2
          if let j = t.join(t2) {
            type = j
          } else {
            error(RuleMessage.branchMismatch(t, t2, at: other.span, names: program.types))
          }
        }
        if let d = declared {
          if !type.fits(d) {
            error(
              RuleMessage.typeMismatch(
                expected: d, found: type, at: value.span, names: program.types))
          }
          type = d
        }
        program.outputs[o].type = type
        rule.outputs.append(o)
        typed.outputs.append(.init(index: o, value: node, otherwise: otherNode))
      case .reminder(let rem):
        typed.reminders.append(checkReminder(rem))
      case .reason(let reason):
        var condition: Typed?
        if let e = reason.condition {
          let (t, node) = check(e, expected: .bool)
          expectBool(t, at: e.span)
          condition = node
        }
        typed.reasons.append(
          .init(
            condition: condition,
            message: messagePieces(reason.message, at: reason.messageSpan, window: nil)))
      }
    }
    program.rules[index] = rule
  }

  func isGlobal(_ name: String) -> Bool {
    factIndex[name] != nil || paramIndex[name] != nil || ruleIndex[name] != nil
      || outputIndex[name] != nil
  }

  func expectBool(_ t: RuleType, at span: SourceSpan) {
    if !t.fits(.bool) {
      error(RuleMessage.conditionNotBool(t, at: span, names: program.types))
    }
  }

  private func conjuncts(_ e: Expr) -> [Expr] {
    if case .binary("and", let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
    return [e]
  }

  func sourceText(_ span: SourceSpan) -> String {
    guard let lines = sourceLines[span.path], span.start.line >= 1, span.start.line <= lines.count
    else { return "" }
    let line = Array(lines[span.start.line - 1])
    let from = min(max(span.start.column - 1, 0), line.count)
    let to =
      span.end.line == span.start.line
      ? min(max(span.end.column - 1, from), line.count) : line.count
    return String(line[from..<to])
  }

  private func checkReminder(_ r: ReminderDecl) -> TypedProgram.Reminder {
    let (ts, startNode) = check(r.start, expected: .date)
    let (te, endNode) = check(r.end, expected: .date)
    for (t, e) in [(ts, r.start), (te, r.end)] where !t.fits(.date) {
      error(RuleMessage.typeMismatch(expected: .date, found: t, at: e.span, names: program.types))
    }
    var lowered = TypedProgram.Reminder(start: startNode, end: endNode, notify: [], message: [])
    for n in r.notify {
      let (t, node) = check(n.offset, expected: .duration)
      lowered.notify.append((node, n.before, n.fromEnd))
      if !t.fits(.duration) {
        error(
          RuleMessage.typeMismatch(
            expected: .duration, found: t, at: n.offset.span, names: program.types))
      }
    }
    lowered.message = messagePieces(r.message, at: r.messageSpan, window: (startNode, endNode))
    return lowered
  }

  /// A `say` or `because` text as literal pieces and the values its `{name}`s read (`{start}`
  /// and `{end}` are a reminder's window).
  private func messagePieces(
    _ text: String, at messageSpan: SourceSpan, window: (start: Typed, end: Typed)?
  ) -> [TypedProgram.Reminder.Piece] {
    var pieces: [TypedProgram.Reminder.Piece] = []
    var literal = ""
    var chars = Array(text)[...]
    var column = messageSpan.start.column + 1
    while let c = chars.first {
      chars = chars.dropFirst()
      column += 1
      guard c == "{" else {
        literal.append(c)
        continue
      }
      let nameChars = chars.prefix { $0 != "}" }
      let name = String(nameChars)
      let span = SourceSpan(
        path: messageSpan.path, line: messageSpan.start.line, column: column, length: name.count)
      chars = chars.dropFirst(nameChars.count + 1)
      column += nameChars.count + 1
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = ""
      if let window, name == "start" || name == "end" {
        pieces.append(.value(name == "start" ? window.start : window.end))
        continue
      }
      let (_, node) = check(Expr(kind: .name(name), span: span), expected: nil)
      pieces.append(.value(node))
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    return pieces
  }

  func checkRuleCycles() {
    var state = Array(repeating: 0, count: program.rules.count)
    func visit(_ r: Int) -> Bool {
      if state[r] == 2 { return false }
      if state[r] == 1 { return true }
      state[r] = 1
      for (d, span) in ruleDependencies[r] ?? [] where visit(d) {
        if state[r] == 1 {
          error(
            RuleMessage.ruleCycle(program.rules[r].name, through: program.rules[d].name, at: span))
        }
        state[r] = 2
        return false
      }
      state[r] = 2
      return false
    }
    for r in program.rules.indices { _ = visit(r) }
  }

  func checkEvent(_ e: EventDecl) {
    guard declare(e.name, kind: "event") else { return }
    var rules: [Int] = []
    for y in e.yields {
      if let r = ruleIndex[y.text] {
        rules.append(r)
      } else {
        error(
          RuleMessage.unknownRule(
            y, suggestion: Suggest.closest(to: y.text, in: Array(ruleIndex.keys))))
      }
    }
    program.events.append(
      CompiledEvent(
        name: e.name.text, title: e.title, facts: e.facts.compactMap { factIndex[$0.name.text] },
        rules: rules, intake: eventIntake(e)))
  }

  /// The event's `asks` and its writes, each field checked against the fact's record.
  private func eventIntake(_ e: EventDecl) -> EventIntake? {
    if e.asks == nil, let first = e.writes.first {
      error(RuleMessage.eventWritesWithoutAsk(at: first.fact.span))
    }
    guard let asks = e.asks else { return nil }
    var writes: [EventWrite] = []
    for w in e.writes {
      guard let f = factIndex[w.fact.text] else {
        error(
          RuleMessage.unknownFact(
            w.fact, suggestion: Suggest.closest(to: w.fact.text, in: Array(factIndex.keys))))
        continue
      }
      let fact = program.facts[f]
      var type = fact.type.unwrapped
      if w.appends, case .list(let element) = type { type = element.unwrapped }
      let isList = if case .list = fact.type.unwrapped { true } else { false }
      guard case .record(let r) = type, w.appends == isList else {
        error(RuleMessage.eventWriteTarget(w.fact, appends: w.appends))
        continue
      }
      let record = program.records[r]
      var fields: [(key: String, value: EventValue)] = []
      for (name, word) in w.fields {
        guard let field = record.fields.first(where: { $0.name == name.text }) else {
          error(
            RuleMessage.unknownField(
              name.text, record: record.name, at: name.span,
              suggestion: Suggest.closest(to: name.text, in: record.fields.map(\.name))))
          continue
        }
        guard let value = eventValue(word, for: field.type.unwrapped) else {
          error(
            RuleMessage.eventValue(word, field: field.name, type: field.type, names: program.types))
          continue
        }
        fields.append((field.key, value))
      }
      writes.append(EventWrite(keyPath: fact.keyPath, appends: w.appends, fields: fields))
    }
    if !writes.contains(where: { $0.dayKey != nil }) {
      error(RuleMessage.eventDayNotWritten(at: asks.span))
    }
    return EventIntake(
      question: asks.question, ahead: asks.ahead, within: asks.within, writes: writes)
  }

  /// `day` fits a date field, `position` an int, `said` and a case name an enum.
  private func eventValue(_ word: Name, for type: RuleType) -> EventValue? {
    switch (word.text, type) {
    case ("day", .date): return .day
    case ("position", .int): return .position
    case ("multiple", .int): return .multiple
    case ("said", .enumeration(let i)):
      let info = program.enums[i]
      return .said(
        info.cases.indices.map {
          FactChoice(
            name: info.cases[$0], json: info.json[$0],
            label: $0 < info.labels.count ? info.labels[$0] : nil)
        })
    case (_, .enumeration(let i)):
      let info = program.enums[i]
      return info.cases.firstIndex(of: word.text).map { .json(info.json[$0]) }
    default: return nil
    }
  }

  /// Evaluates an expression that reads no facts (a test's given value, an expectation).
  func constant(_ e: Typed) -> Value { GeneralCompiler.constant(e, in: program) }

  func checkTest(_ t: TestDecl) {
    scopes = []
    var test = CompiledTest(title: t.title, span: t.span, today: nil, given: [], expectations: [])
    for g in t.given {
      if g.name.text == "today" {
        let (ty, e) = check(g.value, expected: .date)
        if !ty.fits(.date) {
          error(
            RuleMessage.typeMismatch(
              expected: .date, found: ty, at: g.value.span, names: program.types))
        }
        test.today = constant(e)
        continue
      }
      guard let f = factIndex[g.name.text] else {
        error(
          RuleMessage.unknownFact(
            g.name, suggestion: Suggest.closest(to: g.name.text, in: Array(factIndex.keys))))
        continue
      }
      let type = program.facts[f].type
      let (ty, e) = check(g.value, expected: type)
      if !ty.fits(type) {
        error(
          RuleMessage.typeMismatch(
            expected: type, found: ty, at: g.value.span, names: program.types))
      }
      let value = constant(e)
      if !value.isDecided { error(RuleMessage.givenNotConstant(at: g.value.span)) }
      test.given.append((f, value))
    }
    if test.today == nil { error(RuleMessage.testWithoutToday(at: t.span)) }
    for (span, x) in t.expectations {
      switch x {
      case .holds(let n, let state, let asks):
        guard let r = ruleIndex[n.text] else {
          error(
            RuleMessage.unknownRule(
              n, suggestion: Suggest.closest(to: n.text, in: Array(ruleIndex.keys))))
          continue
        }
        var ids: [Int]?
        if let asks {
          ids = asks.compactMap { a in
            if let f = factIndex[a.text] { return f }
            error(
              RuleMessage.unknownFact(
                a, suggestion: Suggest.closest(to: a.text, in: Array(factIndex.keys))))
            return nil
          }
        }
        test.expectations.append((span, .rule(r, state, asks: ids)))
      case .equals(let n, let value):
        guard let o = outputIndex[n.text] else {
          error(
            RuleMessage.unknownOutput(
              n, suggestion: Suggest.closest(to: n.text, in: Array(outputIndex.keys))))
          continue
        }
        let type = program.outputs[o].type
        let (ty, e) = check(value, expected: type)
        if !ty.fits(type) {
          error(
            RuleMessage.typeMismatch(
              expected: type, found: ty, at: value.span, names: program.types))
        }
        test.expectations.append((span, .output(o, constant(e))))
      }
    }
    program.tests.append(test)
  }
}
