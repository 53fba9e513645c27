import Diagnostics

/// The diagnostics of `CivilCalendar`, with stable codes `C01xx` (one-off holiday file).
enum CalendarMessages {
  static func fieldCount(_ found: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "C0101", at: span,
      "expected 3 tab-separated fields (date, name, source), found \(found)",
      notes: ["fields are separated by one TAB character, not spaces"])
  }

  static func badDate(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "C0102", at: span, "expected a date, found '\(text)'",
      notes: ["dates are written YYYY-MM-DD and must exist"])
  }

  static func missingName(at span: SourceSpan) -> Diagnostic {
    .error("C0103", at: span, "expected a holiday name after the date")
  }

  static func missingSource(at span: SourceSpan) -> Diagnostic {
    .error(
      "C0104", at: span, "expected a source after the name",
      notes: ["say where the day was declared, e.g. '공직선거법 §34' or '국무회의 의결'"])
  }

  static func outsideCoveredYears(_ date: CivilDate, at span: SourceSpan) -> Diagnostic {
    let years = HolidayCalendar.coveredYears
    return .error(
      "C0105", at: span,
      "expected a date in \(years.lowerBound)–\(years.upperBound), found '\(date)'")
  }

  static func duplicate(_ date: CivilDate, firstLine: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "C0106", at: span, "duplicate one-off holiday on '\(date)'",
      notes: ["first listed on line \(firstLine)"])
  }

  static func outOfOrder(_ date: CivilDate, after previous: CivilDate, at span: SourceSpan)
    -> Diagnostic
  {
    Diagnostic(
      .warning, code: "C0107", at: span, "'\(date)' is listed after '\(previous)'",
      notes: ["keep the file in date order"])
  }
}
