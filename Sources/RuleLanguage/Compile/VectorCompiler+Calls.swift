import CivilCalendar

/// User functions (inlined, results kept per rule) and day-invariant caching in the vector
/// lane.
extension VectorCompiler {
  /// A user function, inlined: its body is compiled again at each call site, its parameters
  /// bound to the argument columns (functions are pure and never recursive).
  func callFunction(_ name: String, _ args: [Expr]) throws -> VecTyped {
    guard let info = checker.functions[name], args.count == info.parameters.count,
      !compiling.contains(name)
    else { throw VectorUnsupported() }
    var evals: [VecEval] = []
    for (a, p) in Swift.zip(args, info.parameters) {
      evals.append(try coerce(try expr(a, expected: p.type), to: p.type))
    }
    compiling.insert(name)
    defer { compiling.remove(name) }
    var scope: [String: VecLocal] = [:]
    var slots: [Int] = []
    for (p, checked) in Swift.zip(info.decl.parameters, info.parameters) {
      let slot = newSlot()
      scope[p.name.text] = VecLocal(slot: slot, type: checked.type, depth: depth)
      slots.append(slot)
    }
    let saved = scopes
    scopes = [scope]
    defer { scopes = saved }
    let body = try coerce(try expr(info.decl.body, expected: info.result), to: info.result)
    let (arguments, parameters, id) = (evals, slots, info.id)
    // A body of a few operators costs less to run again than a memo costs to keep.
    let memo = costly(info.decl.body)
    // Up to two parameters without an array per call (the common functions).
    switch memo ? arguments.count : 0 {
    case 1:
      let (e0, s0) = (arguments[0], parameters[0])
      return VecTyped(
        type: info.result,
        eval: { m in
          let c0 = e0(m)
          return m.memoized(VectorMemo.Key(function: id, space: m.space, c0)) {
            m.slots[s0] = c0
            return body(m)
          }
        })
    case 2:
      let (e0, e1, s0, s1) = (arguments[0], arguments[1], parameters[0], parameters[1])
      return VecTyped(
        type: info.result,
        eval: { m in
          let (c0, c1) = (e0(m), e1(m))
          return m.memoized(VectorMemo.Key(function: id, space: m.space, c0, c1)) {
            m.slots[s0] = c0
            m.slots[s1] = c1
            return body(m)
          }
        })
    default:
      return VecTyped(
        type: info.result,
        eval: { m in
          let columns = arguments.map { $0(m) }
          for (s, c) in Swift.zip(parameters, columns) { m.slots[s] = c }
          return body(m)
        })
    }
  }

  /// Whether `e` calls a user function or runs an aggregate or `iterate`.
  private func costly(_ e: Expr) -> Bool {
    switch e.kind {
    case .call(let f, let args): return checker.functions[f] != nil || args.contains(where: costly)
    case .aggregate, .iterate: return true
    case .unary(_, let a), .member(let a, _): return costly(a)
    case .binary(_, let a, let b): return costly(a) || costly(b)
    case .conditional(let c, let a, let b): return costly(c) || costly(a) || costly(b)
    case .list(let items): return items.contains(where: costly)
    default: return false
    }
  }

  /// `t` computed once per day when it depends only on the day, parameters and literals.
  func dayCached(_ e: Expr, _ t: VecTyped) -> VecTyped {
    guard VectorCompiler.worthCaching(e, t.type), invariant(e) else { return t }
    program.cacheCount += 1
    let (c, eval) = (program.cacheCount - 1, t.eval)
    let word: WordEval = { m in
      if m.cacheStamps[c] == m.dayEpoch { return m.cacheValues[c] }
      guard let v = m.invariant(eval) else {
        m.failActive()
        return 0
      }
      m.cacheValues[c] = v
      m.cacheStamps[c] = m.dayEpoch
      return v
    }
    return VecTyped(type: t.type, eval: { m in m.fill(word(m)) }, word: word)
  }
}
