/// What an operation reads of the citizen, which engines use to compute a call once per day or
/// per batch.
extension TypedProgram {
  /// Whether each function's body reads a fact, a rule or an output, directly or through the
  /// functions it calls (by id; the checker rejects recursion).
  func functionsReadingFacts() -> [Bool] {
    var known: [Bool?] = Array(repeating: nil, count: functions.count)
    func reads(_ id: Int) -> Bool {
      if let k = known[id] { return k }
      known[id] = true
      let r = functions[id].map { TypedProgram.readsFacts($0.body, calls: reads) } ?? true
      known[id] = r
      return r
    }
    return functions.indices.map(reads)
  }

  /// Whether `e` reads a fact, a rule or an output; `calls` says it of a function by id.
  static func readsFacts(_ e: Typed, calls: (Int) -> Bool) -> Bool {
    func reads(_ e: Typed) -> Bool { readsFacts(e, calls: calls) }
    switch e.op {
    case .fact, .rule, .output: return true
    case .constant, .today, .param, .local, .invalid: return false
    case .not(let a), .negate(let a), .field(let a, _): return reads(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      return reads(a) || reads(b)
    case .conditional(let c, let a, let b): return reads(c) || reads(a) || reads(b)
    case .builtin(_, let args), .list(let args): return args.contains(where: reads)
    case .call(let id, let args): return args.contains(where: reads) || calls(id)
    case .record(_, let fields): return fields.contains { $0.map(reads) ?? false }
    case .aggregate(_, _, let source, let filter, let body):
      return reads(source) || (filter.map(reads) ?? false) || (body.map(reads) ?? false)
    case .iterate(_, let first, let next, let until, _):
      return reads(first) || reads(next) || reads(until)
    case .narrowed(let copies, let body): return copies.contains { reads($0.value) } || reads(body)
    }
  }
}
