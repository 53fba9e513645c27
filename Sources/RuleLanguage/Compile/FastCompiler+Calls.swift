import CivilCalendar

/// Calls, aggregates and `iterate` in the fast lane.
extension FastCompiler {
  /// A user function: arguments are evaluated before any is bound, and the previous call's
  /// result is reused when the arguments repeat within one citizen (functions are pure).
  func callFunction(_ id: Int, _ args: [Typed]) throws -> FastTyped {
    let f = try function(id)
    guard let info = general.typed.functions[id], args.count == info.parameters.count else {
      throw FastUnsupported()
    }
    var evals: [FastTyped] = []
    for (a, p) in zip(args, info.parameters) {
      evals.append(FastTyped(type: p.type, eval: try coerce(try expr(a), to: p.type)))
    }
    let (body, r) = (f.body, f.result)
    let type = info.result
    switch (evals.count, f.parameters.count) {
    case (0, 0):
      return FastTyped(
        type: type,
        eval: { m in
          if m.memo[id] == m.epoch { return m.slots[r] }
          let v = body(m)
          m.slots[r] = v
          // A failed result is not kept: a later rule of the citizen may call it again.
          if !m.failed { m.memo[id] = m.epoch }
          return v
        })
    case (1, 1):
      let (e, s) = (evals[0].eval, f.parameters[0])
      return FastTyped(
        type: type,
        eval: { m in
          let a = e(m)
          if m.memo[id] == m.epoch, m.slots[s] == a { return m.slots[r] }
          m.slots[s] = a
          m.memo[id] = 0
          let v = body(m)
          m.slots[r] = v
          // A failed result is not kept: a later rule of the citizen may call it again.
          if !m.failed { m.memo[id] = m.epoch }
          return v
        })
    case (2, 2):
      let (e0, e1, s0, s1) = (evals[0].eval, evals[1].eval, f.parameters[0], f.parameters[1])
      return FastTyped(
        type: type,
        eval: { m in
          let a0 = e0(m)
          let a1 = e1(m)
          if m.memo[id] == m.epoch, m.slots[s0] == a0, m.slots[s1] == a1 { return m.slots[r] }
          m.slots[s0] = a0
          m.slots[s1] = a1
          m.memo[id] = 0
          let v = body(m)
          m.slots[r] = v
          // A failed result is not kept: a later rule of the citizen may call it again.
          if !m.failed { m.memo[id] = m.epoch }
          return v
        })
    case (3, 3):
      let (e0, e1, e2) = (evals[0].eval, evals[1].eval, evals[2].eval)
      let (s0, s1, s2) = (f.parameters[0], f.parameters[1], f.parameters[2])
      return FastTyped(
        type: type,
        eval: { m in
          let a0 = e0(m)
          let a1 = e1(m)
          let a2 = e2(m)
          if m.memo[id] == m.epoch, m.slots[s0] == a0, m.slots[s1] == a1, m.slots[s2] == a2 {
            return m.slots[r]
          }
          m.slots[s0] = a0
          m.slots[s1] = a1
          m.slots[s2] = a2
          m.memo[id] = 0
          let v = body(m)
          m.slots[r] = v
          // A failed result is not kept: a later rule of the citizen may call it again.
          if !m.failed { m.memo[id] = m.epoch }
          return v
        })
    default:
      let (slots, all) = (f.parameters, evals)
      return FastTyped(
        type: type,
        eval: { m in
          var values: [Int] = []
          values.reserveCapacity(all.count)
          for e in all { values.append(e.eval(m)) }
          for (s, v) in zip(slots, values) { m.slots[s] = v }
          m.memo[id] = 0
          return body(m)
        })
    }
  }

  /// Compiles a user function once, on first call.
  private func function(_ id: Int) throws -> FastFunction {
    if let f = functions[id] { return f }
    guard let info = general.typed.functions[id], !compiling.contains(id) else {
      throw FastUnsupported()
    }
    compiling.insert(id)
    defer { compiling.remove(id) }
    var parameters: [Int] = []
    for p in info.parameters {
      let slot = newSlot()
      locals[p.slot] = FastLocal(slot: slot, type: p.type)
      parameters.append(slot)
    }
    let body = try coerce(try expr(info.body), to: info.result)
    let f = FastFunction(
      body: body, result: newSlot(), parameters: parameters, id: id,
      readsFacts: factReaders[id])
    functions[id] = f
    return f
  }

  func aggregate(
    _ kind: String, slot binder: Int, source: Typed, filter: Typed?, body: Typed?
  ) throws -> FastTyped {
    let ts = try expr(source)
    guard case .list(let element) = ts.type else { throw FastUnsupported() }
    let slot = newSlot()
    locals[binder] = FastLocal(slot: slot, type: element)
    let list = ts.eval
    var keepIf: FastEval = { _ in 1 }
    if let filter { keepIf = try expr(filter).eval }
    var tb: FastTyped?
    if let body { tb = try expr(body) }
    var valueOf: FastEval = { m in m.slots[slot] }
    if let tb { valueOf = tb.eval }
    let (keep, value) = (keepIf, valueOf)
    let valueType = tb?.type ?? element
    switch kind {
    case "count", "filter":
      let isCount = kind == "count"
      return FastTyped(
        type: isCount ? .int : .list(element),
        eval: { m in
          let at = list(m)
          let n = m.arena[at]
          var out = 0
          if !isCount {
            guard let o = m.allocate(n + 1) else { return 0 }
            out = o
          }
          var kept = 0
          for i in 0..<n {
            let item = m.arena[at + 1 + i]
            m.slots[slot] = item
            if keep(m) != 0 {
              kept += 1
              if !isCount { m.arena[out + kept] = item }
            }
            if m.failed { return 0 }
          }
          if isCount { return kept }
          m.arena[out] = kept
          return out
        })
    case "map":
      guard let tb else { throw FastUnsupported() }
      let mapped = tb.eval
      return FastTyped(
        type: .list(tb.type),
        eval: { m in
          let at = list(m)
          let n = m.arena[at]
          guard let out = m.allocate(n + 1) else { return 0 }
          var kept = 0
          for i in 0..<n {
            m.slots[slot] = m.arena[at + 1 + i]
            if keep(m) != 0 {
              kept += 1
              m.arena[out + kept] = mapped(m)
            }
            if m.failed { return 0 }
          }
          m.arena[out] = kept
          return out
        })
    case "any", "all":
      let isAll = kind == "all"
      let cond: FastEval = tb?.eval ?? keep
      let guarded = tb != nil && filter != nil
      return FastTyped(
        type: .bool,
        eval: { m in
          let at = list(m)
          let n = m.arena[at]
          for i in 0..<n {
            m.slots[slot] = m.arena[at + 1 + i]
            if guarded, keep(m) == 0 { continue }
            let b = cond(m) != 0
            if m.failed { return 0 }
            if b != isAll { return b ? 1 : 0 }
          }
          return isAll ? 1 : 0
        })
    case "sum":
      let whole: Set<RuleType> = [.int, .money, .decimal]
      guard whole.contains(valueType) else { throw FastUnsupported() }
      return FastTyped(
        type: valueType,
        eval: { m in
          let at = list(m)
          let n = m.arena[at]
          var acc = 0
          for i in 0..<n {
            m.slots[slot] = m.arena[at + 1 + i]
            if keep(m) == 0 { continue }
            let (r, o) = acc.addingReportingOverflow(value(m))
            if o || r == FastValue.none { return m.fail() }
            acc = r
          }
          return acc
        })
    default:  // min, max
      let ordered: Set<RuleType> = [.int, .money, .decimal, .date]
      guard ordered.contains(valueType) else { throw FastUnsupported() }
      let pickLess = kind == "min"
      return FastTyped(
        type: valueType.optional,
        eval: { m in
          let at = list(m)
          let n = m.arena[at]
          var acc = FastValue.none
          for i in 0..<n {
            m.slots[slot] = m.arena[at + 1 + i]
            if keep(m) == 0 { continue }
            let v = value(m)
            if acc == FastValue.none || (pickLess ? v < acc : v > acc) { acc = v }
          }
          return acc
        })
    }
  }

  func iterate(
    slot binder: Int, first: Typed, next: Typed, until: Typed, limit steps: Int
  ) throws -> FastTyped {
    let tf = try expr(first)
    let slot = newSlot()
    locals[binder] = FastLocal(slot: slot, type: tf.type)
    let en = try coerce(try expr(next), to: tf.type)
    let eu = try expr(until).eval
    let ef = tf.eval
    return FastTyped(
      type: tf.type,
      eval: { m in
        var v = ef(m)
        var count = 0
        while true {
          m.slots[slot] = v
          if eu(m) != 0 { return v }
          if m.failed { return 0 }
          count += 1
          if count > steps { return m.fail() }
          v = en(m)
        }
      })
  }
}
