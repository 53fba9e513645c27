import CivilCalendar

/// Branches and lists in the vector lane: `if … then … else` under known and unknown
/// conditions, list literals, and the coercion of a value to the type its place expects.
extension VectorCompiler {
  func conditional(_ c: Typed, _ a: Typed, _ b: Typed, _ t: RuleType) throws
    -> VecTyped
  {
    let tc = try expr(c)
    let ec0 = tc.eval
    let ta = try expr(a)
    let tb = try expr(b)
    let (x, y) = (try coerce(ta, to: t), try coerce(tb, to: t))
    let comparable = VectorCompiler.comparable(t)
    if aware && depth == 0 && !tc.total {
      // An unknown condition: the general machine runs both branches and keeps a value they
      // agree on (`bothSides`), in the citizens' space.
      let plain = try conditional(ec0, tc, ta, tb, x, y, t)
      return VecTyped(
        type: t,
        eval: { m in
          guard m.unknowns else { return plain.eval(m) }
          let aside = m.setAside()
          let c = ec0(m)
          let (unknown, kinds) = (m.column(), m.column())
          let any = m.unknownLanes(into: unknown, kinds: kinds)
          let (yes, no) = VectorCompiler.split(m, c, except: any ? unknown : nil)
          let p = m.any(yes) ? m.masked(yes) { x(m) } : nil
          let q = m.any(no) ? m.masked(no) { y(m) } : nil
          let out = m.column()
          VectorCompiler.blend(m, c, p, q, into: out)
          if any { m.bothSides(unknown, kinds, x, y, comparable: comparable, into: out) }
          m.putBack(aside)
          return out
        })
    }
    // Within an aggregate: an unknown condition leaves the citizen's rule to the general
    // machine; a fault is the value, as there.
    let ec = tc.total || !aware ? ec0 : VectorCompiler.hardenedUnknowns(ec0)
    return try conditional(ec, tc, ta, tb, x, y, t)
  }

  /// Whether equal words are equal values of type `t` (not so for lists and records).
  static func comparable(_ t: RuleType) -> Bool {
    switch t.unwrapped {
    case .list, .record: false
    default: true
    }
  }

  func conditional(
    _ ec: @escaping VecEval, _ tc: VecTyped, _ ta: VecTyped, _ tb: VecTyped,
    _ x: @escaping VecEval, _ y: @escaping VecEval, _ t: RuleType
  ) throws -> VecTyped {
    let intOnly =
      !(t.unwrapped == .decimal && (ta.type.unwrapped == .int || tb.type.unwrapped == .int))
    if ta.total && tb.total && intOnly {
      // `if age < 65 then 10 else 5`: a word (a literal, a parameter) is never a filled column.
      switch (ta.uniform, tb.uniform) {
      case (let p?, let q?):
        return VecTyped(
          type: t,
          eval: { m in
            let (c, k, l, out) = (ec(m), p(m), q(m), m.column())
            for i in 0..<m.space.count { out[i] = c[i] != 0 ? k : l }
            return out
          }, total: tc.total)
      case (let p?, nil):
        return VecTyped(
          type: t,
          eval: { m in
            let (c, k, q, out) = (ec(m), p(m), y(m), m.column())
            for i in 0..<m.space.count { out[i] = c[i] != 0 ? k : q[i] }
            return out
          }, total: tc.total)
      case (nil, let q?):
        return VecTyped(
          type: t,
          eval: { m in
            let (c, p, l, out) = (ec(m), x(m), q(m), m.column())
            for i in 0..<m.space.count { out[i] = c[i] != 0 ? p[i] : l }
            return out
          }, total: tc.total)
      case (nil, nil):
        return VecTyped(
          type: t,
          eval: { m in
            let (c, p, q, out) = (ec(m), x(m), y(m), m.column())
            for i in 0..<m.space.count { out[i] = c[i] != 0 ? p[i] : q[i] }
            return out
          }, total: tc.total)
      }
    }
    return VecTyped(
      type: t,
      eval: { m in
        let c = ec(m)
        let (yes, no) = VectorCompiler.split(m, c)
        let p = m.any(yes) ? m.masked(yes) { x(m) } : nil
        let q = m.any(no) ? m.masked(no) { y(m) } : nil
        let out = m.column()
        VectorCompiler.blend(m, c, p, q, into: out)
        return out
      })
  }

  func list(_ items: [Typed], _ type: RuleType) throws -> VecTyped {
    guard case .list(let et) = type else { throw VectorUnsupported() }
    let evals = try items.map { try coerce(try expr($0), to: et) }
    return VecTyped(
      type: .list(et),
      eval: { m in
        let columns = evals.map { $0(m) }
        let (out, a, count) = (m.column(), m.space.active, columns.count)
        for i in 0..<m.space.count {
          guard a[i] != 0 else {
            out[i] = 0
            continue
          }
          guard let at = m.allocate(count + 1) else {
            m.fail(lane: i)
            out[i] = 0
            continue
          }
          m.arena[at] = count
          for (j, column) in columns.enumerated() { m.arena[at + 1 + j] = column[i] }
          out[i] = at
        }
        return out
      })
  }

  /// `value` as `target`: whole numbers become scaled decimals where a decimal is expected.
  func coerce(_ value: VecTyped, to target: RuleType) throws -> VecEval {
    let e = value.eval
    guard target.unwrapped == .decimal, value.type.unwrapped == .int else {
      if value.type.unwrapped == .list(.int) && target.unwrapped == .list(.decimal) {
        throw VectorUnsupported()
      }
      return e
    }
    return { m in
      let x = e(m)
      return VectorCompiler.map(m, x) { v in
        if v == LaneWord.none { return v }
        let (r, o) = v.multipliedReportingOverflow(by: Decimal6.scale)
        return o || r == LaneWord.none ? nil : r
      }
    }
  }
}
