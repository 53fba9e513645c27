import CivilCalendar

/// Builtin calls in the vector lane: the common ones lane by lane on day numbers, the rest
/// through the general implementations.
extension VectorCompiler {
  func call(_ f: String, _ args: [Expr]) throws -> VecTyped {
    if checker.functions[f] != nil { return try callFunction(f, args) }
    guard let b = Builtins.table[f], args.count == b.arity else { throw VectorUnsupported() }
    let typed = try args.map { try expr($0, expected: nil) }
    let argTypes = typed.map(\.type.unwrapped)
    guard let result = b.type(argTypes) else { throw VectorUnsupported() }
    let a = typed.map { strict($0) }
    if let direct = VectorCompiler.native(f, argTypes, a, words: typed.map(\.uniform)) {
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
  static func native(
    _ f: String, _ types: [RuleType], _ a: [VecEval], words: [WordEval?] = []
  ) -> VecEval? {
    let t = DayTables.shared
    switch (f, a.count) {
    case ("date", 3) where words.count == 3 && words[1] != nil && words[2] != nil:
      // `date(r, 1, 1)`: month and day the same in every lane.
      guard let month = words[1], let day = words[2] else { return nil }
      let x = a[0]
      return { m in
        let (mo, d) = (month(m), day(m))
        return VectorCompiler.mapActive(m, x(m)) { y in
          FastDays.date(year: y, month: mo, day: d, t)
            ?? CivilDate(year: y, month: mo, day: d)?.dayNumber
        }
      }
    case ("year", 1):
      let x = a[0]
      return { m in
        VectorCompiler.map(m, x(m)) { d in
          FastDays.split(d, t)?.year ?? FastCompiler.date(d)?.year
        }
      }
    case ("month", 1):
      let x = a[0]
      return { m in VectorCompiler.mapActive(m, x(m)) { FastCompiler.date($0)?.month } }
    case ("month_index", 1):
      let x = a[0]
      return { m in
        VectorCompiler.map(m, x(m)) { d in
          if let (y, mo, _) = FastDays.parts(d, t) { return y * 12 + mo - 1 }
          return FastCompiler.date(d).map { $0.year * 12 + $0.month - 1 }
        }
      }
    case ("start_of_month", 1), ("end_of_month", 1):
      let (x, first) = (a[0], f == "start_of_month")
      return { m in
        VectorCompiler.mapActive(m, x(m)) { d in
          if let (s, e) = FastDays.month(of: d, t) { return first ? s : e }
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
        VectorCompiler.zip(m, x(m), y(m)) { d, years in
          guard years.magnitude < 100_000 else { return nil }
          if let fast = FastDays.anniversary(d, years: years, t) { return fast }
          return FastCompiler.date(d)?.anniversary(years: years).dayNumber
        }
      }
    case ("age", 2):
      let (x, y) = (a[0], a[1])
      return { m in
        VectorCompiler.zip(m, x(m), y(m)) { b, on in
          if let fast = FastDays.age(b, on: on, t) { return fast }
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
            let d = FastDays.date(year: p[i], month: q[i], day: r[i], t)
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
}
