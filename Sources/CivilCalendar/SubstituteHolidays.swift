/// Computes 대체공휴일 for one year (관공서의 공휴일에 관한 규정 §3).
///
/// A date earns one substitute when a holiday on it qualifies: a 설날/추석 day that is a Sunday or
/// also another holiday, or a weekend-rule holiday (어린이날 since 2014; 삼일절, 광복절, 개천절,
/// 한글날 since 2021.8; 부처님오신날, 기독탄신일 since 2023.5; 제헌절, 노동절 since 2026) that is a
/// Saturday, a Sunday or also another holiday. The substitute is the first later day that is not a
/// Saturday, a Sunday, a holiday or an earlier substitute. Two holidays sharing a date still earn
/// one day (2025-05-06), named for both; a 설날/추석 day names only the block (2028-10-05).
enum SubstituteHolidays {
  /// The substitutes for `entries` (one year's statutory holidays) given the one-offs of the year.
  ///
  /// - Parameters:
  ///   - entries: The statutory holidays with their substitution rules.
  ///   - oneOffs: Election days and 임시공휴일 of the same year; they count as other holidays.
  /// - Returns: Substitute holidays in date order.
  static func substitutes(
    for entries: [StatutoryHolidays.Entry], oneOffs: [Holiday]
  ) -> [Holiday] {
    var taken = Set(entries.map(\.holiday.date.dayNumber))
    for holiday in oneOffs { taken.insert(holiday.date.dayNumber) }
    var countOnDay: [Int: Int] = [:]
    for day in entries.map(\.holiday.date.dayNumber) + oneOffs.map(\.date.dayNumber) {
      countOnDay[day, default: 0] += 1
    }

    var byDay: [Int: [StatutoryHolidays.Entry]] = [:]
    for entry in entries where entry.substitution != .none {
      byDay[entry.holiday.date.dayNumber, default: []].append(entry)
    }
    var out: [Holiday] = []
    for day in byDay.keys.sorted() {
      guard let group = byDay[day], let first = group.first else { continue }
      let date = first.holiday.date
      let overlaps = (countOnDay[day] ?? 0) > 1
      var names: [String] = []
      if let block = group.lazy.compactMap(\.blockName).first {
        // Another day of the same block is not "another holiday"; only the date's own count is.
        if date.weekday == .sunday || overlaps { names = [block] }
      } else if date.weekday.isWeekend || overlaps {
        names = group.map(\.holiday.name)
      }
      guard !names.isEmpty else { continue }
      var substitute = date.adding(days: 1)
      while substitute.weekday.isWeekend || taken.contains(substitute.dayNumber) {
        substitute = substitute.adding(days: 1)
      }
      taken.insert(substitute.dayNumber)
      for name in names {
        out.append(Holiday(date: substitute, name: "\(name) 대체공휴일", kind: .substitute))
      }
    }
    return out
  }
}

extension StatutoryHolidays.Entry {
  fileprivate var blockName: String? {
    if case .sundayOrOverlap(let block) = substitution { return block }
    return nil
  }
}
