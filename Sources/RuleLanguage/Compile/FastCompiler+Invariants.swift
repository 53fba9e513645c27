/// Day-invariant expressions: what depends only on `today`, parameters and literals is the
/// same for every citizen of a batch, so the fast lane computes it once per day.
extension FastCompiler {
  /// Whether `e` reads nothing of the citizen (its locals as compiled so far).
  func isInvariant(_ e: Typed) -> Bool {
    switch e.op {
    case .constant, .today, .param: return true
    case .fact, .rule, .output: return false
    case .local(let s): return locals[s]?.invariant ?? false
    case .not(let a), .negate(let a), .field(let a, _): return isInvariant(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      return isInvariant(a) && isInvariant(b)
    case .conditional(let c, let a, let b):
      return isInvariant(c) && isInvariant(a) && isInvariant(b)
    case .builtin(_, let args): return args.allSatisfy(isInvariant)
    case .call(let id, let args): return args.allSatisfy(isInvariant) && !factReaders[id]
    case .list(let items): return items.allSatisfy(isInvariant)
    case .narrowed(let copies, let body):
      return copies.allSatisfy { isInvariant($0.value) } && isInvariant(body)
    case .aggregate, .iterate, .record, .invalid: return false
    }
  }

  /// Whether an expression of `type` is worth a per-day cache if invariant: an operation (a
  /// literal or a name costs nothing to read again) with a one-word value.
  static func worthCaching(_ e: Typed, _ type: RuleType) -> Bool {
    switch e.op {
    case .builtin, .call, .binary, .and, .or, .coalesce, .not, .negate, .conditional, .field:
      break
    default: return false
    }
    switch type.unwrapped {
    case .list, .record, .none, .text: return false
    default: return true
    }
  }

  /// `t` computed once per day; lists and records live in the citizen's arena, so they are
  /// never kept, and a failed computation is not kept either (it fails every citizen).
  func dayCached(_ e: Typed, _ t: FastTyped) -> FastTyped {
    guard FastCompiler.worthCaching(e, t.type), isInvariant(e) else { return t }
    program.cacheCount += 1
    let (c, eval) = (program.cacheCount - 1, t.eval)
    return FastTyped(
      type: t.type,
      eval: { m in
        if m.dayStamps[c] == m.dayEpoch { return m.dayValues[c] }
        let v = eval(m)
        if !m.failed {
          m.dayValues[c] = v
          m.dayStamps[c] = m.dayEpoch
        }
        return v
      })
  }
}
