import CivilCalendar

/// What a kernel reads besides its arguments: the day tables, and the largest day number it
/// converts to a `CivilDate` (the lanes stop short of `none`'s word and fail the citizen to
/// the general machine instead; the general machine converts any day).
struct KernelContext: Sendable {
  let tables: DayTables
  let dayLimit: UInt

  static let general = KernelContext(tables: .shared, dayLimit: UInt.max)
  static let lane = KernelContext(tables: .shared, dayLimit: 300_000_000)

  @inline(__always) func civil(_ day: Int) -> CivilDate? {
    day.magnitude < dayLimit ? CivilDate(dayNumber: day) : nil
  }
}

/// A built-in's one implementation, on unboxed words.
///
/// Words are day numbers, whole numbers, scaled decimals, 0 or 1; nil is a fault, and
/// `fault` says which.
///
/// Every engine calls these through generic code specialised per kernel, so a lane's loop
/// inlines the kernel. `everyLane` kernels are cheap and total enough to run on every lane of a
/// batch (no branch on the mask).
protocol Kernel1: SendableMetatype {
  static func apply(_ a: Int, _ c: KernelContext) -> Int?
  static var everyLane: Bool { get }
}

protocol Kernel2: SendableMetatype {
  static func apply(_ a: Int, _ b: Int, _ c: KernelContext) -> Int?
  static func fault(_ a: Int, _ b: Int) -> Int
  static var everyLane: Bool { get }
}

/// A kernel that reads the business calendar of the evaluation.
protocol CalendarKernel: SendableMetatype {
  static func apply(_ d: Int, _ c: KernelContext, _ calendar: any BusinessCalendar) -> Int?
}

protocol Kernel3: SendableMetatype {
  static func apply(_ a: Int, _ b: Int, _ d: Int, _ c: KernelContext) -> Int?
  static var fault: Int { get }
}

extension Kernel1 {
  static var everyLane: Bool { false }
}

extension Kernel2 {
  static func fault(_ a: Int, _ b: Int) -> Int { Operators.overflowCode }
  static var everyLane: Bool { false }
}

enum Kernels {
  enum Year: Kernel1 {
    static let everyLane = true
    @inline(__always) static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      FastDays.split(d, c.tables)?.year ?? c.civil(d)?.year
    }
  }

  enum Month: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? { c.civil(d)?.month }
  }

  enum Day: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? { c.civil(d)?.day }
  }

  enum Weekday: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? { c.civil(d)?.weekday.rawValue }
  }

  enum MonthIndex: Kernel1 {
    static let everyLane = true
    @inline(__always) static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      if let (y, m, _) = FastDays.parts(d, c.tables) { return y * 12 + m - 1 }
      return c.civil(d).map { $0.year * 12 + $0.month - 1 }
    }
  }

  enum StartOfMonth: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      FastDays.month(of: d, c.tables)?.first ?? c.civil(d)?.startOfMonth.dayNumber
    }
  }

  enum EndOfMonth: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      FastDays.month(of: d, c.tables)?.last ?? c.civil(d)?.endOfMonth.dayNumber
    }
  }

  enum StartOfYear: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? { c.civil(d)?.startOfYear.dayNumber }
  }

  enum EndOfYear: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? { c.civil(d)?.endOfYear.dayNumber }
  }

  enum StartOfHalf: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      guard let x = c.civil(d) else { return nil }
      return (CivilDate(year: x.year, month: x.month <= 6 ? 1 : 7, day: 1) ?? x).dayNumber
    }
  }

  enum EndOfHalf: Kernel1 {
    static func apply(_ d: Int, _ c: KernelContext) -> Int? {
      guard let x = c.civil(d) else { return nil }
      let first = x.month <= 6
      return (CivilDate(year: x.year, month: first ? 6 : 12, day: first ? 30 : 31) ?? x).dayNumber
    }
  }

  enum DaysInYear: Kernel1 {
    static func apply(_ y: Int, _ c: KernelContext) -> Int? { CivilDate.isLeap(y) ? 366 : 365 }
  }

  enum IsLeapYear: Kernel1 {
    static func apply(_ y: Int, _ c: KernelContext) -> Int? { CivilDate.isLeap(y) ? 1 : 0 }
  }

  /// Rounding a scaled decimal to a whole number.
  enum Floor: Kernel1 {
    static func apply(_ s: Int, _ c: KernelContext) -> Int? {
      Operators.floorDivide(s, Decimal6.scale) ?? 0
    }
  }

  enum Ceil: Kernel1 {
    static func apply(_ s: Int, _ c: KernelContext) -> Int? {
      -(Operators.floorDivide(-s, Decimal6.scale) ?? 0)
    }
  }

  enum Round: Kernel1 {
    static func apply(_ s: Int, _ c: KernelContext) -> Int? {
      Operators.floorDivide(s + Decimal6.scale / 2, Decimal6.scale) ?? 0
    }
  }

  enum ToDecimal: Kernel1 {
    static func apply(_ n: Int, _ c: KernelContext) -> Int? {
      let (r, o) = n.multipliedReportingOverflow(by: Decimal6.scale)
      return o ? nil : r
    }
  }

  enum IsBusinessDay: CalendarKernel {
    static func apply(_ d: Int, _ c: KernelContext, _ calendar: any BusinessCalendar) -> Int? {
      c.civil(d).map { calendar.isBusinessDay($0) ? 1 : 0 }
    }
  }

  enum NextBusinessDay: CalendarKernel {
    static func apply(_ d: Int, _ c: KernelContext, _ calendar: any BusinessCalendar) -> Int? {
      var day = d
      for _ in 0..<60 {
        guard let x = c.civil(day) else { return nil }
        if calendar.isBusinessDay(x) { return day }
        day += 1
      }
      return nil
    }
  }

  enum Age: Kernel2 {
    static let everyLane = true
    @inline(__always) static func apply(_ b: Int, _ d: Int, _ c: KernelContext) -> Int? {
      if let fast = FastDays.age(b, on: d, c.tables) { return fast }
      guard let birth = c.civil(b), let on = c.civil(d) else { return nil }
      return birth.age(on: on)
    }
  }

  enum Anniversary: Kernel2 {
    static let everyLane = true
    @inline(__always) static func apply(_ d: Int, _ years: Int, _ c: KernelContext) -> Int? {
      guard years.magnitude < 100_000 else { return nil }
      if let fast = FastDays.anniversary(d, years: years, c.tables) { return fast }
      return c.civil(d)?.anniversary(years: years).dayNumber
    }
  }

  enum Min: Kernel2 {
    static let everyLane = true
    @inline(__always) static func apply(_ a: Int, _ b: Int, _ c: KernelContext) -> Int? {
      a <= b ? a : b
    }
  }

  enum Max: Kernel2 {
    static let everyLane = true
    @inline(__always) static func apply(_ a: Int, _ b: Int, _ c: KernelContext) -> Int? {
      a >= b ? a : b
    }
  }

  enum FloorTo: Kernel2 {
    static let everyLane = true
    @inline(__always) static func apply(_ a: Int, _ step: Int, _ c: KernelContext) -> Int? {
      guard let q = Operators.floorDivide(a, step) else { return nil }
      // Rounding down near Int.min can step below it: a fault, not a trap.
      let (r, o) = q.multipliedReportingOverflow(by: step)
      return o ? nil : r
    }

    static func fault(_ a: Int, _ step: Int) -> Int {
      step == 0 ? Operators.divisionByZeroCode : Operators.overflowCode
    }
  }

  enum MakeDate: Kernel3 {
    static let fault = Operators.invalidDateCode
    @inline(__always) static func apply(_ y: Int, _ m: Int, _ d: Int, _ c: KernelContext) -> Int? {
      FastDays.date(year: y, month: m, day: d, c.tables)
        ?? CivilDate(year: y, month: m, day: d)?.dayNumber
    }
  }
}
