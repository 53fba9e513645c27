import CivilCalendar

/// Ranges of days, valued `start/end` (an ISO 8601 interval).
///
/// "3월 1일부터 5일까지", "3월 1일~5일", "12월 28일부터 1월 3일까지", "다음 주 월요일부터 금요일까지".
///
/// A range stands beside its two ends, which stay `date` entities; an end written as a bare
/// day ("5일") takes the start's month, or the next month when it is smaller ("28일부터 3일").
/// Listed before `DateExtractor`, so that its reading of the end wins ("1월 3일" after
/// "12월 28일부터" is next year's).
package struct DateRangeExtractor: EntityExtractor {
  static let connectors = ["부터", "에서", "~", "-", "–"]

  private let dates = DateExtractor()

  /// Creates the extractor.
  package init() {}

  /// Finds ranges and their ends.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: the as-of date.
  /// - Returns: `date_range` entities and `date` entities for their ends.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    for first in dates.extract(text, context: context) {
      guard let start = CivilDate(iso: first.value) else { continue }
      var k = text.skippingSpaces(from: first.end)
      guard let connector = text.first(of: Self.connectors, at: k) else { continue }
      k = text.skippingSpaces(from: k + connector.count)
      let end: (date: CivilDate, end: Int)?
      if let match = dates.numeric(text, at: k, asOf: start)
        ?? dates.relative(text, at: k, asOf: context.asOf),
        var date = CivilDate(iso: match.1)
      {
        // "12월 28일부터 1월 3일까지": an end without a year before the start is next year's.
        if date < start, !text[k..<match.0].contains("년") { date = date.adding(months: 12) }
        end = (date, match.0)
      } else if let day = bareDay(text, at: k, after: start) {
        end = (day.date, day.end)
      } else if let weekday = weekday(text, at: k, after: start) {
        end = (weekday.date, weekday.end)
      } else {
        end = nil
      }
      guard let end, end.date >= start else { continue }
      // The end as a date of its own: a bare day no other extractor reads, or a month and
      // day that only the range puts in next year.
      found.append(
        Entity(
          kind: .date, text: text.text(k..<end.end), start: k, end: end.end,
          value: end.date.description))
      found.append(
        Entity(
          kind: .dateRange, text: text.text(first.start..<end.end), start: first.start,
          end: end.end, value: "\(start)/\(end.date)"))
    }
    return found
  }

  /// "5일" right after a connector: that day in the start's month, or the next month.
  private func bareDay(_ text: [Character], at k: Int, after start: CivilDate) -> (
    date: CivilDate, end: Int
  )? {
    guard let d = dates.digits(text, at: k, maxLength: 2), text.has("일", at: d.end) else {
      return nil
    }
    let after = text.skippingSpaces(from: d.end + 1)
    if text.first(of: ["후", "뒤", "전", "간", "동안"], at: after) != nil { return nil }
    var month = CivilDate(year: start.year, month: start.month, day: 1) ?? start
    if d.value < start.day { month = month.adding(months: 1) }
    guard let date = CivilDate(year: month.year, month: month.month, day: d.value) else {
      return nil
    }
    return (date, d.end + 1)
  }

  /// "금요일" right after a connector: the first such day on or after the start.
  private func weekday(_ text: [Character], at k: Int, after start: CivilDate) -> (
    date: CivilDate, end: Int
  )? {
    guard k < text.count, let weekday = DateExtractor.weekdays[text[k]] else { return nil }
    let end: Int
    if text.has("요일", at: k + 1) {
      end = k + 3
    } else if text.has("욜", at: k + 1) {
      end = k + 2
    } else {
      return nil
    }
    let shift = (weekday - DateExtractor.mondayBased(start) + 7) % 7
    return (start.adding(days: shift), end)
  }
}
