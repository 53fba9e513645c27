import CivilCalendar
import Diagnostics

/// Operators in the vector lane: the general machine's arithmetic and equality on words
/// (floor division, checked overflow, texts outside the book's constants undecidable), lane
/// by lane.
extension VectorCompiler {
  /// An operand that must be a value: `none` in a narrowed optional fails the lane.
  func strict(_ t: VecTyped) -> VecEval {
    let e = t.eval
    guard t.type.isOptional else { return e }
    guard aware && depth == 0 else {
      return { m in VectorCompiler.map(m, e(m)) { $0 == LaneWord.none ? nil : $0 } }
    }
    // A placeholder `none` where the operand failed is not the operand's `none`.
    return { m in
      guard m.unknowns else {
        return VectorCompiler.map(m, e(m)) { $0 == LaneWord.none ? nil : $0 }
      }
      var x = m.empty
      return m.guarded({ x = e(m) }) {
        VectorCompiler.map(m, x) { $0 == LaneWord.none ? nil : $0 }
      }
    }
  }

  func not(_ a: Typed) throws -> VecTyped {
    let t = try expr(a)
    let e = t.eval
    return VecTyped(
      type: .bool,
      eval: { m in
        let (x, out) = (e(m), m.column())
        for i in 0..<m.space.count { out[i] = x[i] == 0 ? 1 : 0 }
        return out
      }, total: t.total)
  }

  func negate(_ a: Typed, at span: SourceSpan) throws -> VecTyped {
    let site = program.faultSite(span)
    return try guarded([try expr(a)]) { try self.negate($0[0], site: site) }
  }

  private func negate(_ t: VecTyped, site: Int) throws -> VecTyped {
    let e = strict(t)
    switch t.type.unwrapped {
    case .int, .money, .decimal:
      // Only the most negative word has no negation: an overflow, as in the general machine.
      return VecTyped(
        type: t.type.unwrapped,
        eval: { m in
          VectorCompiler.map(m, e(m), site: site) { x in
            let (r, o) = (0).subtractingReportingOverflow(x)
            return o ? nil : r
          } code: { _ in
            Operators.overflowCode
          }
        })
    case .duration:
      return VecTyped(
        type: .duration,
        eval: { m in
          VectorCompiler.map(m, e(m)) { x in
            LaneWord.duration(months: -LaneWord.months(x), days: -LaneWord.days(x))
          }
        })
    default: throw VectorUnsupported()
    }
  }

  func logical(_ isAnd: Bool, _ a: Typed, _ b: Typed) throws -> VecTyped {
    let (tx, ty) = (try expr(a), try expr(b))
    var plain = VectorCompiler.logical(isAnd, tx, ty)
    if aware && depth > 0 && !tx.total {
      // Within an aggregate: an unknown left side leaves the citizen's rule to the general
      // machine (a failure here is its citizen's, not its element's); a fault is the value.
      var left = tx
      left.eval = VectorCompiler.hardenedUnknowns(tx.eval)
      plain = VectorCompiler.logical(isAnd, left, ty)
    }
    guard depth == 0 && !tx.total else { return plain }
    // A left side that may fail for an unknown fact: Kleene logic, so that the right side can
    // still decide (citizens' space only, where a lane is its citizen), in a batch where some
    // fact is unknown.
    let (x, y, sticky) = (tx.eval, ty.eval, plain.eval)
    return VecTyped(
      type: .bool, eval: { m in m.unknowns ? m.kleene(isAnd: isAnd, x, y) : sticky(m) })
  }

  /// `and`/`or` where a failure stays a failure.
  private static func logical(_ isAnd: Bool, _ tx: VecTyped, _ ty: VecTyped) -> VecTyped {
    let (x, y) = (tx.eval, ty.eval)
    if ty.total {
      // A right side that cannot fail is cheaper computed everywhere than masked.
      return VecTyped(
        type: .bool,
        eval: { m in
          let (p, q, out) = (x(m), y(m), m.column())
          if isAnd {
            for i in 0..<m.space.count { out[i] = p[i] & q[i] & 1 }
          } else {
            for i in 0..<m.space.count { out[i] = (p[i] | q[i]) & 1 }
          }
          return out
        }, total: tx.total)
    }
    return VecTyped(
      type: .bool,
      eval: { m in
        // Booleans are 0 or 1 in every active lane, so masks are bit arithmetic; the
        // right side runs only where the left does not decide.
        let (p, n) = (x(m), m.space.count)
        let (rest, a) = (m.column(), m.space.active)
        let flip = isAnd ? 0 : 1
        var any = 0
        for i in 0..<n {
          rest[i] = a[i] & (p[i] ^ flip)
          any |= rest[i]
        }
        guard any != 0 else { return p }
        let q = m.masked(rest) { y(m) }
        let out = m.column()
        if isAnd {
          for i in 0..<n { out[i] = p[i] & q[i] & 1 }
        } else {
          for i in 0..<n { out[i] = (p[i] | q[i]) & 1 }
        }
        return out
      })
  }

  func coalesce(_ a: Typed, _ b: Typed, _ t: RuleType) throws -> VecTyped {
    let (ta, tb) = (try expr(a), try expr(b))
    let (x0, y) = (try coerce(ta, to: t), try coerce(tb, to: t))
    // An unknown left side is the value (the right side does not run), as in the general
    // machine: in the citizens' space its lanes are left out; within an aggregate the lane
    // leaves that citizen's rule to the general machine (a fault is the value).
    let exact = aware && depth == 0 && !ta.total
    let x = ta.total || exact || !aware ? x0 : VectorCompiler.hardenedUnknowns(x0)
    return VecTyped(
      type: t,
      eval: { m in
        let aside = exact && m.unknowns ? m.setAside() : nil
        let p = x(m)
        let (rest, a) = (m.column(), m.space.active)
        if let aside {
          let r = m.space.root
          for i in 0..<m.space.count {
            rest[i] = p[i] == LaneWord.none && m.failed[r[i]] == 0 ? a[i] : 0
          }
          let q = m.any(rest) ? m.masked(rest) { y(m) } : nil
          let out = m.column()
          for i in 0..<m.space.count { out[i] = rest[i] != 0 ? (q?[i] ?? 0) : p[i] }
          m.putBack(aside)
          return out
        }
        for i in 0..<m.space.count { rest[i] = p[i] == LaneWord.none ? a[i] : 0 }
        let q = m.any(rest) ? m.masked(rest) { y(m) } : nil
        let out = m.column()
        for i in 0..<m.space.count { out[i] = p[i] == LaneWord.none ? (q?[i] ?? 0) : p[i] }
        return out
      })
  }

  func binary(_ op: String, _ a: Typed, _ b: Typed, at span: SourceSpan) throws -> VecTyped {
    let (ta, tb, site) = (try expr(a), try expr(b), program.faultSite(span))
    return try guarded([ta, tb]) { try self.binary(op, $0[0], $0[1], site: site) }
  }

  /// `kernel` of `operands`, and in the citizens' space with unknowns, the same kernel run
  /// only where no operand failed (`VectorMachine.guarded`): it reads the operands' columns
  /// from slots of its own.
  func guarded(_ operands: [VecTyped], _ kernel: ([VecTyped]) throws -> VecTyped) throws
    -> VecTyped
  {
    let fast = try kernel(operands)
    guard aware, depth == 0,
      operands.contains(where: { !$0.total && $0.constant == nil && $0.word == nil })
    else { return fast }
    let slots = operands.map { _ in newSlot() }
    let reads = Swift.zip(operands, slots).map { t, s in
      var r = t
      r.eval = { m in m.slots[s] }
      return r
    }
    let (late, evals, plain) = (try kernel(reads).eval, operands.map(\.eval), fast.eval)
    var out = fast
    // One or two operands without an array per call (retained and released at width one).
    switch (slots.count, evals.count) {
    case (1, 1):
      let (s0, e0) = (slots[0], evals[0])
      out.eval = { m in
        guard m.unknowns else { return plain(m) }
        return m.guarded({ m.slots[s0] = e0(m) }) { late(m) }
      }
    case (2, 2):
      let (s0, e0, s1, e1) = (slots[0], evals[0], slots[1], evals[1])
      out.eval = { m in
        guard m.unknowns else { return plain(m) }
        return m.guarded({
          m.slots[s0] = e0(m)
          m.slots[s1] = e1(m)
        }) { late(m) }
      }
    default:
      out.eval = { m in
        guard m.unknowns else { return plain(m) }
        return m.guarded({ for (s, e) in Swift.zip(slots, evals) { m.slots[s] = e(m) } }) {
          late(m)
        }
      }
    }
    return out
  }

  private func binary(_ op: String, _ ta: VecTyped, _ tb: VecTyped, site: Int) throws
    -> VecTyped
  {
    switch op {
    case "in": return try membership(ta, tb)
    case "==", "!=": return try equality(op == "!=", ta, tb)
    case "<", "<=", ">", ">=": return try ordering(op, ta, tb)
    default: return try arithmetic(op, ta, tb, site: site)
    }
  }

  private func membership(_ ta: VecTyped, _ tb: VecTyped) throws -> VecTyped {
    guard case .list(let et) = tb.type.unwrapped, VectorCompiler.sameEncoding(ta.type, et) else {
      throw VectorUnsupported()
    }
    let (x, list) = (ta.eval, tb.eval)
    let limit = VectorMachine.arenaCapacity
    return VecTyped(
      type: .bool,
      eval: { m in
        let (v, at, a, arena) = (x(m), list(m), m.space.active, m.arena)
        let out = m.column()
        for i in 0..<m.space.count {
          out[i] = 0
          let l = at[i]
          guard a[i] != 0, l != LaneWord.none, l >= 0, l < limit else { continue }
          let n = arena[l]
          var j = 0
          while j < n {
            if arena[l + 1 + j] == v[i] {
              out[i] = 1
              break
            }
            j += 1
          }
        }
        return out
      })
  }

  private func equality(_ negate: Bool, _ ta: VecTyped, _ tb: VecTyped) throws -> VecTyped {
    let (x, y) = (ta.eval, tb.eval)
    let (no, yes) = negate ? (1, 0) : (0, 1)
    if VectorCompiler.sameEncoding(ta.type, tb.type) {
      let total = ta.total && tb.total
      if let word = tb.uniform {
        return VecTyped(
          type: .bool,
          eval: { m in
            let (p, k, out) = (x(m), word(m), m.column())
            for i in 0..<m.space.count { out[i] = p[i] == k ? yes : no }
            return out
          }, total: total)
      }
      return VecTyped(
        type: .bool,
        eval: { m in
          let (p, q, out) = (x(m), y(m), m.column())
          for i in 0..<m.space.count { out[i] = p[i] == q[i] ? yes : no }
          return out
        }, total: total)
    }
    let numbers: Set<RuleType> = [.int, .money, .decimal]
    guard numbers.contains(ta.type.unwrapped), numbers.contains(tb.type.unwrapped) else {
      throw VectorUnsupported()
    }
    // An int against a decimal: equal when the scaled int is the decimal.
    let (sx, sy) = (ta.type.unwrapped != .decimal, tb.type.unwrapped != .decimal)
    return VecTyped(
      type: .bool,
      eval: { m in
        VectorCompiler.zip(m, x(m), y(m)) { a, b in
          var (p, q) = (a, b)
          if p == LaneWord.none || q == LaneWord.none { return p == q ? yes : no }
          var overflow = false
          if sx { (p, overflow) = p.multipliedReportingOverflow(by: Decimal6.scale) }
          if sy { (q, overflow) = q.multipliedReportingOverflow(by: Decimal6.scale) }
          return !overflow && p == q ? yes : no
        }
      })
  }

  private func ordering(_ op: String, _ ta: VecTyped, _ tb: VecTyped) throws -> VecTyped {
    let (ua, ub) = (ta.type.unwrapped, tb.type.unwrapped)
    let (x, y) = (strict(ta), strict(tb))
    switch (ua, ub) {
    case (.int, .int), (.money, .money), (.int, .money), (.money, .int), (.date, .date),
      (.decimal, .decimal):
      // Total when neither side can be a `none` that `strict` would fail.
      let total = ta.total && tb.total && !ta.type.isOptional && !tb.type.isOptional
      if let k = tb.uniform {
        return VecTyped(type: .bool, eval: VectorCompiler.compare(op, x, k), total: total)
      }
      if let k = ta.uniform {
        let mirrored = ["<": ">", "<=": ">=", ">": "<", ">=": "<="][op] ?? op
        return VecTyped(type: .bool, eval: VectorCompiler.compare(mirrored, y, k), total: total)
      }
      return VecTyped(type: .bool, eval: VectorCompiler.compare(op, x, y), total: total)
    case (.decimal, .int), (.decimal, .money), (.int, .decimal), (.money, .decimal):
      let (sx, sy) = (ua != .decimal, ub != .decimal)
      let test = VectorCompiler.test(op)
      return VecTyped(
        type: .bool,
        eval: { m in
          VectorCompiler.zip(m, x(m), y(m)) { a, b in
            var (p, q) = (a, b)
            var (o1, o2) = (false, false)
            if sx { (p, o1) = p.multipliedReportingOverflow(by: Decimal6.scale) }
            if sy { (q, o2) = q.multipliedReportingOverflow(by: Decimal6.scale) }
            if o1 || o2 { return nil }
            return test(p, q) ? 1 : 0
          }
        })
    default: throw VectorUnsupported()
    }
  }

  static func test(_ op: String) -> @Sendable (Int, Int) -> Bool {
    switch op {
    case "<": { $0 < $1 }
    case "<=": { $0 <= $1 }
    case ">": { $0 > $1 }
    default: { $0 >= $1 }
    }
  }

  /// `x op k` for a word `k` (the same in every lane), one loop per operator.
  static func compare(_ op: String, _ x: @escaping VecEval, _ word: @escaping WordEval) -> VecEval {
    switch op {
    case "<":
      return { m in
        let k = word(m)
        return VectorCompiler.test(m, x(m)) { $0 < k }
      }
    case "<=":
      return { m in
        let k = word(m)
        return VectorCompiler.test(m, x(m)) { $0 <= k }
      }
    case ">":
      return { m in
        let k = word(m)
        return VectorCompiler.test(m, x(m)) { $0 > k }
      }
    default:
      return { m in
        let k = word(m)
        return VectorCompiler.test(m, x(m)) { $0 >= k }
      }
    }
  }

  static func compare(_ op: String, _ x: @escaping VecEval, _ y: @escaping VecEval) -> VecEval {
    switch op {
    case "<": return { m in VectorCompiler.test(m, x(m), y(m), <) }
    case "<=": return { m in VectorCompiler.test(m, x(m), y(m), <=) }
    case ">": return { m in VectorCompiler.test(m, x(m), y(m), >) }
    default: return { m in VectorCompiler.test(m, x(m), y(m), >=) }
    }
  }

  /// A predicate of one column, as a 0/1 column (never fails).
  @inline(__always) static func test(
    _ m: VectorMachine, _ p: UnsafeMutablePointer<Int>, _ f: (Int) -> Bool
  ) -> UnsafeMutablePointer<Int> {
    let out = m.column()
    for i in 0..<m.space.count { out[i] = f(p[i]) ? 1 : 0 }
    return out
  }

  @inline(__always) static func test(
    _ m: VectorMachine, _ p: UnsafeMutablePointer<Int>, _ q: UnsafeMutablePointer<Int>,
    _ f: (Int, Int) -> Bool
  ) -> UnsafeMutablePointer<Int> {
    let out = m.column()
    for i in 0..<m.space.count { out[i] = f(p[i], q[i]) ? 1 : 0 }
    return out
  }

  private func arithmetic(_ op: String, _ ta: VecTyped, _ tb: VecTyped, site: Int) throws
    -> VecTyped
  {
    let (ua, ub) = (ta.type.unwrapped, tb.type.unwrapped)
    guard let (t, _) = Operators.arithmetic(op, ua, ub) else { throw VectorUnsupported() }
    let (x, y) = (strict(ta), strict(tb))
    switch (ua, ub) {
    case (.date, .duration):
      let (sign, tables) = (op == "+" ? 1 : -1, DayTables.shared)
      if let word = tb.uniform {
        // `- 1 day`, `+ inspection_days_after`: one duration for every lane; whole days are
        // an addition (a date is a day number), months go through the table.
        return VecTyped(
          type: t,
          eval: { m in
            let (column, p) = (x(m), word(m))
            let (months, days) = (sign * LaneWord.months(p), sign * LaneWord.days(p))
            if months == 0 && days.magnitude < 100_000_000 {
              return VectorCompiler.map(m, column) { $0 &+ days }
            }
            return VectorCompiler.mapActive(m, column) { d in
              if days.magnitude < 100_000_000,
                let shifted = FastDays.adding(months: months, to: d, tables)
              {
                return shifted + days
              }
              guard case .date(let r) = Operators.shift(d, months: months, days: days) else {
                return nil
              }
              return r
            }
          })
      }
      return VecTyped(
        type: t,
        eval: { m in
          VectorCompiler.zipActive(m, x(m), y(m)) { d, p in
            let (months, days) = (sign * LaneWord.months(p), sign * LaneWord.days(p))
            if months == 0, days.magnitude < 100_000_000 { return d + days }
            if days.magnitude < 100_000_000,
              let shifted = FastDays.adding(months: months, to: d, tables)
            {
              return shifted + days
            }
            guard
              case .date(let r) = Operators.shift(
                d, months: sign * LaneWord.months(p), days: sign * LaneWord.days(p))
            else { return nil }
            return r
          }
        })
    case (.date, .date):
      return VecTyped(
        type: t,
        eval: { m in
          VectorCompiler.zip(m, x(m), y(m)) { p, q in
            let (r, o) = p.subtractingReportingOverflow(q)
            return o || r == LaneWord.none ? nil : r
          }
        })
    case (.duration, .duration):
      let sign = op == "+" ? 1 : -1
      return VecTyped(
        type: t,
        eval: { m in
          VectorCompiler.zip(m, x(m), y(m)) { p, q in
            LaneWord.duration(
              months: LaneWord.months(p) + sign * LaneWord.months(q),
              days: LaneWord.days(p) + sign * LaneWord.days(q))
          }
        })
    case (.int, .duration), (.duration, .int):
      let durationFirst = ua == .duration
      return VecTyped(
        type: t,
        eval: { m in
          VectorCompiler.zip(m, x(m), y(m)) { a, b in
            let (p, q) = durationFirst ? (a, b) : (b, a)
            let (mo, o1) = LaneWord.months(p).multipliedReportingOverflow(by: q)
            let (d, o2) = LaneWord.days(p).multipliedReportingOverflow(by: q)
            if o1 || o2 { return nil }
            return LaneWord.duration(months: mo, days: d)
          }
        })
    default: break
    }
    let code = VectorCompiler.faultCode(op, ua, ub)
    if t == .decimal {
      return VecTyped(
        type: t, eval: decimal(op, x, ua != .decimal, y, ub != .decimal, site: site, code: code))
    }
    return VecTyped(
      type: t,
      eval: VectorCompiler.whole(op, x, ta.uniform, y, tb.uniform, site: site, code: code))
  }

  /// Decimal arithmetic on scaled words; products and quotients stay within 64 bits or fail.
  private func decimal(
    _ op: String, _ x: @escaping VecEval, _ scaleX: Bool, _ y: @escaping VecEval,
    _ scaleY: Bool, site: Int, code: @escaping @Sendable (Int, Int) -> Int?
  ) -> VecEval {
    let scale = Decimal6.scale
    let operands: @Sendable (Int, Int) -> (Int, Int)? = { p, q in
      var (a, b) = (p, q)
      var (o1, o2) = (false, false)
      if scaleX { (a, o1) = a.multipliedReportingOverflow(by: scale) }
      if scaleY { (b, o2) = b.multipliedReportingOverflow(by: scale) }
      return o1 || o2 ? nil : (a, b)
    }
    let f: @Sendable (Int, Int) -> Int?
    switch op {
    case "+", "-":
      let plus = op == "+"
      f = { p, q in
        guard let (a, b) = operands(p, q) else { return nil }
        let (r, o) = plus ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
        return o || r == LaneWord.none ? nil : r
      }
    case "*":
      f = { p, q in
        guard let (a, b) = operands(p, q) else { return nil }
        let (r, o) = a.multipliedReportingOverflow(by: b)
        guard !o else { return nil }
        return Operators.floorDivide(r, scale)
      }
    default:
      f = { p, q in
        guard let (a, b) = operands(p, q), b != 0 else { return nil }
        let (r, o) = a.multipliedReportingOverflow(by: scale)
        guard !o, let d = Operators.floorDivide(r, b), d != LaneWord.none else { return nil }
        return d
      }
    }
    return { m in VectorCompiler.zip(m, x(m), y(m), site: site, f, code: code) }
  }
}
