import Diagnostics
import Foundation
import Hangul

/// Reads Rasa 2 Markdown NLU data.
///
/// `## intent:NAME` headings are followed by `- example` lines (with the same inline
/// annotations as YAML); `## synonym:`, `## regex:` and `## lookup:` sections are read past.
/// Problems are reported with file, line and column.
package enum RasaMarkdownReader {
  /// Parses a Rasa Markdown NLU file.
  ///
  /// - Parameters:
  ///   - source: the file's contents, NFC.
  ///   - path: the path for diagnostics.
  /// - Returns: the intent examples in file order and the diagnostics.
  package static func parse(_ source: String, path: String) -> (
    examples: [RasaExample], diagnostics: [Diagnostic]
  ) {
    var examples: [RasaExample] = []
    var diagnostics: [Diagnostic] = []
    var intent: String?
    var inSection = false
    for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let number = index + 1
      let line = Array(raw.hasSuffix("\r") ? raw.dropLast() : raw)
      let indent = line.prefix { $0 == " " || $0 == "\t" }.count
      let body = Array(line[indent...])
      func error(_ code: String, _ column: Int, _ text: String) {
        diagnostics.append(
          .error(code, at: SourceSpan(path: path, line: number, column: column), text))
      }
      guard !body.isEmpty, !String(body).hasPrefix("<!--") else { continue }
      if String(body).hasPrefix("## ") {
        let heading = String(body.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        guard let colon = heading.firstIndex(of: ":") else {
          error("Y0005", indent + 4, "expected '## intent:NAME' (or synonym, regex, lookup)")
          (intent, inSection) = (nil, false)
          continue
        }
        let kind = String(heading[..<colon])
        let name = String(heading[heading.index(after: colon)...])
        if kind == "intent" {
          if name.isEmpty { error("Y0006", indent + 4, "an intent needs a name") }
          (intent, inSection) = (name.isEmpty ? nil : name, true)
        } else if RasaNLUReader.toleratedItems.contains(kind) {
          (intent, inSection) = (nil, true)
        } else {
          error("Y0005", indent + 4, "expected '## intent:NAME' (or synonym, regex, lookup)")
          (intent, inSection) = (nil, false)
        }
        continue
      }
      guard body.first == "-" || body.first == "*" || body.first == "+", body.count > 2,
        body[1] == " "
      else {
        error("Y0004", indent + 1, "expected '- example' under a '## intent:' heading")
        continue
      }
      guard inSection else {
        error("Y0005", indent + 1, "an example before any '## intent:NAME' heading")
        continue
      }
      guard let intent else { continue }
      var text = Array(body[2...])
      while text.last == " " { text.removeLast() }
      switch RasaAnnotations.parse(text) {
      case .success(let parsed):
        examples.append(
          RasaExample(intent: intent, text: parsed.text, entities: parsed.entities, line: number))
      case .failure(let problem):
        error("Y0008", indent + 3 + problem.column, problem.message)
      }
    }
    if examples.isEmpty, diagnostics.isEmpty {
      diagnostics.append(
        .error(
          "Y0007", at: SourceSpan(path: path, line: 1, column: 1),
          "no '## intent:' section: not Rasa NLU training data"))
    }
    return (examples, diagnostics)
  }
}
