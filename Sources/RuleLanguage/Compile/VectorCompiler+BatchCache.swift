/// Calls of the citizen's facts kept for the batch: `age_in_year(birth_date)` in two rules,
/// `year(birth_date)` in three places, `owned(vehicles)` in both car rules are computed once.
extension VectorCompiler {
  /// `t` computed once per batch, for every citizen, when `e` is a call that reads only
  /// facts, parameters, the day and literals (no local) and the book makes it more than once.
  ///
  /// Computing it for citizens that do not read it changes no result (calls are pure), but
  /// it could fail them: the machine keeps its failures apart and fails only the lanes that
  /// read it (`VectorMachine.batchCached`).
  func batchCached(_ e: Expr, _ t: VecTyped) -> VecTyped {
    guard depth == 0, case .call = e.kind, let text = batchKey(e) else { return t }
    let key = "\(t.type) \(text)"
    let id: Int
    if let known = batchKeys[key] {
      id = known
    } else {
      id = program.batchCacheCount
      program.batchCacheCount += 1
      batchKeys[key] = id
      batchUses.append(0)
    }
    batchUses[id] += 1
    let eval = t.eval
    return VecTyped(
      type: t.type, eval: { m in m.batchCached(id, eval) }, constant: t.constant,
      word: t.word, total: t.total)
  }

  /// `e` written out, when it reads only facts, parameters, the day and literals, and
  /// calls only builtins and functions (which read nothing but their arguments and the day).
  func batchKey(_ e: Expr) -> String? {
    switch e.kind {
    case .name(let n):
      guard lookup(n) == nil else { return nil }
      if checker.factIndex[n] != nil { return "fact " + n }
      if checker.paramIndex[n] != nil { return "param " + n }
      return nil
    case .integer(let n): return "\(n)"
    case .decimal(let n): return "\(n)d"
    case .money(let n): return "\(n)won"
    case .duration(let n, let unit): return "\(n)\(unit)"
    case .text(let s): return "\"\(s)\""
    case .date(let d): return "\(d)"
    case .boolean(let b): return "\(b)"
    case .none: return "none"
    case .today: return "today"
    case .unary(let op, let a): return batchKey(a).map { "(\(op) \($0))" }
    case .binary(let op, let a, let b):
      guard let x = batchKey(a), let y = batchKey(b) else { return nil }
      return "(\(x) \(op) \(y))"
    case .conditional(let c, let a, let b):
      guard let x = batchKey(c), let y = batchKey(a), let z = batchKey(b) else { return nil }
      return "(if \(x) then \(y) else \(z))"
    case .call(let f, let args):
      var parts: [String] = []
      for a in args {
        guard let k = batchKey(a) else { return nil }
        parts.append(k)
      }
      return "\(f)(\(parts.joined(separator: ", ")))"
    case .member(let base, let field): return batchKey(base).map { "\($0).\(field)" }
    case .list, .record, .aggregate, .iterate, .invalid: return nil
    }
  }
}
