import Diagnostics
import Foundation
import Hangul

/// Words citizens use for a service that its title does not say (독감 for 인플루엔자), from
/// `Intents/aliases.txt`: policy staff add them without a rebuild.
package struct WordAliases: Sendable {
  let pairs: [(word: String, title: String)]

  /// The text with the title word added after each alias it contains, so that the topic focus
  /// finds the rule ("독감 주사 맞아야 돼?" → "… 인플루엔자").
  func expanded(_ text: String) -> String {
    let joined = text.unspaced
    let added = pairs.filter { joined.contains($0.word) }.map(\.title)
    return added.isEmpty ? text : text + " " + added.joined(separator: " ")
  }

  /// Reads `aliases.txt`; a missing file is no alias, a malformed line a located error.
  package static func load(path: String) -> (WordAliases, [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      return (WordAliases(pairs: []), [])
    }
    var pairs: [(String, String)] = []
    var problems: [Diagnostic] = []
    for (index, raw) in DecodedText(utf8: data).text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let sides = line.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
      guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
        let span = SourceSpan(path: path, line: index + 1, column: 1, length: raw.count)
        problems.append(Diagnostic(.error, at: span, "expected 'word = title word'"))
        continue
      }
      pairs.append((sides[0].unspaced, sides[1]))
    }
    return (WordAliases(pairs: pairs), problems)
  }
}
