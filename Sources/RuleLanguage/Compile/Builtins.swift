import CivilCalendar

/// The built-in functions: one explicit table, each with its typing and implementation.
///
/// Arguments reach an implementation decided (never unknown, none or a fault); results may be
/// `.fault(code)` with an `Operators` code, located by the caller.
struct Builtin: Sendable {
  enum Impl: Sendable {
    case one(@Sendable (Value) -> Value)
    case two(@Sendable (Value, Value) -> Value)
    case three(@Sendable (Value, Value, Value) -> Value)
    case calendar(@Sendable (any BusinessCalendar, Value) -> Value)
  }

  /// How it reads in messages: `age(birth: date, on: date) -> int`.
  var signature: String
  var arity: Int
  /// The result type for the argument types, or nil if they do not fit.
  var type: @Sendable ([RuleType]) -> RuleType?
  var impl: Impl
}

enum Builtins {
  private static func fixed(_ params: [RuleType], _ result: RuleType)
    -> @Sendable ([RuleType]) -> RuleType?
  {
    { args in zip(args, params).allSatisfy { $0.fits($1) } ? result : nil }
  }

  private static func dateToInt(_ name: String, _ f: @escaping @Sendable (CivilDate) -> Int)
    -> Builtin
  {
    Builtin(
      signature: "\(name)(date) -> int", arity: 1, type: fixed([.date], .int),
      impl: .one { v in
        guard case .date(let d) = v else { return .none }
        return .int(f(CivilDate(dayNumber: d)))
      })
  }

  private static func dateToDate(_ name: String, _ f: @escaping @Sendable (CivilDate) -> CivilDate)
    -> Builtin
  {
    Builtin(
      signature: "\(name)(date) -> date", arity: 1, type: fixed([.date], .date),
      impl: .one { v in
        guard case .date(let d) = v else { return .none }
        return .date(f(CivilDate(dayNumber: d)).dayNumber)
      })
  }

  private static func minMax(_ name: String, _ pickFirst: @escaping @Sendable (Int) -> Bool)
    -> Builtin
  {
    Builtin(
      signature: "\(name)(a, b) of the same number or date type", arity: 2,
      type: { args in
        guard args.count == 2, let o = Operators.ordering(args[0], args[1]), args[0] != .text else {
          return nil
        }
        _ = o
        return args[0].join(args[1])
      },
      impl: .two { x, y in
        switch (x, y) {
        case (.int(let a), .int(let b)):
          return .int(pickFirst(a < b ? -1 : (a == b ? 0 : 1)) ? a : b)
        case (.date(let a), .date(let b)):
          return .date(pickFirst(a < b ? -1 : (a == b ? 0 : 1)) ? a : b)
        default:
          guard let a = Operators.scaled(x), let b = Operators.scaled(y) else {
            return .fault(Operators.overflowCode)
          }
          return .decimal(pickFirst(a < b ? -1 : (a == b ? 0 : 1)) ? a : b)
        }
      })
  }

  private static func rounding(_ name: String, _ f: @escaping @Sendable (Int, Int) -> Int)
    -> Builtin
  {
    Builtin(
      signature: "\(name)(decimal) -> int", arity: 1, type: fixed([.decimal], .int),
      impl: .one { v in
        guard let s = Operators.scaled(v) else { return .fault(Operators.overflowCode) }
        return .int(f(s, Decimal6.scale))
      })
  }

  static let table: [String: Builtin] = [
    "year": dateToInt("year") { $0.year },
    "month": dateToInt("month") { $0.month },
    "day": dateToInt("day") { $0.day },
    "weekday": dateToInt("weekday") { $0.weekday.rawValue },
    "month_index": dateToInt("month_index") { $0.year * 12 + $0.month - 1 },
    "start_of_month": dateToDate("start_of_month") { $0.startOfMonth },
    "end_of_month": dateToDate("end_of_month") { $0.endOfMonth },
    "start_of_year": dateToDate("start_of_year") { $0.startOfYear },
    "end_of_year": dateToDate("end_of_year") { $0.endOfYear },
    "start_of_half": dateToDate("start_of_half") {
      CivilDate(year: $0.year, month: $0.month <= 6 ? 1 : 7, day: 1) ?? $0
    },
    "end_of_half": dateToDate("end_of_half") {
      CivilDate(year: $0.year, month: $0.month <= 6 ? 6 : 12, day: $0.month <= 6 ? 30 : 31) ?? $0
    },
    "age": Builtin(
      signature: "age(birth: date, on: date) -> int", arity: 2, type: fixed([.date, .date], .int),
      impl: .two { b, d in
        guard case .date(let x) = b, case .date(let y) = d else { return .none }
        return .int(CivilDate(dayNumber: x).age(on: CivilDate(dayNumber: y)))
      }),
    "anniversary": Builtin(
      signature: "anniversary(date, years: int) -> date", arity: 2,
      type: fixed([.date, .int], .date),
      impl: .two { d, n in
        guard case .date(let x) = d, case .int(let years) = n else { return .none }
        guard years.magnitude < 100_000 else { return .fault(Operators.overflowCode) }
        return .date(CivilDate(dayNumber: x).anniversary(years: years).dayNumber)
      }),
    "date": Builtin(
      signature: "date(year: int, month: int, day: int) -> date", arity: 3,
      type: fixed([.int, .int, .int], .date),
      impl: .three { y, m, d in
        guard case .int(let yy) = y, case .int(let mm) = m, case .int(let dd) = d else {
          return .none
        }
        guard let date = CivilDate(year: yy, month: mm, day: dd) else {
          return .fault(Operators.invalidDateCode)
        }
        return .date(date.dayNumber)
      }),
    "days_in_year": Builtin(
      signature: "days_in_year(year: int) -> int", arity: 1, type: fixed([.int], .int),
      impl: .one { y in
        guard case .int(let v) = y else { return .none }
        return .int(CivilDate.isLeap(v) ? 366 : 365)
      }),
    "is_leap_year": Builtin(
      signature: "is_leap_year(year: int) -> bool", arity: 1, type: fixed([.int], .bool),
      impl: .one { y in
        guard case .int(let v) = y else { return .none }
        return .bool(CivilDate.isLeap(v))
      }),
    "min": minMax("min") { $0 <= 0 },
    "max": minMax("max") { $0 >= 0 },
    "floor": rounding("floor") { Operators.floorDivide($0, $1) ?? 0 },
    "ceil": rounding("ceil") { -(Operators.floorDivide(-$0, $1) ?? 0) },
    "round": rounding("round") { Operators.floorDivide($0 + $1 / 2, $1) ?? 0 },
    "decimal": Builtin(
      signature: "decimal(int) -> decimal", arity: 1, type: fixed([.int], .decimal),
      impl: .one { v in Operators.scaled(v).map { .decimal($0) } ?? .fault(Operators.overflowCode) }
    ),
    "floor_to": Builtin(
      signature: "floor_to(amount, step: int) -> the amount's type", arity: 2,
      type: { args in
        guard args.count == 2, args[0] == .int || args[0] == .money, args[1].fits(.int) else {
          return nil
        }
        return args[0]
      },
      impl: .two { x, s in
        guard case .int(let a) = x, case .int(let step) = s else { return .none }
        guard let q = Operators.floorDivide(a, step) else {
          return .fault(step == 0 ? Operators.divisionByZeroCode : Operators.overflowCode)
        }
        // Rounding down near Int.min can step below it: a fault, not a trap.
        let (r, overflow) = q.multipliedReportingOverflow(by: step)
        return overflow ? .fault(Operators.overflowCode) : .int(r)
      }),
    "is_business_day": Builtin(
      signature: "is_business_day(date) -> bool", arity: 1, type: fixed([.date], .bool),
      impl: .calendar { cal, v in
        guard case .date(let d) = v else { return .none }
        return .bool(cal.isBusinessDay(CivilDate(dayNumber: d)))
      }),
    "next_business_day": Builtin(
      signature: "next_business_day(on or after: date) -> date", arity: 1,
      type: fixed([.date], .date),
      impl: .calendar { cal, v in
        guard case .date(let d) = v else { return .none }
        var day = d
        for _ in 0..<60 {
          if cal.isBusinessDay(CivilDate(dayNumber: day)) { return .date(day) }
          day += 1
        }
        return .fault(Operators.overflowCode)
      }),
  ]
}
