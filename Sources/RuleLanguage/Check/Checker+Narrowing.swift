import Diagnostics

/// Narrowing: after `x != none`, `x` is a value, not an optional.
///
/// In `if p != none then A else B`, `p != none and A` and `p == none or A`, the path `p` (a
/// name or a chain of fields such as `v.last_inspection`) has its unwrapped type inside `A`
/// (and in `B` for `p == none`). At run time the branch reads a copy of `p` taken just before
/// it; under Kleene logic that copy may be unknown, never none.
extension Checker {
  /// The path an expression names (`student`, `v.last_inspection`), or nil.
  func pathKey(_ e: Expr) -> String? {
    switch e.kind {
    case .name(let n): return n
    case .member(let base, let field): return pathKey(base).map { $0 + "." + field }
    default: return nil
    }
  }

  /// Paths that are values where `c` is true (`when: true`, from `p != none` joined by
  /// `and`) or where it is false (`when: false`, from `p == none` joined by `or`).
  func paths(in c: Expr, when outcome: Bool) -> [Expr] {
    guard case .binary(let op, let l, let r) = c.kind else { return [] }
    if op == (outcome ? "and" : "or") {
      return paths(in: l, when: outcome) + paths(in: r, when: outcome)
    }
    guard op == (outcome ? "!=" : "==") else { return [] }
    if case .none = r.kind, pathKey(l) != nil { return [l] }
    if case .none = l.kind, pathKey(r) != nil { return [r] }
    return []
  }

  /// Checks `branch` with each optional path narrowed to its value type.
  func checkNarrowed(
    _ branch: Expr, paths: [Expr], expected: RuleType?
  ) -> Checked {
    var saved: [(String, Local?)] = []
    var nodes: [(slot: Int, value: Typed)] = []
    for path in paths {
      guard let key = pathKey(path) else { continue }
      let (tp, np) = check(path, expected: nil, quiet: true)
      guard case .optional(let inner) = tp else { continue }
      let slot = newSlot()
      saved.append((key, narrowed[key]))
      narrowed[key] = Local(slot: slot, type: inner)
      nodes.append((slot, np))
    }
    let (t, n) = check(branch, expected: expected)
    for (key, old) in saved.reversed() { narrowed[key] = old }
    if nodes.isEmpty { return (t, n) }
    return (t, Typed(op: .narrowed(nodes, n), type: t, span: branch.span))
  }
}
