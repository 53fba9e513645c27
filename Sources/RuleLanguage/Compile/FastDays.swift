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

  /// `CivilDate.age(on:)`: completed years, the birthday reached on its (month, day).
  static func age(_ birth: Int, on day: Int) -> Int? {
    guard let (by, bd) = split(birth), let (oy, od) = split(day) else { return nil }
    let reached = leapOrdinal(od, year: oy) >= leapOrdinal(bd, year: by)
    return oy - by - (reached ? 0 : 1)
  }
}
