/// Day-invariant expressions of the vector lane, which still compiles from the syntax tree:
/// what depends only on `today`, parameters and literals is one word per batch.
extension VectorCompiler {
  /// Whether `e` reads nothing of the citizen and no local (so it can run in a lane of its
  /// own).
  func invariant(_ e: Expr) -> Bool {
    func isInvariant(_ e: Expr) -> Bool { self.invariant(e) }
    switch e.kind {
    case .integer, .decimal, .money, .text, .date, .boolean, .none, .today, .duration: return true
    case .name(let n):
      if lookup(n) != nil { return false }
      if checker.factIndex[n] != nil || checker.ruleIndex[n] != nil
        || checker.outputIndex[n] != nil
      {
        return false
      }
      return true
    case .unary(_, let a): return isInvariant(a)
    case .binary(_, let a, let b): return isInvariant(a) && isInvariant(b)
    case .conditional(let c, let a, let b):
      return isInvariant(c) && isInvariant(a) && isInvariant(b)
    case .call(let f, let args):
      guard args.allSatisfy(isInvariant) else { return false }
      guard let info = checker.functions[f] else { return true }
      return !functionReadsFacts(f, info.decl)
    case .member(let base, _):
      if case .name(let n) = base.kind, checker.enumIndex[n] != nil { return true }
      return isInvariant(base)
    case .list(let items): return items.allSatisfy(isInvariant)
    case .aggregate, .iterate, .record, .invalid: return false
    }
  }

  private func functionReadsFacts(_ name: String, _ decl: FunctionDecl) -> Bool {
    if let known = factReaders[name] { return known }
    factReaders[name] = true  // recursion is rejected by the checker; stay safe anyway
    let reads = readsFacts(decl.body, locals: Set(decl.parameters.map(\.name.text)))
    factReaders[name] = reads
    return reads
  }

  /// Whether `e` reads a fact (directly or through the functions it calls).
  func readsFacts(_ e: Expr, locals: Set<String>) -> Bool {
    switch e.kind {
    case .name(let n):
      if locals.contains(n) { return false }
      return checker.factIndex[n] != nil || checker.ruleIndex[n] != nil
        || checker.outputIndex[n] != nil
    case .unary(_, let a): return readsFacts(a, locals: locals)
    case .binary(_, let a, let b):
      return readsFacts(a, locals: locals) || readsFacts(b, locals: locals)
    case .conditional(let c, let a, let b):
      return [c, a, b].contains { readsFacts($0, locals: locals) }
    case .call(let f, let args):
      if args.contains(where: { readsFacts($0, locals: locals) }) { return true }
      guard let info = checker.functions[f] else { return false }
      return functionReadsFacts(f, info.decl)
    case .member(let base, _): return readsFacts(base, locals: locals)
    case .list(let items): return items.contains { readsFacts($0, locals: locals) }
    case .record(_, let fields): return fields.contains { readsFacts($0.value, locals: locals) }
    case .aggregate(_, let binder, let source, let filter, let body):
      let inner = locals.union([binder])
      return readsFacts(source, locals: locals)
        || [filter, body].contains { $0.map { readsFacts($0, locals: inner) } ?? false }
    case .iterate(let binder, let first, let next, let until, _):
      let inner = locals.union([binder])
      return readsFacts(first, locals: locals) || readsFacts(next, locals: inner)
        || readsFacts(until, locals: inner)
    default: return false
    }
  }

  /// Whether an expression of `type` is worth a per-day cache if invariant: an operation (a
  /// literal or a name costs nothing to read again) with a one-word value.
  static func worthCaching(_ e: Expr, _ type: RuleType) -> Bool {
    switch e.kind {
    case .call, .binary, .unary, .conditional, .member: break
    default: return false
    }
    switch type.unwrapped {
    case .list, .record, .none, .text: return false
    default: return true
    }
  }
}
