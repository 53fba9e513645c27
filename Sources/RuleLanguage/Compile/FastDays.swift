import CivilCalendar

/// Date builtins on day numbers, for 1900…2199 (`FastCompiler.januaryFirst`).
///
/// No conversion to a `CivilDate` and back, which `anniversary` inside an `iterate` paid on
/// every step. Outside the table they return nil and the caller takes the `CivilDate` path.
enum FastDays {
  /// The year of `day` and its day of the year (0-based), from the table.
  @inline(__always) static func split(_ day: Int) -> (year: Int, dayOfYear: Int)? {
    let table = FastCompiler.januaryFirst
    guard day >= table[0], day < table[table.count - 1] else { return nil }
    var i = min(max((day - table[0]) * 400 / 146_097, 0), table.count - 2)
    if table[i] > day { i -= 1 } else if table[i + 1] <= day { i += 1 }
    return (1900 + i, day - table[i])
  }

  /// The day of the year as if the year were leap, so that (month, day) order is integer
  /// order across years: 29 Feb is 59 and 1 Mar is 60 in every year.
  @inline(__always) static func leapOrdinal(_ dayOfYear: Int, year: Int) -> Int {
    !CivilDate.isLeap(year) && dayOfYear >= 59 ? dayOfYear + 1 : dayOfYear
  }

  /// `CivilDate.anniversary(years:)`: 29 Feb falls on 1 Mar in common years.
  static func anniversary(_ day: Int, years: Int) -> Int? {
    guard let (y, doy) = split(day) else { return nil }
    let target = y + years
    let table = FastCompiler.januaryFirst
    guard target >= 1900, target - 1900 < table.count else { return nil }
    let k = leapOrdinal(doy, year: y)
    let inTarget = CivilDate.isLeap(target) || k <= 59 ? k : k - 1
    return table[target - 1900] + inTarget
  }

  /// Days before the first of each month in a common year.
  static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

  /// `CivilDate(year:month:day:)?.dayNumber`; nil outside the table or for a date that does
  /// not exist (the caller then takes the `CivilDate` path, which says so).
  @inline(__always) static func date(year: Int, month: Int, day: Int) -> Int? {
    let table = FastCompiler.januaryFirst
    guard year >= 1900, year - 1900 < table.count - 1, month >= 1, month <= 12, day >= 1 else {
      return nil
    }
    let leap = CivilDate.isLeap(year) && month > 2 ? 1 : 0
    let length =
      monthStarts[month] - monthStarts[month - 1] + (CivilDate.isLeap(year) && month == 2 ? 1 : 0)
    guard day <= length else { return nil }
    return table[year - 1900] + monthStarts[month - 1] + leap + day - 1
  }

  /// Year, month and day of the month of `day`, from the table.
  @inline(__always) static func parts(_ day: Int) -> (year: Int, month: Int, day: Int)? {
    guard let (y, doy) = split(day) else { return nil }
    let leap = CivilDate.isLeap(y)
    var m = 1
    while m < 12 && monthStarts[m] + (leap && m >= 2 ? 1 : 0) <= doy { m += 1 }
    return (y, m, doy - monthStarts[m - 1] - (leap && m > 2 ? 1 : 0) + 1)
  }

  /// `CivilDate.adding(months:)`: the same day of the month, or the month's last day.
  static func adding(months: Int, to day: Int) -> Int? {
    guard let (y, m, d) = parts(day), abs(months) < 1_000_000 else { return nil }
    let index = y * 12 + (m - 1) + months
    guard index >= 1900 * 12 else { return nil }
    let (ny, nm) = (index / 12, index % 12 + 1)
    let length = monthStarts[nm] - monthStarts[nm - 1] + (CivilDate.isLeap(ny) && nm == 2 ? 1 : 0)
    return date(year: ny, month: nm, day: min(d, length))
  }

  /// The first and last day numbers of the month of `day`, from the table.
  @inline(__always) static func month(of day: Int) -> (first: Int, last: Int)? {
    guard let (y, doy) = split(day) else { return nil }
    let leap = CivilDate.isLeap(y)
    var m = 1
    while m < 12 && monthStarts[m] + (leap && m >= 2 ? 1 : 0) <= doy { m += 1 }
    let start = monthStarts[m - 1] + (leap && m > 2 ? 1 : 0)
    let end = monthStarts[m] + (leap && m >= 2 ? 1 : 0)
    return (day - doy + start, day - doy + end - 1)
  }

  /// `CivilDate.age(on:)`: completed years, the birthday reached on its (month, day).
  static func age(_ birth: Int, on day: Int) -> Int? {
    guard let (by, bd) = split(birth), let (oy, od) = split(day) else { return nil }
    let reached = leapOrdinal(od, year: oy) >= leapOrdinal(bd, year: by)
    return oy - by - (reached ? 0 : 1)
  }
}
