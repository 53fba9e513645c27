import CivilCalendar

/// Typing and implementation of arithmetic and ordering; all arithmetic is exact and checked.
///
/// Whole-number division rounds down (toward negative infinity), as tax law does, and `%`
/// takes the sign of the divisor. Faults come back as `.fault(code)` with a negative code
/// and are located by the caller.
enum Operators {
  typealias Binary = @Sendable (Value, Value) -> Value

  static let overflowCode = -1
  static let divisionByZeroCode = -2
  static let invalidDateCode = -3

  static func faultMessage(_ code: Int) -> String {
    switch code {
    case divisionByZeroCode: RuleMessage.divisionByZero
    case invalidDateCode: RuleMessage.invalidDate
    default: RuleMessage.overflow
    }
  }

  static func arithmetic(_ op: String, _ a: RuleType, _ b: RuleType) -> (RuleType, Binary)? {
    switch (op, a, b) {
    case ("+", .int, .int), ("-", .int, .int), ("*", .int, .int), ("/", .int, .int),
      ("%", .int, .int):
      return (.int, integer(op))
    case ("+", .money, .money), ("-", .money, .money), ("+", .money, .int), ("-", .money, .int),
      ("+", .int, .money), ("-", .int, .money), ("*", .money, .int), ("*", .int, .money),
      ("/", .money, .int), ("%", .money, .int):
      return (.money, integer(op))
    case ("/", .money, .money): return (.int, integer(op))
    case ("+", .decimal, _), ("-", .decimal, _), ("*", .decimal, _), ("/", .decimal, _),
      ("+", _, .decimal), ("-", _, .decimal), ("*", _, .decimal), ("/", _, .decimal):
      guard a.isNumeric, b.isNumeric else { return nil }
      return (.decimal, decimal(op))
    case ("+", .date, .duration), ("-", .date, .duration):
      let sign = op == "+" ? 1 : -1
      return (
        .date,
        { x, y in
          guard case .date(let d) = x, case .duration(let mo, let days) = y else { return .none }
          return shift(d, months: sign * mo, days: sign * days)
        }
      )
    case ("-", .date, .date):
      return (
        .int,
        { x, y in
          guard case .date(let d) = x, case .date(let e) = y else { return .none }
          return .int(d - e)
        }
      )
    case ("+", .duration, .duration), ("-", .duration, .duration):
      let sign = op == "+" ? 1 : -1
      return (
        .duration,
        { x, y in
          guard case .duration(let m1, let d1) = x, case .duration(let m2, let d2) = y else {
            return .none
          }
          return .duration(months: m1 + sign * m2, days: d1 + sign * d2)
        }
      )
    case ("*", .int, .duration), ("*", .duration, .int):
      return (
        .duration,
        { x, y in
          switch (x, y) {
          case (.int(let n), .duration(let mo, let d)), (.duration(let mo, let d), .int(let n)):
            let (a, o1) = mo.multipliedReportingOverflow(by: n)
            let (b, o2) = d.multipliedReportingOverflow(by: n)
            return o1 || o2 ? .fault(overflowCode) : .duration(months: a, days: b)
          default: return .none
          }
        }
      )
    default:
      return nil
    }
  }

  /// Months first (clamped to the month's end, as 민법 §160 counts), then days.
  static func shift(_ day: Int, months: Int, days: Int) -> Value {
    // `magnitude`, not `abs`, which traps on Int.min.
    guard months.magnitude < 1_000_000, days.magnitude < 100_000_000 else {
      return .fault(overflowCode)
    }
    if months == 0 { return .date(day + days) }
    return .date(CivilDate(dayNumber: day).adding(months: months).dayNumber + days)
  }

  private static func integer(_ op: String) -> Binary {
    switch op {
    case "+":
      return { x, y in
        guard case .int(let a) = x, case .int(let b) = y else { return .none }
        let (r, o) = a.addingReportingOverflow(b)
        return o ? .fault(overflowCode) : .int(r)
      }
    case "-":
      return { x, y in
        guard case .int(let a) = x, case .int(let b) = y else { return .none }
        let (r, o) = a.subtractingReportingOverflow(b)
        return o ? .fault(overflowCode) : .int(r)
      }
    case "*":
      return { x, y in
        guard case .int(let a) = x, case .int(let b) = y else { return .none }
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? .fault(overflowCode) : .int(r)
      }
    case "/":
      return { x, y in
        guard case .int(let a) = x, case .int(let b) = y else { return .none }
        return floorDivide(a, b).map { .int($0) }
          ?? .fault(b == 0 ? divisionByZeroCode : overflowCode)
      }
    default:
      return { x, y in
        guard case .int(let a) = x, case .int(let b) = y else { return .none }
        guard let r = floorModulo(a, b) else { return .fault(divisionByZeroCode) }
        return .int(r)
      }
    }
  }

  static func floorDivide(_ a: Int, _ b: Int) -> Int? {
    guard b != 0, !(a == Int.min && b == -1) else { return nil }
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// `a` modulo `b` with the sign of `b`; nil when `b` is 0.
  ///
  /// From the truncated remainder: `a - floor(a / b) * b` can overflow in its product (for
  /// `Int.max % -7`), the result itself never does.
  static func floorModulo(_ a: Int, _ b: Int) -> Int? {
    guard b != 0 else { return nil }
    if b == -1 { return 0 }
    let r = a % b
    return r != 0 && (r < 0) != (b < 0) ? r + b : r
  }

  static func scaled(_ v: Value) -> Int? {
    switch v {
    case .decimal(let d): return d
    case .int(let i):
      let (r, o) = i.multipliedReportingOverflow(by: Decimal6.scale)
      return o ? nil : r
    default: return nil
    }
  }

  private static func decimal(_ op: String) -> Binary {
    { x, y in
      guard let a = scaled(x), let b = scaled(y) else { return .fault(overflowCode) }
      switch op {
      case "+":
        let (r, o) = a.addingReportingOverflow(b)
        return o ? .fault(overflowCode) : .decimal(r)
      case "-":
        let (r, o) = a.subtractingReportingOverflow(b)
        return o ? .fault(overflowCode) : .decimal(r)
      case "*":
        let (hi, lo) = a.multipliedFullWidth(by: b)
        let wide = (Int(hi), lo)
        guard let r = divideWide(wide, by: Decimal6.scale) else { return .fault(overflowCode) }
        return .decimal(r)
      default:
        guard b != 0 else { return .fault(divisionByZeroCode) }
        let (hi, lo) = a.multipliedFullWidth(by: Decimal6.scale)
        guard let r = divideWide((Int(hi), lo), by: b) else { return .fault(overflowCode) }
        return .decimal(r)
      }
    }
  }

  /// Floor division of a 128-bit value by `d`; nil when the quotient does not fit.
  private static func divideWide(_ value: (Int, UInt), by d: Int) -> Int? {
    guard d != 0 else { return nil }
    let negative = value.0 < 0
    // Work on magnitudes.
    var hi = UInt(bitPattern: value.0)
    var lo = value.1
    if negative {
      lo = ~lo &+ 1
      hi = ~hi &+ (lo == 0 ? 1 : 0)
    }
    let divisor = d.magnitude
    guard hi < divisor else { return nil }
    let (q, r) = divisor.dividingFullWidth((hi, lo))
    let negativeResult = negative != (d < 0)
    guard q <= UInt(Int.max) else { return nil }
    var result = Int(q)
    if negativeResult {
      result = -result
      if r != 0 { result -= 1 }
    }
    return result
  }

  /// Three-way comparison for ordered types (numbers, dates, durations of days, text).
  static func ordering(_ a: RuleType, _ b: RuleType) -> (@Sendable (Value, Value) -> Int)? {
    switch (a, b) {
    case (.int, .int), (.money, .money), (.int, .money), (.money, .int), (.date, .date):
      return { x, y in
        switch (x, y) {
        case (.int(let p), .int(let q)), (.date(let p), .date(let q)):
          return p < q ? -1 : (p == q ? 0 : 1)
        default: return 0
        }
      }
    case (.decimal, _), (_, .decimal):
      guard a.isNumeric, b.isNumeric else { return nil }
      return { x, y in
        guard let p = scaled(x), let q = scaled(y) else { return 0 }
        return p < q ? -1 : (p == q ? 0 : 1)
      }
    case (.text, .text):
      return { x, y in
        guard case .text(let p) = x, case .text(let q) = y else { return 0 }
        return p < q ? -1 : (p == q ? 0 : 1)
      }
    default: return nil
    }
  }
}
