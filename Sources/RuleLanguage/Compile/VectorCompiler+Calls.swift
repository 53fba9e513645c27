import CivilCalendar

/// Calls, aggregates, `iterate` and day-invariant caching in the vector lane.
extension VectorCompiler {
  func call(_ f: String, _ args: [Expr]) throws -> VecTyped {
    if checker.functions[f] != nil { return try callFunction(f, args) }
    guard let b = Builtins.table[f], args.count == b.arity else { throw VectorUnsupported() }
    let typed = try args.map { try expr($0, expected: nil) }
    let argTypes = typed.map(\.type.unwrapped)
    guard let result = b.type(argTypes) else { throw VectorUnsupported() }
    let a = typed.map { strict($0) }
    if let direct = VectorCompiler.native(f, argTypes, a) {
      return VecTyped(type: result, eval: direct)
    }
    let unbox = try FastCompiler.unbox(result)
    let boxes = try argTypes.map { try FastCompiler.box($0) }
    // The general implementations, lane by lane: one definition of each builtin.
    switch b.impl {
    case .one(let g):
      let (x, box) = (a[0], boxes[0])
      return VecTyped(
        type: result, eval: { m in VectorCompiler.mapActive(m, x(m)) { unbox(g(box($0))) } })
    case .calendar(let g):
      let (x, box) = (a[0], boxes[0])
      return VecTyped(
        type: result,
        eval: { m in VectorCompiler.mapActive(m, x(m)) { unbox(g(m.calendar, box($0))) } })
    case .two(let g):
      let (x, y, bx, by) = (a[0], a[1], boxes[0], boxes[1])
      return VecTyped(
        type: result,
        eval: { m in VectorCompiler.zipActive(m, x(m), y(m)) { unbox(g(bx($0), by($1))) } })
    case .three(let g):
      let (x, y, z) = (a[0], a[1], a[2])
      let (bx, by, bz) = (boxes[0], boxes[1], boxes[2])
      return VecTyped(
        type: result,
        eval: { m in
          let (p, q, r, out, active) = (x(m), y(m), z(m), m.column(), m.space.active)
          for i in 0..<m.space.count {
            if active[i] != 0, let v = unbox(g(bx(p[i]), by(q[i]), bz(r[i]))) {
              out[i] = v
            } else {
              out[i] = 0
              if active[i] != 0 { m.fail(lane: i) }
            }
          }
          return out
        })
    }
  }

  /// The builtins rules call most, lane by lane on day numbers (the fast lane's own
  /// implementations, `FastCompiler.nativeEval` and `FastDays`).
  static func native(_ f: String, _ types: [RuleType], _ a: [VecEval]) -> VecEval? {
    switch (f, a.count) {
    case ("year", 1):
      let x = a[0]
      return { m in VectorCompiler.mapActive(m, x(m)) { FastCompiler.year($0) } }
    case ("month", 1):
      let x = a[0]
      return { m in VectorCompiler.mapActive(m, x(m)) { FastCompiler.date($0)?.month } }
    case ("month_index", 1):
      let x = a[0]
      return { m in
        VectorCompiler.mapActive(m, x(m)) { d in
          if let (y, mo, _) = FastDays.parts(d) { return y * 12 + mo - 1 }
          return FastCompiler.date(d).map { $0.year * 12 + $0.month - 1 }
        }
      }
    case ("start_of_month", 1), ("end_of_month", 1):
      let (x, first) = (a[0], f == "start_of_month")
      return { m in
        VectorCompiler.mapActive(m, x(m)) { d in
          if let (s, e) = FastDays.month(of: d) { return first ? s : e }
          return FastCompiler.date(d).map { (first ? $0.startOfMonth : $0.endOfMonth).dayNumber }
        }
      }
    case ("start_of_year", 1), ("end_of_year", 1):
      let x = a[0]
      let pick: @Sendable (CivilDate) -> CivilDate =
        switch f {
        case "start_of_year": { $0.startOfYear }
        case "end_of_year": { $0.endOfYear }
        case "start_of_month": { $0.startOfMonth }
        default: { $0.endOfMonth }
        }
      return { m in
        VectorCompiler.mapActive(m, x(m)) { FastCompiler.date($0).map { pick($0).dayNumber } }
      }
    case ("days_in_year", 1):
      let x = a[0]
      return { m in VectorCompiler.mapActive(m, x(m)) { CivilDate.isLeap($0) ? 366 : 365 } }
    case ("anniversary", 2):
      let (x, y) = (a[0], a[1])
      return { m in
        VectorCompiler.zipActive(m, x(m), y(m)) { d, years in
          guard abs(years) < 100_000 else { return nil }
          if let fast = FastDays.anniversary(d, years: years) { return fast }
          return FastCompiler.date(d)?.anniversary(years: years).dayNumber
        }
      }
    case ("age", 2):
      let (x, y) = (a[0], a[1])
      return { m in
        VectorCompiler.zipActive(m, x(m), y(m)) { b, on in
          if let fast = FastDays.age(b, on: on) { return fast }
          guard let birth = FastCompiler.date(b), let day = FastCompiler.date(on) else {
            return nil
          }
          return birth.age(on: day)
        }
      }
    case ("date", 3):
      let (x, y, z) = (a[0], a[1], a[2])
      return { m in
        let (p, q, r, out, active) = (x(m), y(m), z(m), m.column(), m.space.active)
        for i in 0..<m.space.count {
          if active[i] != 0,
            let d = FastDays.date(year: p[i], month: q[i], day: r[i])
              ?? CivilDate(year: p[i], month: q[i], day: r[i])?.dayNumber
          {
            out[i] = d
          } else {
            out[i] = 0
            if active[i] != 0 { m.fail(lane: i) }
          }
        }
        return out
      }
    case ("min", 2), ("max", 2):
      let whole: Set<RuleType> = [.int, .money, .date]
      guard types[0] == types[1], whole.contains(types[0]) else { return nil }
      let (x, y) = (a[0], a[1])
      let pickLess = f == "min"
      return { m in
        let (p, q, out) = (x(m), y(m), m.column())
        for i in 0..<m.space.count {
          out[i] = pickLess ? (p[i] <= q[i] ? p[i] : q[i]) : (p[i] >= q[i] ? p[i] : q[i])
        }
        return out
      }
    case ("floor_to", 2) where types[0] != .decimal:
      let (x, y) = (a[0], a[1])
      return { m in
        VectorCompiler.zip(m, x(m), y(m)) { v, step in
          guard let q = Operators.floorDivide(v, step) else { return nil }
          let (r, o) = q.multipliedReportingOverflow(by: step)
          return o || r == FastValue.none ? nil : r
        }
      }
    case ("decimal", 1):
      let x = a[0]
      return { m in
        VectorCompiler.mapActive(m, x(m)) { v in
          let (r, o) = v.multipliedReportingOverflow(by: Decimal6.scale)
          return o || r == FastValue.none ? nil : r
        }
      }
    default: return nil
    }
  }

  /// A user function, inlined: its body is compiled again at each call site, its parameters
  /// bound to the argument columns (functions are pure and never recursive).
  private func callFunction(_ name: String, _ args: [Expr]) throws -> VecTyped {
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

  func aggregate(
    _ kind: String, binder: String, source: Expr, filter: Expr?, body: Expr?
  ) throws -> VecTyped {
    let ts = try expr(source, expected: nil)
    guard case .list(let element) = ts.type else { throw VectorUnsupported() }
    let slot = newSlot()
    depth += 1
    scopes.append([binder: VecLocal(slot: slot, type: element, depth: depth)])
    defer {
      scopes.removeLast()
      depth -= 1
    }
    let list = ts.eval
    let keep = try filter.map { try expr($0, expected: .bool).eval }
    let tb = try body.map { try expr($0, expected: nil) }
    let valueType = tb?.type ?? element
    let resultType: RuleType
    switch kind {
    case "count": resultType = .int
    case "filter": resultType = .list(element)
    case "map":
      guard let tb else { throw VectorUnsupported() }
      resultType = .list(tb.type)
    case "any", "all": resultType = .bool
    case "sum":
      guard [.int, .money, .decimal].contains(valueType) else { throw VectorUnsupported() }
      resultType = valueType
    default:
      guard [.int, .money, .decimal, .date].contains(valueType) else {
        throw VectorUnsupported()
      }
      resultType = valueType.optional
    }
    let value = tb?.eval
    let reduce = VectorCompiler.reducer(kind, hasBody: body != nil, hasFilter: filter != nil)
    return VecTyped(
      type: resultType,
      eval: { m in
        let lists = list(m)
        let elements = m.elements(of: lists, binder: slot)
        m.enter(elements)
        // The filter, then the body only where the filter keeps the element.
        let kept = keep.map { $0(m) }
        var mask = elements.active
        if let kept {
          mask = m.column()
          for i in 0..<elements.count { mask[i] = kept[i] != 0 ? 1 : 0 }
        }
        let values = value.map { v in m.masked(mask) { v(m) } }
        let items = m.slots[slot]
        m.leave()
        return reduce(m, elements, Reduction(kept: kept, values: values, items: items))
      })
  }

  func iterate(
    _ binder: String, first: Expr, next: Expr, until: Expr, limit: Int?
  ) throws -> VecTyped {
    let tf = try expr(first, expected: nil)
    let slot = newSlot()
    // Each step runs in a space of the lanes still going, one level deeper: lanes that
    // finished early cost the later steps nothing.
    depth += 1
    scopes.append([binder: VecLocal(slot: slot, type: tf.type, depth: depth)])
    defer {
      scopes.removeLast()
      depth -= 1
    }
    let en = try coerce(try expr(next, expected: tf.type), to: tf.type)
    let eu = try expr(until, expected: .bool).eval
    let (ef, steps) = (tf.eval, limit ?? 1000)
    return VecTyped(
      type: tf.type,
      eval: { m in
        let n = m.space.count
        let (value, going) = (m.column(), m.column())
        value.update(from: ef(m), count: n)
        going.update(from: m.space.active, count: n)
        var count = 0
        while true {
          let mark = m.mark
          let lanes = m.lanes(going, binder: slot, values: value)
          guard lanes.count > 0 else {
            m.release(to: mark)
            return value
          }
          m.enter(lanes)
          let done = eu(m)
          let (parent, root, stay) = (lanes.parent, lanes.root, m.column())
          var left = 0
          for j in 0..<lanes.count {
            stay[j] = done[j] == 0 && m.failed[root[j]] == 0 ? 1 : 0
            left += stay[j]
          }
          count += 1
          if left > 0 && count > steps {
            for j in 0..<lanes.count where stay[j] != 0 { m.fail(lane: j) }
            left = 0
          }
          let step = left > 0 ? m.masked(stay) { en(m) } : nil
          m.leave()
          for j in 0..<lanes.count {
            let i = parent[j]
            going[i] = stay[j]
            if stay[j] != 0, let step { value[i] = step[j] }
          }
          m.release(to: mark)
        }
      })
  }

  /// `t` computed once per day when it depends only on the day, parameters and literals.
  func dayCached(_ e: Expr, _ t: VecTyped) -> VecTyped {
    switch e.kind {
    case .call, .binary, .unary, .conditional, .member: break
    default: return t
    }
    switch t.type.unwrapped {
    case .list, .record, .none, .text: return t
    default: break
    }
    guard invariant(e) else { return t }
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

  /// Whether `e` reads nothing of the citizen and no local (so it can run in a lane of its own).
  private func invariant(_ e: Expr) -> Bool {
    switch e.kind {
    case .integer, .decimal, .money, .text, .date, .boolean, .none, .today, .duration: return true
    case .name(let n):
      if lookup(n) != nil { return false }
      return checker.factIndex[n] == nil && checker.ruleIndex[n] == nil
        && checker.outputIndex[n] == nil
    case .unary(_, let a): return invariant(a)
    case .binary(_, let a, let b): return invariant(a) && invariant(b)
    case .conditional(let c, let a, let b): return invariant(c) && invariant(a) && invariant(b)
    case .call(let f, let args):
      guard args.allSatisfy(invariant) else { return false }
      guard let info = checker.functions[f] else { return true }
      return !scalar.readsFacts(info.decl.body, locals: Set(info.decl.parameters.map(\.name.text)))
    case .member(let base, _):
      if case .name(let n) = base.kind, checker.enumIndex[n] != nil { return true }
      return invariant(base)
    case .list, .aggregate, .iterate, .record, .invalid: return false
    }
  }
}

/// What an aggregate's elements produced: the filter's column, the body's, the items.
struct Reduction {
  var kept: UnsafeMutablePointer<Int>?
  var values: UnsafeMutablePointer<Int>?
  var items: UnsafeMutablePointer<Int>
}
