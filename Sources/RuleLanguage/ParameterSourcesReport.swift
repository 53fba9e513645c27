import CivilCalendar
import Foundation

/// `biseo check --sources`: what each value of the law rests on, and which values need a
/// person before a release (uncertain) or a yearly notice not yet encoded (stale).
public struct ParameterSourcesReport: Sendable {
  public var asOf: CivilDate
  public var parameters: [ParameterSource]

  public init(book: RuleBook, asOf: CivilDate) {
    self.asOf = asOf
    self.parameters = book.parameterSources(asOf: asOf)
  }

  public var uncertain: [ParameterSource] { parameters.filter(\.uncertain) }
  public var stale: [ParameterSource] { parameters.filter(\.stale) }

  /// The latest whole date a citation names (`2026.3.1`, `2026-03-01`), as the report reads it.
  public static func latestDate(in citation: String) -> CivilDate? {
    ParameterText.latestDate(in: citation)
  }

  /// The exit status `--strict` asks for: 1 when anything is uncertain or stale.
  public var strictStatus: Int32 { uncertain.isEmpty && stale.isEmpty ? 0 : 1 }

  /// One block per parameter, then the uncertain and stale names, then a summary line.
  public var text: String {
    var lines: [String] = []
    for p in parameters {
      let since = p.effective.map { " since \($0)" } ?? ""
      lines.append("\(p.path):\(p.line): \(p.name): \(p.type) = \(p.latestValue)\(since)")
      let dated = p.sourceDate.map { " (\($0))" } ?? ""
      lines.append("  source\(dated): \(p.source ?? "(none)")")
      lines.append(
        "  read by: \(p.readBy.isEmpty ? "(no rule)" : p.readBy.joined(separator: ", "))")
      if p.uncertain { lines.append("  uncertain") }
      if p.stale {
        let year = p.effective.map { String($0.year) } ?? "the beginning"
        lines.append("  stale: yearly, latest row from \(year), as of \(asOf.year)")
      }
    }
    lines.append("")
    lines.append(Self.list("uncertain", uncertain))
    lines.append(Self.list("stale", stale))
    lines.append(
      "\(parameters.count) parameters, \(uncertain.count) uncertain, \(stale.count) stale as of \(asOf)"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  private static func list(_ title: String, _ items: [ParameterSource]) -> String {
    "\(title) (\(items.count)):"
      + (items.isEmpty ? "" : " " + items.map(\.name).joined(separator: ", "))
  }

  /// The same as one JSON object, keys sorted, for tools.
  public var json: String {
    struct Entry: Encodable {
      var name, type, latestValue: String
      var effective, source, sourceDate: String?
      var uncertain, yearly, stale: Bool
      var readBy: [String]
      var path: String
      var line: Int
    }
    struct Report: Encodable {
      var asOf: String
      var parameters: [Entry]
      var uncertain, stale: [String]
    }
    let report = Report(
      asOf: asOf.description,
      parameters: parameters.map { p in
        Entry(
          name: p.name, type: p.type, latestValue: p.latestValue,
          effective: p.effective?.description, source: p.source,
          sourceDate: p.sourceDate?.description, uncertain: p.uncertain, yearly: p.yearly,
          stale: p.stale, readBy: p.readBy, path: p.path, line: p.line)
      },
      uncertain: uncertain.map(\.name), stale: stale.map(\.name))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
