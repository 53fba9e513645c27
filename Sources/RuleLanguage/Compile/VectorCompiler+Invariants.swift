/// Day-invariant expressions in the vector lane: what reads only `today`, parameters and
/// literals is one word per batch, computed in a lane of its own.
extension VectorCompiler {
  /// Whether `e` reads nothing of the citizen and no local.
  func invariant(_ e: Typed) -> Bool {
    switch e.op {
    case .constant, .today, .param: return true
    case .fact, .rule, .output: return false
    case .local(let s): return narrowed[s].map(invariant) ?? false
    case .not(let a), .negate(let a), .field(let a, _): return invariant(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      return invariant(a) && invariant(b)
    case .conditional(let c, let a, let b): return invariant(c) && invariant(a) && invariant(b)
    case .builtin(_, let args), .list(let args): return args.allSatisfy(invariant)
    case .call(let id, let args): return args.allSatisfy(invariant) && !factReaders[id]
    case .narrowed(let copies, let body):
      return copies.allSatisfy { invariant($0.value) } && invariant(body)
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

  /// Whether `==` on the two types is equality of the encoded words (no decimal scaling).
  static func sameEncoding(_ a: RuleType, _ b: RuleType) -> Bool {
    let (x, y) = (a.unwrapped, b.unwrapped)
    if x == .none || y == .none { return true }
    switch (x, y) {
    case (.int, .int), (.money, .money), (.int, .money), (.money, .int), (.decimal, .decimal),
      (.date, .date), (.bool, .bool), (.duration, .duration), (.text, .text):
      return true
    case (.enumeration(let p), .enumeration(let q)): return p == q
    default: return false
    }
  }
}
