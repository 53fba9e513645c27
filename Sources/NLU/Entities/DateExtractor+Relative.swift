import CivilCalendar

extension DateExtractor {
  static let days: [(String, Int)] = [
    ("내일모레", 2), ("내일 모레", 2), ("오늘", 0), ("금일", 0), ("내일", 1), ("모레", 2),
    ("글피", 3), ("어제", -1), ("그저께", -2), ("그제", -2),
  ]
  static let weekdays: [Character: Int] = ["월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6]
  static let weekWords: [(String, Int)] = [
    ("다다음", 2), ("다음", 1), ("담", 1), ("이번", 0), ("금주", 0), ("지난", -1), ("저번", -1),
  ]
  static let yearWords: [(String, Int)] = [
    ("재재작년", -3), ("재작년", -2), ("지지난해", -2), ("내후년", 2), ("후년", 2), ("올해", 0),
    ("금년", 0), ("내년", 1), ("작년", -1), ("지난해", -1), ("올", 0),
  ]

  /// Relative dates that start with a word (오늘, 다음 주 화요일, 이번 달 말, 연말, 금요일).
  func relative(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard text.isWordStart(i) else { return nil }
    if let word = text.first(of: Self.days.map(\.0), at: i),
      let shift = Self.days.first(where: { $0.0 == word })?.1
    {
      return (i + word.count, asOf.adding(days: shift).description)
    }
    if let match = week(text, at: i, asOf: asOf) ?? month(text, at: i, asOf: asOf) {
      return match
    }
    if let match = year(text, at: i, asOf: asOf) { return match }
    if text.has("연말", at: i) || text.has("년말", at: i), !text.has("정산", at: i + 2) {
      return (i + 2, CivilDate(year: asOf.year, month: 12, day: 31)?.description ?? "")
    }
    if text.has("월말", at: i) { return (i + 2, asOf.endOfMonth.description) }
    if let (end, weekday) = weekdayName(text, at: i) {
      // The next such day, today included.
      let shift = (weekday - Self.mondayBased(asOf) + 7) % 7
      return (end, asOf.adding(days: shift).description)
    }
    return offset(text, at: i, asOf: asOf)
  }

  /// The day of the week counted from Monday = 0, as the weekday table is.
  static func mondayBased(_ date: CivilDate) -> Int { date.weekday.rawValue - 1 }

  /// "화요일", "화욜"; the end index and weekday (0 = Monday).
  private func weekdayName(_ text: [Character], at i: Int) -> (Int, Int)? {
    guard i < text.count, let weekday = Self.weekdays[text[i]] else { return nil }
    if text.has("요일", at: i + 1) { return (i + 3, weekday) }
    if text.has("욜", at: i + 1) { return (i + 2, weekday) }
    return nil
  }

  private func week(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard let word = text.first(of: Self.weekWords.map(\.0), at: i),
      let shift = Self.weekWords.first(where: { $0.0 == word })?.1
    else { return nil }
    var k = text.skippingSpaces(from: i + word.count)
    if word != "금주", !text.has("주", at: k) {
      return weekdayAfterWord(text, at: k, shift: shift, asOf: asOf)
    }
    if word != "금주" { k += 1 }
    let monday = asOf.adding(days: -Self.mondayBased(asOf) + 7 * shift)
    // "이번 주말": Saturday of that week.
    if text.has("말", at: k) { return (k + 1, monday.adding(days: 5).description) }
    let next = text.skippingSpaces(from: k)
    if let (end, weekday) = weekdayName(text, at: next) {
      return (end, monday.adding(days: weekday).description)
    }
    return (k, monday.description)
  }

  /// "지난 토요일", "이번 금요일", "다음 화요일" — a week word straight before a weekday.
  ///
  /// 지난/저번 is the latest such day before today; 이번 the next one, today included (what
  /// people mean on a Sunday by "이번 토요일"); 다음/다다음 that day of the next weeks.
  private func weekdayAfterWord(
    _ text: [Character], at k: Int, shift: Int, asOf: CivilDate
  ) -> (Int, String)? {
    guard let (end, weekday) = weekdayName(text, at: k) else { return nil }
    let today = Self.mondayBased(asOf)
    let day: CivilDate
    switch shift {
    case ..<0: day = asOf.adding(days: -((today - weekday + 6) % 7 + 1))
    case 0: day = asOf.adding(days: (weekday - today + 7) % 7)
    default: day = asOf.adding(days: -today + 7 * shift + weekday)
    }
    return (end, day.description)
  }

  private func month(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    var shift: Int
    var k: Int
    if text.has("이달", at: i) || text.has("이번달", at: i) {
      shift = 0
      k = i + (text.has("이달", at: i) ? 2 : 3)
    } else if let word = text.first(of: ["다다음", "다음", "담", "이번", "지난", "저번"], at: i) {
      shift = ["다다음": 2, "다음": 1, "담": 1, "이번": 0, "지난": -1, "저번": -1][word] ?? 0
      k = text.skippingSpaces(from: i + word.count)
      guard text.has("달", at: k) else { return nil }
      k += 1
    } else {
      return nil
    }
    let first = (CivilDate(year: asOf.year, month: asOf.month, day: 1) ?? asOf).adding(
      months: shift)
    let next = text.skippingSpaces(from: k)
    if text.has("말", at: next) {
      // "이번 달 말일": the last day too.
      let end = text.has("말일", at: next) ? next + 2 : next + 1
      return (end, first.endOfMonth.description)
    }
    if text.has("초", at: next) { return (next + 1, first.description) }
    if let d = digits(text, at: next, maxLength: 2), text.has("일", at: d.end),
      let date = CivilDate(year: first.year, month: first.month, day: d.value)
    {
      return (d.end + 1, date.description)
    }
    let month = first.month < 10 ? "0\(first.month)" : "\(first.month)"
    return (k, "\(first.year)-\(month)")
  }

  private func year(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard let word = text.first(of: Self.yearWords.map(\.0), at: i),
      let shift = Self.yearWords.first(where: { $0.0 == word })?.1
    else { return nil }
    let y = asOf.year + shift
    let next = text.skippingSpaces(from: i + word.count)
    if text.has("말", at: next) {
      return (next + 1, CivilDate(year: y, month: 12, day: 31)?.description ?? "")
    }
    if let m = digits(text, at: next, maxLength: 2), text.has("월", at: m.end) {
      let sub = DateExtractor().numeric(
        text, at: next, asOf: CivilDate(year: y, month: 1, day: 1) ?? asOf)
      if let sub { return sub }
    }
    // "올" alone is too short to stand for a year ("올라가" …); it needs 해 or a month after it.
    if word == "올" { return nil }
    return (i + word.count, String(y))
  }
}
