/// Renders diagnostics in the one form editors already parse.
///
/// For example:
///
/// ```
/// Rules/health/checkup.rule:12:39: error: expected a date after 'since', found '1995년' [R0107]
///    12 | param checkup_min_age: int = 20 since 1995년
///       |                                       ^~~~~~
/// note: dates are written YYYY-MM-DD
/// ```
public struct DiagnosticRenderer: Sendable {
  /// Source lines by path, used to quote the offending line; a path without source is
  /// rendered without the quote.
  private let sources: [String: [Substring]]

  public init(sources: [String: String] = [:]) {
    self.sources = sources.mapValues { $0.split(separator: "\n", omittingEmptySubsequences: false) }
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  public func render(_ d: Diagnostic) -> String {
    let code = d.code.isEmpty ? "" : " [\(d.code)]"
    var out = "\(d.span.path):\(d.span.start.line):\(d.span.start.column): "
    out += "\(d.severity.rawValue): \(d.message)\(code)\n"
    if let lines = sources[d.span.path], d.span.start.line >= 1, d.span.start.line <= lines.count {
      out += quote(line: lines[d.span.start.line - 1], span: d.span)
    }
    for note in d.notes { out += "note: \(note)\n" }
    return out
  }

  private func quote(line rawLine: Substring, span: SourceSpan) -> String {
    let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
    let number = String(span.start.line)
    let gutter = String(repeating: " ", count: max(number.count, 4) - number.count)
    let characters = Array(line)
    let startIndex = min(max(span.start.column - 1, 0), characters.count)
    // Keep tabs as tabs so the caret lines up under whatever tab width the terminal uses.
    var pad = ""
    for c in characters[..<startIndex] {
      pad += c == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(c))
    }
    let endColumn =
      span.end.line == span.start.line ? span.end.column : characters.count + 1
    let endIndex = min(max(endColumn - 1, startIndex + 1), max(characters.count, startIndex + 1))
    var underline = "^"
    if endIndex > startIndex {
      let covered = characters[startIndex..<min(endIndex, characters.count)]
      let width = DisplayWidth.of(String(covered))
      if width > 1 { underline += String(repeating: "~", count: width - 1) }
    }
    let blank = String(repeating: " ", count: max(number.count, 4))
    return "\(gutter)\(number) | \(line)\n\(blank) | \(pad)\(underline)\n"
  }
}
