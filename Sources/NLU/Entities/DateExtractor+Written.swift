import CivilCalendar

extension DateExtractor {
  /// What may not follow six or eight digits read as a date: then they count something.
  static let compactBreakers: [String] = [
    "원", "명", "개", "번", "점", "cc", "CC", "씨씨", "%", "만", "천", "억", "년", "달", "주", "일",
    "세", "살", "km", "kg", "m", "g",
  ]

  /// A two-digit year as people write their birth dates: one ahead of this year's is in the
  /// 1900s ("90" → 1990), otherwise in the 2000s ("05" → 2005).
  static func fullYear(_ twoDigits: Int, asOf: CivilDate) -> Int {
    twoDigits > asOf.year % 100 ? 1900 + twoDigits : 2000 + twoDigits
  }

  /// Dates written with separators, year first as Koreans write them.
  ///
  /// 2026-03-15, 2026.3.15, 2026. 3. 15., 90.5.3, 03/05/21, 90-05-03. A closing '.' belongs
  /// to the date.
  func separated(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard let first = digits(text, at: i, maxLength: 4), first.end - i == 4 || first.end - i == 2,
      first.end < text.count, "-./".contains(text[first.end])
    else { return nil }
    let separator = text[first.end]
    // "2026. 3. 15.": the official style puts a space after each dot.
    func next(after end: Int) -> Int {
      separator == "." ? text.skippingSpaces(from: end + 1) : end + 1
    }
    guard let m = digits(text, at: next(after: first.end), maxLength: 2), m.end < text.count,
      text[m.end] == separator, let d = digits(text, at: next(after: m.end), maxLength: 2)
    else { return nil }
    let year = first.end - i == 4 ? first.value : Self.fullYear(first.value, asOf: asOf)
    guard let date = CivilDate(year: year, month: m.value, day: d.value) else { return nil }
    // A fourth number ("1.2.3.4", a version or an address) makes it no date.
    if d.end < text.count, text[d.end] == separator, d.end + 1 < text.count,
      text[d.end + 1].isASCII, text[d.end + 1].isNumber
    {
      return nil
    }
    let end = separator == "." && d.end < text.count && text[d.end] == "." ? d.end + 1 : d.end
    return (end, date.description)
  }

  /// YYMMDD or YYYYMMDD standing alone ("900503", "19900503"): a date when month and day are
  /// valid and no counter follows ("150000원" is money).
  func compact(_ text: [Character], at i: Int, asOf: CivilDate) -> (Int, String)? {
    guard i == 0 || !(text[i - 1].isASCII && (text[i - 1].isNumber || text[i - 1].isLetter))
    else { return nil }
    var end = i
    while end < text.count, text[end].isASCII, text[end].isNumber { end += 1 }
    guard end - i == 6 || end - i == 8 else { return nil }
    let after = text.skippingSpaces(from: end)
    if text.first(of: Self.compactBreakers, at: after) != nil { return nil }
    if end < text.count, ",.".contains(text[end]), end + 1 < text.count, text[end + 1].isNumber {
      return nil
    }
    let value = text[i..<end].reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) }
    let year =
      end - i == 8 ? value / 10_000 : Self.fullYear(value / 10_000, asOf: asOf)
    guard end - i == 6 || (1900...2100).contains(year),
      let date = CivilDate(year: year, month: value / 100 % 100, day: value % 100)
    else { return nil }
    return (end, date.description)
  }
}
