import CivilCalendar

/// A built-in function: its name, signature and typing, and one implementation (a kernel in
/// `Kernels`) lowered to every engine by generic code.
///
/// Arguments reach an implementation decided (never unknown, none or a fault); general
/// results may be `.fault(code)` with an `Operators` code, located by the caller.
struct Builtin: Sendable {
  /// The general machine's form: on boxed values.
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
  /// The types the arguments are read as, for these argument types and result: a whole
  /// number becomes a scaled decimal where the kernel reads a decimal.
  var operands: @Sendable ([RuleType], RuleType) -> [RuleType]
  /// For the operand and result types of a call.
  var general: @Sendable ([RuleType], RuleType) -> Impl
  /// On columns; with each argument's word where it is the same in every lane, and the
  /// call's fault site.
  var vector: @Sendable ([VecEval], [WordEval?], Int) -> VecEval
}

enum Builtins {
  /// Operand types a kernel reads as words.
  static func isWord(_ t: RuleType) -> Bool {
    switch t {
    case .int, .money, .decimal, .date, .bool: true
    default: false
    }
  }

  private static func fixed(_ params: [RuleType], _ result: RuleType)
    -> @Sendable ([RuleType]) -> RuleType?
  {
    { args in zip(args, params).allSatisfy { $0.fits($1) } ? result : nil }
  }

  private static func one<K: Kernel1>(
    _ k: K.Type, _ signature: String, _ param: RuleType, _ result: RuleType
  ) -> Builtin {
    Builtin(
      signature: signature, arity: 1, type: fixed([param], result), operands: { _, _ in [param] },
      general: { o, r in general1(K.self, o, r) },
      vector: { a, _, s in vector1(K.self, a, s) })
  }

  private static func two<K: Kernel2>(
    _ k: K.Type, _ signature: String, _ params: [RuleType], _ result: RuleType
  ) -> Builtin {
    Builtin(
      signature: signature, arity: 2, type: fixed(params, result), operands: { _, _ in params },
      general: { o, r in general2(K.self, o, r) },
      vector: { a, _, s in vector2(K.self, a, s) })
  }

  private static func calendar<K: CalendarKernel>(
    _ k: K.Type, _ signature: String, _ result: RuleType
  ) -> Builtin {
    Builtin(
      signature: signature, arity: 1, type: fixed([.date], result), operands: { _, _ in [.date] },
      general: { o, r in generalCalendar(K.self, o, r) },
      vector: { a, _, s in vectorCalendar(K.self, a, s) })
  }

  /// `min` and `max`: two numbers or dates of one type (a whole number joins a decimal).
  private static func ordered<K: Kernel2>(_ k: K.Type, _ name: String) -> Builtin {
    Builtin(
      signature: "\(name)(a, b) of the same number or date type", arity: 2,
      type: { args in
        guard args.count == 2, Operators.ordering(args[0], args[1]) != nil, args[0] != .text
        else { return nil }
        return args[0].join(args[1])
      },
      operands: { _, r in [r, r] }, general: { _, _ in generalOrdered(K.self) },
      vector: { a, _, s in vector2(K.self, a, s) })
  }

  static let table: [String: Builtin] = [
    "year": one(Kernels.Year.self, "year(date) -> int", .date, .int),
    "month": one(Kernels.Month.self, "month(date) -> int", .date, .int),
    "day": one(Kernels.Day.self, "day(date) -> int", .date, .int),
    "weekday": one(Kernels.Weekday.self, "weekday(date) -> int", .date, .int),
    "month_index": one(Kernels.MonthIndex.self, "month_index(date) -> int", .date, .int),
    "start_of_month": one(
      Kernels.StartOfMonth.self, "start_of_month(date) -> date", .date, .date),
    "end_of_month": one(Kernels.EndOfMonth.self, "end_of_month(date) -> date", .date, .date),
    "start_of_year": one(Kernels.StartOfYear.self, "start_of_year(date) -> date", .date, .date),
    "end_of_year": one(Kernels.EndOfYear.self, "end_of_year(date) -> date", .date, .date),
    "start_of_half": one(Kernels.StartOfHalf.self, "start_of_half(date) -> date", .date, .date),
    "end_of_half": one(Kernels.EndOfHalf.self, "end_of_half(date) -> date", .date, .date),
    "age": two(Kernels.Age.self, "age(birth: date, on: date) -> int", [.date, .date], .int),
    "anniversary": two(
      Kernels.Anniversary.self, "anniversary(date, years: int) -> date", [.date, .int], .date),
    "date": Builtin(
      signature: "date(year: int, month: int, day: int) -> date", arity: 3,
      type: fixed([.int, .int, .int], .date), operands: { _, _ in [.int, .int, .int] },
      general: { o, r in general3(Kernels.MakeDate.self, o, r) },
      vector: { vector3(Kernels.MakeDate.self, $0, $1, $2) }),
    "days_in_year": one(Kernels.DaysInYear.self, "days_in_year(year: int) -> int", .int, .int),
    "is_leap_year": one(Kernels.IsLeapYear.self, "is_leap_year(year: int) -> bool", .int, .bool),
    "min": ordered(Kernels.Min.self, "min"),
    "max": ordered(Kernels.Max.self, "max"),
    "floor": one(Kernels.Floor.self, "floor(decimal) -> int", .decimal, .int),
    "ceil": one(Kernels.Ceil.self, "ceil(decimal) -> int", .decimal, .int),
    "round": one(Kernels.Round.self, "round(decimal) -> int", .decimal, .int),
    "decimal": one(Kernels.ToDecimal.self, "decimal(int) -> decimal", .int, .decimal),
    "floor_to": Builtin(
      signature: "floor_to(amount, step: int) -> the amount's type", arity: 2,
      type: { args in
        guard args.count == 2, args[0] == .int || args[0] == .money, args[1].fits(.int) else {
          return nil
        }
        return args[0]
      },
      operands: { args, _ in args }, general: { o, r in general2(Kernels.FloorTo.self, o, r) },
      vector: { a, _, s in vector2(Kernels.FloorTo.self, a, s) }
    ),
    "is_business_day": calendar(
      Kernels.IsBusinessDay.self, "is_business_day(date) -> bool", .bool),
    "next_business_day": calendar(
      Kernels.NextBusinessDay.self, "next_business_day(on or after: date) -> date", .date),
  ]
}
