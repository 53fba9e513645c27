import CivilCalendar

/// The builtins rules call most, on day numbers directly: the general implementations would
/// box each argument into a `Value` and back, three closure calls per call. Each one calls the
/// same `CivilDate` and `Operators` functions as its entry in `Builtins.table`.
extension FastCompiler {
  /// A direct implementation of builtin `f` for these argument types, or nil.
  ///
  /// Arguments come as `FastTyped` (closures in an array would be re-abstracted).
  static func native(_ f: String, _ types: [RuleType], _ typed: [FastTyped]) -> FastTyped? {
    nativeEval(f, types, Args(typed))
  }

  /// A closure returned as a struct, so it is not re-abstracted inside an optional.
  private static func wrap(_ eval: @escaping FastEval) -> FastTyped {
    FastTyped(type: .error, eval: eval)
  }

  private static func nativeEval(_ f: String, _ types: [RuleType], _ args: Args) -> FastTyped? {
    switch (f, args.typed.count) {
    case ("year", 1):
      let a = args[0]
      return wrap { m in year(a(m)) ?? m.fail() }
    case ("month", 1):
      let a = args[0]
      return wrap { m in date(a(m))?.month ?? m.fail() }
    case ("month_index", 1):
      let a = args[0]
      return wrap { m in
        guard let d = date(a(m)) else { return m.fail() }
        return d.year * 12 + d.month - 1
      }
    case ("start_of_year", 1), ("end_of_year", 1), ("start_of_month", 1), ("end_of_month", 1):
      let a = args[0]
      let pick: @Sendable (CivilDate) -> CivilDate =
        switch f {
        case "start_of_year": { $0.startOfYear }
        case "end_of_year": { $0.endOfYear }
        case "start_of_month": { $0.startOfMonth }
        default: { $0.endOfMonth }
        }
      return wrap { m in date(a(m)).map { pick($0).dayNumber } ?? m.fail() }
    case ("days_in_year", 1):
      let a = args[0]
      return wrap { m in CivilDate.isLeap(a(m)) ? 366 : 365 }
    case ("anniversary", 2):
      let (a, b) = (args[0], args[1])
      return wrap { m in
        let d = a(m)
        let years = b(m)
        guard years.magnitude < 100_000 else { return m.fail() }
        if let fast = FastDays.anniversary(d, years: years) { return fast }
        guard let day = date(d) else { return m.fail() }
        return day.anniversary(years: years).dayNumber
      }
    case ("age", 2):
      let (a, b) = (args[0], args[1])
      return wrap { m in
        let x = a(m)
        let y = b(m)
        if let fast = FastDays.age(x, on: y) { return fast }
        guard let birth = date(x), let on = date(y) else { return m.fail() }
        return birth.age(on: on)
      }
    case ("date", 3):
      let (a, b, c) = (args[0], args[1], args[2])
      return wrap { m in
        let y = a(m)
        let mo = b(m)
        return CivilDate(year: y, month: mo, day: c(m))?.dayNumber ?? m.fail()
      }
    case ("min", 2), ("max", 2):
      // Whole numbers and dates of one type; decimal mixes go through the general builtin.
      let whole: Set<RuleType> = [.int, .money, .date]
      guard types[0] == types[1], whole.contains(types[0]) else { return nil }
      let (a, b) = (args[0], args[1])
      if f == "min" {
        return wrap { m in
          let x = a(m)
          let y = b(m)
          return x <= y ? x : y
        }
      }
      return wrap { m in
        let x = a(m)
        let y = b(m)
        return x >= y ? x : y
      }
    case ("decimal", 1):
      let a = args[0]
      return wrap { m in
        let (r, o) = a(m).multipliedReportingOverflow(by: Decimal6.scale)
        return o || r == FastValue.none ? m.fail() : r
      }
    default: return nil
    }
  }

  /// Positional access to argument closures without re-abstraction.
  struct Args {
    let typed: [FastTyped]
    init(_ typed: [FastTyped]) { self.typed = typed }
    subscript(_ i: Int) -> FastEval { typed[i].eval }
  }

  /// The date of a day number the general machine would accept (`Builtins` box only these).
  static func date(_ day: Int) -> CivilDate? {
    // `magnitude`, not `abs`, which traps on Int.min (`none`'s word).
    day.magnitude < 300_000_000 ? CivilDate(dayNumber: day) : nil
  }

  /// The year of a day number, from the table where it can.
  static func year(_ day: Int) -> Int? {
    FastDays.split(day)?.year ?? date(day)?.year
  }
}
