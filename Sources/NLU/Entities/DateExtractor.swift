import CivilCalendar

/// Dates, absolute and relative: 2026-03-15, 2026년 3월 15일, 3월 15일, 3.15, 3월 말, 오늘,
/// 내일, 모레, 다음 주 화요일, 이번 달 말, 3일 후 … Relative ones are resolved against the
/// injected as-of date, never the clock.
///
/// Values are `YYYY-MM-DD`, or `YYYY-MM` for a whole month ("다음 달"), `YYYY` for a year.
package struct DateExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds dates.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: the as-of date.
  /// - Returns: candidate dates.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    var i = 0
    while i < text.count {
      let match =
        numeric(text, at: i, asOf: context.asOf) ?? spoken(text, at: i, asOf: context.asOf)
        ?? relative(text, at: i, asOf: context.asOf)
      if let (end, value) = match {
        found.append(
          Entity(kind: .date, text: text.text(i..<end), start: i, end: end, value: value))
        i = end
      } else {
        i += 1
      }
    }
    return found
  }

  /// Digits at `i`: up to `maxLength` of them, not preceded or followed by another digit.
  func digits(_ text: [Character], at i: Int, maxLength: Int) -> (value: Int, end: Int)? {
    guard i < text.count, text[i].isASCII, text[i].isNumber else { return nil }
    var j = i
    var value = 0
    while j < text.count, text[j].isASCII, let d = text[j].wholeNumberValue {
      value = value * 10 + d
      j += 1
      if j - i > maxLength { return nil }
    }
    return (value, j)
  }

  func numeric(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    if let match = compact(text, at: i, asOf: asOf) { return match }
    guard i == 0 || !(text[i - 1].isASCII && text[i - 1].isNumber),
      let first = digits(text, at: i, maxLength: 4)
    else { return nil }
    var year = asOf.year
    var monthStart = i
    if let match = separated(text, at: i, asOf: asOf) { return match }
    // A four-digit number before a separator that is no date is no month either.
    if first.end - i == 4, first.end < text.count, "-./".contains(text[first.end]) { return nil }
    // 2026년 (3월 (15일)?)?
    if first.end - i == 4, text.has("년", at: first.end) {
      if text.has("년생", at: first.end) || text.has("년식", at: first.end) { return nil }
      year = first.value
      let next = text.skippingSpaces(from: first.end + 1)
      if let (end, value) = monthDay(text, at: next, year: year) { return (end, value) }
      return (first.end + 1, String(year))
    }
    // 90년 5월 1일: a two-digit year only with a month after it ("3년 전" is a duration); a
    // year ahead of this one is read in the 1900s, as people write their birth dates.
    if first.end - i == 2, text.has("년", at: first.end), !text.has("년생", at: first.end),
      !text.has("년식", at: first.end)
    {
      let next = text.skippingSpaces(from: first.end + 1)
      if let (end, value) = monthDay(text, at: next, year: Self.fullYear(first.value, asOf: asOf)) {
        return (end, value)
      }
    }
    // 3.15 or 3/15 (this year), not the tail of "1.2.3.4"
    if first.end - i <= 2, first.end < text.count, text[first.end] == "." || text[first.end] == "/",
      i == 0 || !".-/".contains(text[i - 1]),
      let d = digits(text, at: first.end + 1, maxLength: 2),
      d.end == text.count || !(text[d.end].isNumber || ".%".contains(text[d.end])),
      let date = CivilDate(year: year, month: first.value, day: d.value)
    {
      return (d.end, date.description)
    }
    monthStart = i
    return monthDay(text, at: monthStart, year: year) ?? offset(text, at: i, asOf: asOf)
  }

  /// "3월 15일", "3월 말", "3월" in `year`.
  private func monthDay(_ text: [Character], at i: Int, year: Int) -> (Int, String)? {
    guard let m = digits(text, at: i, maxLength: 2), text.has("월", at: m.end),
      (1...12).contains(m.value), let monthStart = CivilDate(year: year, month: m.value, day: 1)
    else { return nil }
    let after = text.skippingSpaces(from: m.end + 1)
    if let d = digits(text, at: after, maxLength: 2), text.has("일", at: d.end),
      let date = CivilDate(year: year, month: m.value, day: d.value)
    {
      return (d.end + 1, date.description)
    }
    if text.has("말", at: after) {
      // "3월 말일": the last day too.
      let end = text.has("말일", at: after) ? after + 2 : after + 1
      return (end, monthStart.endOfMonth.description)
    }
    if text.has("초", at: after) { return (after + 1, monthStart.description) }
    let month = m.value < 10 ? "0\(m.value)" : "\(m.value)"
    return (m.end + 1, "\(year)-\(month)")
  }

  /// "3일 후", "2주 뒤", "한 달 전", "6개월 후".
  func offset(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    var count: Int
    var k: Int
    if let d = digits(text, at: i, maxLength: 3) {
      (count, k) = (d.value, d.end)
    } else if text.isWordStart(i), text.has("일주일", at: i) {
      // "일주일 뒤": one week, the unit inside the word.
      let direction = text.skippingSpaces(from: i + 3)
      guard let word = text.first(of: ["후", "뒤", "전"], at: direction) else { return nil }
      return (direction + 1, asOf.adding(days: word == "전" ? -7 : 7).description)
    } else if text.isWordStart(i), let word = text.first(of: Self.nativeCounts.map(\.0), at: i),
      let value = Self.nativeCounts.first(where: { $0.0 == word })?.1
    {
      (count, k) = (value, i + word.count)
    } else {
      return nil
    }
    k = text.skippingSpaces(from: k)
    guard let unit = text.first(of: ["개월", "일", "주", "달", "년"], at: k) else { return nil }
    let afterUnit = text.skippingSpaces(from: k + unit.count)
    guard let direction = text.first(of: ["후", "뒤", "전"], at: afterUnit) else { return nil }
    if direction == "전" { count = -count }
    let date: CivilDate
    switch unit {
    case "일": date = asOf.adding(days: count)
    case "주": date = asOf.adding(days: 7 * count)
    case "년": date = asOf.adding(months: 12 * count)
    default: date = asOf.adding(months: count)
    }
    return (afterUnit + 1, date.description)
  }

  static let nativeCounts: [(String, Int)] = [
    ("한", 1), ("두", 2), ("세", 3), ("네", 4), ("다섯", 5), ("여섯", 6), ("열", 10),
  ]
}
