import CivilCalendar

/// User functions (inlined, results kept per rule) and day-invariant caching in the vector
/// lane.
extension VectorCompiler {
  /// A user function, inlined: its body is compiled again at each call site, its parameters
  /// bound to the argument columns (functions are pure and never recursive).
  func callFunction(_ id: Int, _ args: [Typed]) throws -> VecTyped {
    guard let info = general.typed.functions[id], args.count == info.parameters.count,
      !compiling.contains(id)
    else { throw VectorUnsupported() }
    var evals: [VecEval] = []
    // The body must see which arguments are unknown (its conditionals, `and`, aggregates and
    // operators follow three-valued logic): in the citizens' space each parameter keeps its
    // argument's failures and fails its readers, as the general machine passes an unknown on;
    // within an aggregate a body that does not propagate unknowns as operators do leaves such
    // a citizen's rule to the general machine, and so does a fault or an unknown in an
    // argument the body never reads (the general machine drops it).
    let strictBody = strict(info.body)
    let carries = aware && depth == 0
    for (a, p) in Swift.zip(args, info.parameters) {
      let e = try coerce(try expr(a), to: p.type)
      let passes = strictBody && (carries || !aware || reads(info.body, slot: p.slot))
      evals.append(passes || carries || !aware ? e : VectorCompiler.hardened(e))
    }
    compiling.insert(id)
    defer { compiling.remove(id) }
    var slots: [Int] = []
    for p in info.parameters {
      let slot = newSlot()
      locals[p.slot] = VecLocal(slot: slot, type: p.type, depth: depth, carries: carries)
      slots.append(slot)
    }
    let body = try coerce(try expr(info.body), to: info.result)
    let (arguments, parameters) = (evals, slots)
    // A body of a few operators costs less to run again than a memo costs to keep.
    let memo = costly(info.body)
    // Up to two parameters without an array per call (the common functions).
    switch memo ? arguments.count : 0 {
    case 1:
      let (e0, s0) = (arguments[0], parameters[0])
      return VecTyped(
        type: info.result,
        eval: { m in
          let (c0, f0) = carries ? m.argument(e0) : (e0(m), nil)
          return m.memoized(VectorMemo.Key(function: id, space: m.space, c0)) {
            m.slots[s0] = c0
            if carries { m.setParameter(s0, f0) }
            return body(m)
          }
        })
    case 2:
      let (e0, e1, s0, s1) = (arguments[0], arguments[1], parameters[0], parameters[1])
      return VecTyped(
        type: info.result,
        eval: { m in
          let (c0, f0) = carries ? m.argument(e0) : (e0(m), nil)
          let (c1, f1) = carries ? m.argument(e1) : (e1(m), nil)
          return m.memoized(VectorMemo.Key(function: id, space: m.space, c0, c1)) {
            m.slots[s0] = c0
            m.slots[s1] = c1
            if carries {
              m.setParameter(s0, f0)
              m.setParameter(s1, f1)
            }
            return body(m)
          }
        })
    default:
      return VecTyped(
        type: info.result,
        eval: { m in
          let columns = arguments.map { carries ? m.argument($0) : ($0(m), nil) }
          for (s, c) in Swift.zip(parameters, columns) {
            m.slots[s] = c.0
            if carries { m.setParameter(s, c.1) }
          }
          return body(m)
        })
    }
  }

  /// Whether an unknown anywhere in `e` makes it unknown with the union of the facts, as
  /// operators and built-ins do (no conditional, `and`/`or`, `??`, list or aggregate).
  private func strict(_ e: Typed) -> Bool {
    switch e.op {
    case .conditional, .and, .or, .coalesce, .list, .aggregate, .iterate, .record, .rule,
      .output, .invalid:
      return false
    case .call(let id, let args):
      guard id < general.typed.functions.count, let f = general.typed.functions[id],
        !compiling.contains(id)
      else { return false }
      return args.allSatisfy(strict) && strict(f.body)
    case .builtin(_, let args): return args.allSatisfy(strict)
    case .not(let a), .negate(let a), .field(let a, _): return strict(a)
    case .binary(_, let a, let b): return strict(a) && strict(b)
    case .narrowed(let copies, let body):
      return copies.allSatisfy { strict($0.value) } && strict(body)
    case .constant, .today, .fact, .param, .local: return true
    }
  }

  /// Whether `e` reads slot `s` (through a call, where that function reads the parameter it
  /// is passed as).
  private func reads(_ e: Typed, slot s: Int) -> Bool {
    func r(_ x: Typed) -> Bool { reads(x, slot: s) }
    switch e.op {
    case .local(let x): return x == s
    case .call(let id, let args):
      guard id < general.typed.functions.count, let f = general.typed.functions[id] else {
        return args.contains(where: r)
      }
      return Swift.zip(args, f.parameters).contains { a, p in r(a) && reads(f.body, slot: p.slot) }
    case .builtin(_, let args), .list(let args): return args.contains(where: r)
    case .not(let a), .negate(let a), .field(let a, _): return r(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      return r(a) || r(b)
    case .conditional(let c, let a, let b): return r(c) || r(a) || r(b)
    case .narrowed(let copies, let body): return copies.contains { r($0.value) } || r(body)
    case .aggregate(_, _, let source, let filter, let body):
      return r(source) || (filter.map(r) ?? false) || (body.map(r) ?? false)
    case .iterate(_, let first, let next, let until, _): return r(first) || r(next) || r(until)
    case .record(_, let fields): return fields.contains { $0.map(r) ?? false }
    case .constant, .today, .fact, .param, .rule, .output, .invalid: return false
    }
  }

  /// Whether `e` calls a user function or runs an aggregate or `iterate`.
  private func costly(_ e: Typed) -> Bool {
    switch e.op {
    case .call, .aggregate, .iterate: return true
    case .builtin(_, let args), .list(let args): return args.contains(where: costly)
    case .not(let a), .negate(let a), .field(let a, _): return costly(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .binary(_, let a, let b):
      return costly(a) || costly(b)
    case .conditional(let c, let a, let b): return costly(c) || costly(a) || costly(b)
    case .narrowed(let copies, let body):
      return copies.contains { costly($0.value) } || costly(body)
    default: return false
    }
  }

  /// `t` computed once per day when it depends only on the day, parameters and literals.
  func dayCached(_ e: Typed, _ t: VecTyped) -> VecTyped {
    guard VectorCompiler.worthCaching(e, t.type), invariant(e) else { return t }
    program.cacheCount += 1
    let (c, eval) = (program.cacheCount - 1, t.eval)
    let word: WordEval = { m in
      if m.cacheStamps[c] == m.dayEpoch { return m.cacheValues[c] }
      guard let v = m.invariant(eval) else {
        m.failActive(m.packedFailure(VectorMachine.width))
        return 0
      }
      m.cacheValues[c] = v
      m.cacheStamps[c] = m.dayEpoch
      return v
    }
    return VecTyped(type: t.type, eval: { m in m.fill(word(m)) }, word: word)
  }
}
