import Foundation
import RuleLanguage

/// The Korean memo under `biseo diff`'s table, worded by a data file
/// (`Corpus/reports/diff.txt`) so a ministry can change its phrasing without a rebuild.
struct DiffMemo {
  var templates: [String: String]

  static let keys = [
    "header", "nothing", "unchanged", "eligibility", "money", "number", "other", "page",
    "everyone", "better", "worse",
  ]

  /// Reads `key: template` lines; `#` starts a comment.
  static func load(_ path: String) throws -> DiffMemo {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CommandError.badInput("cannot read the memo wording '\(path)'")
    }
    var templates: [String: String] = [:]
    for (n, raw) in text.precomposedStringWithCanonicalMapping.split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":"), keys.contains(String(line[..<colon])) else {
        throw CommandError.badInput(
          "\(path):\(n + 1): expected 'key: template' with a key among \(keys.joined(separator: ", "))"
        )
      }
      templates[String(line[..<colon])] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    if let missing = keys.first(where: { templates[$0] == nil }) {
      throw CommandError.badInput("\(path): no '\(missing):' line")
    }
    return DiffMemo(templates: templates)
  }

  /// The header, then one line per rule with a change: its eligibility, then its outputs.
  func lines(for report: DiffReport) -> [String] {
    var lines = [
      fill(
        "header",
        ["asOf": report.asOf.description, "citizens": report.citizens.grouped])
    ]
    if report.isEmpty { return lines + [fill("nothing", [:])] }
    let rules = report.items.indices.filter { report.items[$0].isRule }
    for r in rules {
      let rule = report.items[r]
      // Outputs the rule names in Korean (the rest are in the table), and amounts only where
      // some amount moved (not where only unknown turned into none).
      let outputs = report.items.indices.filter {
        let (item, u) = (report.items[$0], report.totals[$0])
        return !item.isRule && item.rule == rule.name && item.label != nil
          && (item.isNumber ? u.better + u.worse > 0 : u.changed > 0)
      }
      let t = report.totals[r]
      if t == DiffReport.Tally(), outputs.isEmpty { continue }
      let title = rule.title ?? rule.name
      var parts = [
        t == DiffReport.Tally()
          ? fill("unchanged", ["title": title])
          : fill(
            "eligibility",
            [
              "title": title, "gained": t.gained.grouped,
              "lost": t.lost.grouped,
            ])
      ]
      for o in outputs {
        let item = report.items[o]
        let u = report.totals[o]
        // An amount's citizens are those whose amount moved; its mean is over them.
        let moved = item.isNumber ? u.better + u.worse : u.changed
        let values = [
          "label": item.label ?? item.name, "changed": moved.grouped,
          "difference": DiffReport.signed(u.difference),
          "mean": DiffReport.signed(moved == 0 ? 0 : u.difference / moved),
        ]
        parts.append(fill(item.isMoney ? "money" : item.isNumber ? "number" : "other", values))
      }
      lines.append(parts.joined(separator: "; "))
    }
    return lines
  }

  func fill(_ key: String, _ values: [String: String]) -> String {
    var text = templates[key] ?? ""
    for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
    return text
  }
}
