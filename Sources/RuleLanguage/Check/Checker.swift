import CivilCalendar
import Diagnostics

/// Resolves names, checks types and lowers every declaration to the typed program in one
/// pass; `GeneralCompiler` then makes the general machine's closures from it.
///
/// Errors are collected, never thrown; an expression that fails gets type `.error`, which
/// matches anything so one mistake is reported once.
final class Checker {
  var program = Program()
  var diagnostics: [Diagnostic] = []
  /// Source lines by path, to quote conditions in traces.
  var sourceLines: [String: [Substring]] = [:]

  // Global names.
  var enumIndex: [String: Int] = [:]
  var recordIndex: [String: Int] = [:]
  var factIndex: [String: Int] = [:]
  var paramIndex: [String: Int] = [:]
  var ruleIndex: [String: Int] = [:]
  var outputIndex: [String: Int] = [:]
  var functions: [String: FunctionInfo] = [:]
  /// Where each global name was declared, for "declared twice" notes.
  var declaredAt: [String: SourceSpan] = [:]

  // Per-body state.
  var scopes: [[String: Local]] = []
  var currentRule: Int?
  var ruleDependencies: [Int: [(Int, SourceSpan)]] = [:]
  var functionStack: [String] = []
  /// Paths known not to be none here (`x != none and …`), with the slot holding the value.
  var narrowed: [String: Local] = [:]
  /// Set when an expression reads `today`; parameters must not.
  var readsToday = false

  struct Local {
    var slot: Int
    var type: RuleType
  }

  final class FunctionInfo {
    let decl: FunctionDecl
    var parameters: [(slot: Int, type: RuleType)] = []
    var result: RuleType = .error
    /// Whether its body has been checked (and lowered to the typed program).
    var checked = false
    var checking = false
    /// Index of the function's memo stamp, and the slot holding its last result.
    let id: Int
    var resultSlot = -1

    init(decl: FunctionDecl, id: Int) {
      self.decl = decl
      self.id = id
    }
  }

  func error(_ d: Diagnostic) { diagnostics.append(d) }

  func newSlot() -> Int {
    program.slotCount += 1
    return program.slotCount - 1
  }

  /// Checks and compiles the declarations of every file together (names are global).
  func check(_ decls: [Declaration]) {
    var facts: [FactDecl] = []
    var params: [ParamDecl] = []
    var rules: [RuleDecl] = []
    var events: [EventDecl] = []
    var tests: [TestDecl] = []
    var records: [RecordDecl] = []
    for d in decls {
      switch d {
      case .enumeration(let e): declareEnum(e)
      case .record(let r):
        if declare(r.name, kind: "record") {
          recordIndex[r.name.text] = program.records.count
          program.records.append(RecordInfo(name: r.name.text, fields: []))
          program.types.records.append(r.name.text)
          records.append(r)
        }
      case .fact(let f): facts.append(f)
      case .param(let p): params.append(p)
      case .function(let f):
        if declare(f.name, kind: "function") {
          functions[f.name.text] = FunctionInfo(decl: f, id: program.functionCount)
          program.functionCount += 1
        }
      case .rule(let r): rules.append(r)
      case .event(let e):
        events.append(e)
        facts.append(contentsOf: e.facts)
      case .test(let t): tests.append(t)
      }
    }
    for r in records {
      guard let i = recordIndex[r.name.text] else { continue }
      var seen: Set<String> = []
      for f in r.fields {
        if !seen.insert(f.name.text).inserted {
          error(RuleMessage.duplicateField(f.name.text, at: f.name.span))
        }
        let type = resolve(f.type)
        program.records[i].fields.append((f.name.text, type, f.key))
        if r.labels[f.name.text] != nil, type.unwrapped != .bool {
          error(RuleMessage.labelOnNonBoolField(f.name.text, at: f.name.span))
        }
      }
      program.records[i].asks = r.asks
      program.records[i].labels = r.labels.mapValues { $0.split(separator: "·").map(String.init) }
    }
    for f in facts { declareFact(f) }
    program.typed.functions = Array(repeating: nil, count: program.functionCount)
    for p in params { declareParam(p) }
    for r in rules {
      if declare(r.name, kind: "rule") {
        ruleIndex[r.name.text] = program.rules.count
        program.rules.append(
          CompiledRule(
            name: r.name.text, title: r.title, source: r.source, span: r.name.span, bindings: [],
            condition: nil, conjuncts: [], outputs: [], reminders: []))
      }
    }
    for r in rules {
      for case .output(let n, let t, _, _) in r.items where declare(n, kind: "output") {
        outputIndex[n.text] = program.outputs.count
        program.outputs.append(
          CompiledOutput(
            name: n.text, type: t.map(resolve) ?? .error, rule: ruleIndex[r.name.text] ?? -1,
            value: { _ in .none }, otherwise: nil, label: r.outputLabels[n.text]))
      }
    }
    program.typed.rules = Array(repeating: TypedProgram.Rule(), count: program.rules.count)
    for name in functions.keys.sorted() { checkFunction(name) }
    for r in rules { if let i = ruleIndex[r.name.text] { checkRule(r, index: i) } }
    checkRuleCycles()
    for e in events { checkEvent(e) }
    for t in tests { checkTest(t) }
    GeneralCompiler.lower(&program)
  }

  /// Records a global name; reports a second declaration and returns false.
  func declare(_ name: Name, kind: String) -> Bool {
    if let first = declaredAt[name.text] {
      error(RuleMessage.duplicateName(name, kind: kind, first: first))
      return false
    }
    declaredAt[name.text] = name.span
    return true
  }

  private func declareEnum(_ e: EnumDecl) {
    guard declare(e.name, kind: "enum") else { return }
    var seen: Set<String> = []
    for c in e.cases where !seen.insert(c.name.text).inserted {
      error(RuleMessage.duplicateCase(c.name.text, at: c.name.span))
    }
    enumIndex[e.name.text] = program.enums.count
    program.enums.append(
      EnumInfo(
        name: e.name.text, cases: e.cases.map(\.name.text), json: e.cases.map(\.json),
        labels: e.cases.map(\.label)))
    program.types.enums.append(e.name.text)
  }

  private func declareFact(_ f: FactDecl) {
    guard declare(f.name, kind: "fact") else { return }
    if program.facts.count >= FactSet.capacity {
      error(RuleMessage.tooManyFacts(at: f.name.span))
      return
    }
    let key = f.key ?? f.name.text
    let path = key.split(separator: ".").map(String.init)
    if path.isEmpty || path.contains(where: \.isEmpty) {
      error(RuleMessage.badKeyPath(key, at: f.name.span))
    }
    factIndex[f.name.text] = program.facts.count
    program.facts.append(
      FactInfo(
        name: f.name.text, type: resolve(f.type), keyPath: path, ask: f.ask, label: f.label,
        event: f.event, span: f.name.span, past: f.past, month: f.month, rare: f.rare))
    if f.month, resolve(f.type).unwrapped != .date {
      error(RuleMessage.monthOnNonDateFact(f.name.text, at: f.name.span))
    }
  }

  private func declareParam(_ p: ParamDecl) {
    guard declare(p.name, kind: "parameter") else { return }
    let type = resolve(p.type)
    var rows: [(since: Int, value: Value)] = []
    var lastSince: CivilDate?
    for (i, row) in p.rows.enumerated() {
      scopes = []
      readsToday = false
      let (t, node) = check(row.value, expected: type)
      if readsToday { error(RuleMessage.paramReadsToday(at: row.value.span)) }
      if !t.fits(type) {
        error(
          RuleMessage.typeMismatch(
            expected: type, found: t, at: row.value.span, names: program.types))
      }
      if row.since == nil, i > 0 { error(RuleMessage.paramRowWithoutDate(at: row.span)) }
      if let s = row.since, let last = lastSince, s <= last {
        error(RuleMessage.paramRowsOutOfOrder(at: row.span, previous: last))
      }
      lastSince = row.since ?? lastSince
      let value = GeneralCompiler.constant(node, in: program)
      if !value.isDecided {
        error(RuleMessage.paramNotConstant(at: row.value.span))
      }
      rows.append((row.since?.dayNumber ?? Int.min, value))
    }
    paramIndex[p.name.text] = program.params.count
    program.params.append(
      ParamInfo(name: p.name.text, type: type, rows: rows, source: p.source, span: p.name.span))
  }

  /// Turns a written type into a checked one, reporting unknown type names.
  func resolve(_ t: TypeSyntax) -> RuleType {
    switch t {
    case .optional(let inner, _): return resolve(inner).optional
    case .list(let inner, _): return .list(resolve(inner))
    case .named(let name, let span):
      switch name {
      case "bool": return .bool
      case "int": return .int
      case "money": return .money
      case "decimal": return .decimal
      case "text": return .text
      case "date": return .date
      case "duration": return .duration
      default:
        if let e = enumIndex[name] { return .enumeration(e) }
        if let r = recordIndex[name] { return .record(r) }
        let all =
          ["bool", "int", "money", "decimal", "text", "date", "duration"]
          + Array(enumIndex.keys) + Array(recordIndex.keys)
        error(
          RuleMessage.unknownType(name, at: span, suggestion: Suggest.closest(to: name, in: all)))
        return .error
      }
    }
  }
}
