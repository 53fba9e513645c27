/// Calls of the citizen's facts kept for the batch: `age_in_year(birth_date)` in two rules,
/// `year(birth_date)` in three places, `owned(vehicles)` in both car rules are computed once.
extension VectorCompiler {
  /// `t` computed once per batch, for every citizen, when `e` is a call that reads only
  /// facts, parameters, the day and literals (no local) and the book makes it more than once.
  ///
  /// Computing it for citizens that do not read it changes no result (calls are pure), but
  /// it could fail them: the machine keeps its failures apart and fails only the lanes that
  /// read it (`VectorMachine.batchCached`).
  func batchCached(_ e: Typed, _ t: VecTyped) -> VecTyped {
    switch e.op {
    case .call, .builtin: break
    default: return t
    }
    guard depth == 0, let text = batchKey(e) else { return t }
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
    // Counted once: each rule is compiled twice (`aware`).
    if !aware { batchUses[id] += 1 }
    let eval = t.eval
    return VecTyped(
      type: t.type, eval: { m in m.batchCached(id, eval) }, constant: t.constant,
      word: t.word, total: t.total)
  }

  /// `e` written out, when it reads only facts, parameters, the day and literals, and
  /// calls only builtins and functions (which read nothing but their arguments and the day).
  func batchKey(_ e: Typed) -> String? {
    func keys(_ items: [Typed]) -> String? {
      var parts: [String] = []
      for a in items {
        guard let k = batchKey(a) else { return nil }
        parts.append(k)
      }
      return parts.joined(separator: ", ")
    }
    switch e.op {
    case .fact(let f): return "fact \(f)"
    case .param(let p): return "param \(p)"
    case .local(let s): return narrowed[s].flatMap(batchKey)
    case .constant(let v): return "\(v) \(e.type)"
    case .today: return "today"
    case .not(let a): return batchKey(a).map { "(not \($0))" }
    case .negate(let a): return batchKey(a).map { "(- \($0))" }
    case .and(let a, let b): return keys([a, b]).map { "(and \($0))" }
    case .or(let a, let b): return keys([a, b]).map { "(or \($0))" }
    case .coalesce(let a, let b): return keys([a, b]).map { "(?? \($0))" }
    case .binary(let op, let a, let b): return keys([a, b]).map { "(\(op) \($0))" }
    case .conditional(let c, let a, let b): return keys([c, a, b]).map { "(if \($0))" }
    case .builtin(let f, let args): return keys(args).map { "\(f)(\($0))" }
    case .call(let id, let args): return keys(args).map { "#\(id)(\($0))" }
    case .field(let base, let k): return batchKey(base).map { "\($0).\(k)" }
    case .narrowed(let copies, let body):
      guard copies.allSatisfy({ batchKey($0.value) != nil }) else { return nil }
      return batchKey(body)
    case .rule, .output, .list, .record, .aggregate, .iterate, .invalid: return nil
    }
  }
}
