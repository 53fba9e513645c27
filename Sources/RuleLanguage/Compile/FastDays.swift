import CivilCalendar

/// The tables the day-number builtins read, built once and never freed.
///
/// Plain pointers: a kernel captures them once, where reading a global array would check its
/// lazy initialisation (`swift_once`) on every lane.
struct DayTables: @unchecked Sendable {
  /// Day numbers of 1 January for 1900…2200, where nearly every date of a batch falls.
  let januaryFirst: UnsafePointer<Int>
  /// 1 for a leap year, 0 for a common one, for the same years: read as a number, so the
  /// functions below add it instead of branching on it (a batch's dates are in random order,
  /// and a branch on leapness would be mispredicted for a quarter of them).
  let leap: UnsafePointer<Int>
  let years = 301
  /// The month (1…12) of each day of a leap year (0…365), and the day of such a year each
  /// month starts on (13 entries).
  let monthOfOrdinal: UnsafePointer<UInt8>
  let leapMonthStarts: UnsafePointer<Int>

  static let shared = DayTables()

  private init() {
    let first = UnsafeMutablePointer<Int>.allocate(capacity: 301)
    for (i, y) in (1900...2200).enumerated() {
      first[i] = CivilDate(year: y, month: 1, day: 1)?.dayNumber ?? 0
    }
    januaryFirst = UnsafePointer(first)
    let leaps = UnsafeMutablePointer<Int>.allocate(capacity: 301)
    for (i, y) in (1900...2200).enumerated() { leaps[i] = CivilDate.isLeap(y) ? 1 : 0 }
    leap = UnsafePointer(leaps)
    let starts = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366]
    let s = UnsafeMutablePointer<Int>.allocate(capacity: starts.count)
    s.initialize(from: starts, count: starts.count)
    leapMonthStarts = UnsafePointer(s)
    let months = UnsafeMutablePointer<UInt8>.allocate(capacity: 366)
    for m in 1...12 {
      for k in starts[m - 1]..<starts[m] { months[k] = UInt8(m) }
    }
    monthOfOrdinal = UnsafePointer(months)
  }
}

/// Date builtins on day numbers, for 1900…2199 (`DayTables`).
///
/// No conversion to a `CivilDate` and back, which `anniversary` inside an `iterate` paid on
/// every step. Outside the table they return nil and the caller takes the `CivilDate` path.
/// Each takes the tables as its last argument, so a kernel reads them once per batch.
enum FastDays {
  /// The year of `day` and its day of the year (0-based), from the table.
  @inline(__always) static func split(_ day: Int, _ t: DayTables = .shared) -> (
    year: Int, dayOfYear: Int
  )? {
    guard let (i, doy) = yearIndex(day, t) else { return nil }
    return (1900 + i, doy)
  }

  /// The index of `day`'s year in the tables and its day of the year (0-based).
  @inline(__always) static func yearIndex(_ day: Int, _ t: DayTables) -> (Int, Int)? {
    let table = t.januaryFirst
    guard day >= table[0], day < table[t.years - 1] else { return nil }
    // 1901…2099 have a leap year every four years: the year is exact arithmetic there.
    // Elsewhere an estimate, off by one only within a day or two of 1 January (a branch
    // that `date(r, 1, 1)` inside an `iterate` would mispredict half the time in 1901…2099).
    let d = day &- table[1]
    if d >= 0, day < table[200] {
      let i = 1 &+ (4 &* d &+ 3) / 1461
      return (i, day &- table[i])
    }
    var i = min(max((day &- table[0]) &* 400 / 146_097, 0), t.years &- 2)
    if table[i] > day { i &-= 1 } else if table[i &+ 1] <= day { i &+= 1 }
    return (i, day &- table[i])
  }

  /// The day of the year as if the year were leap, so that (month, day) order is integer
  /// order across years: 29 Feb is 59 and 1 Mar is 60 in every year.
  @inline(__always) static func leapOrdinal(_ dayOfYear: Int, leap: Int) -> Int {
    dayOfYear &+ ((leap ^ 1) & above(dayOfYear, 58))
  }

  /// 1 when `x > bound`, else 0, from a sign bit: written as a comparison, the compiler
  /// turns `comparison & table load` back into a branch around the load.
  @inline(__always) static func above(_ x: Int, _ bound: Int) -> Int {
    Int(bitPattern: UInt(bitPattern: bound &- x) >> 63)
  }

  /// `CivilDate.anniversary(years:)`: 29 Feb falls on 1 Mar in common years.
  @inline(__always) static func anniversary(_ day: Int, years: Int, _ t: DayTables = .shared)
    -> Int?
  {
    guard let (i, doy) = yearIndex(day, t), years.magnitude < t.years else { return nil }
    let target = i &+ years
    guard target >= 0, target < t.years else { return nil }
    let k = leapOrdinal(doy, leap: t.leap[i])
    // 29 Feb (and, in a common target year, every later day) moves back one ordinal.
    let inTarget = k &- ((t.leap[target] ^ 1) & above(k, 59))
    return t.januaryFirst[target] &+ inTarget
  }

  /// The days of `month` in `year`, and the day of the year it starts on (0-based).
  @inline(__always) static func month(_ month: Int, of year: Int, _ t: DayTables) -> (
    start: Int, length: Int
  ) {
    let common =
      year >= 1900 && year - 1900 < t.years
      ? t.leap[year - 1900] ^ 1
      : (CivilDate.isLeap(year) ? 0 : 1)
    let (s, e) = (t.leapMonthStarts[month &- 1], t.leapMonthStarts[month])
    // A common year: February loses its 29th, and later months start a day earlier.
    return (s &- (common & above(month, 2)), e &- s &- (common & (month == 2 ? 1 : 0)))
  }

  /// `CivilDate(year:month:day:)?.dayNumber`; nil outside the table or for a date that does
  /// not exist (the caller then takes the `CivilDate` path, which says so).
  @inline(__always) static func date(
    year: Int, month m: Int, day: Int, _ t: DayTables = .shared
  ) -> Int? {
    guard year >= 1900, year - 1900 < t.years - 1, m >= 1, m <= 12, day >= 1 else { return nil }
    let (start, length) = month(m, of: year, t)
    guard day <= length else { return nil }
    return t.januaryFirst[year - 1900] + start + day - 1
  }

  /// Year, month and day of the month of `day`, from the table.
  @inline(__always) static func parts(_ day: Int, _ t: DayTables = .shared) -> (
    year: Int, month: Int, day: Int
  )? {
    guard let (i, doy) = yearIndex(day, t) else { return nil }
    let k = leapOrdinal(doy, leap: t.leap[i])
    let m = Int(t.monthOfOrdinal[k])
    return (1900 &+ i, m, k &- t.leapMonthStarts[m &- 1] &+ 1)
  }

  /// `CivilDate.adding(months:)`: the same day of the month, or the month's last day.
  @inline(__always) static func adding(months: Int, to day: Int, _ t: DayTables = .shared)
    -> Int?
  {
    guard let (y, m, d) = parts(day, t), months.magnitude < 1_000_000 else { return nil }
    let index = y * 12 + (m - 1) + months
    guard index >= 1900 * 12 else { return nil }
    let (ny, nm) = (index / 12, index % 12 + 1)
    return date(year: ny, month: nm, day: min(d, month(nm, of: ny, t).length), t)
  }

  /// The first and last day numbers of the month of `day`, from the table.
  @inline(__always) static func month(of day: Int, _ t: DayTables = .shared) -> (
    first: Int, last: Int
  )? {
    guard let (y, m, d) = parts(day, t) else { return nil }
    let first = day - d + 1
    return (first, first + month(m, of: y, t).length - 1)
  }

  /// `CivilDate.age(on:)`: completed years, the birthday reached on its (month, day).
  @inline(__always) static func age(_ birth: Int, on day: Int, _ t: DayTables = .shared) -> Int? {
    guard let (b, bd) = yearIndex(birth, t), let (o, od) = yearIndex(day, t) else { return nil }
    let early = leapOrdinal(od, leap: t.leap[o]) < leapOrdinal(bd, leap: t.leap[b]) ? 1 : 0
    return o &- b &- early
  }
}
