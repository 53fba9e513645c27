import Diagnostics
import Foundation
import Hangul

/// Reads `label<TAB>text` files (Corpus/nlu/test.tsv and the public sets), and Rasa NLU YAML
/// (`.yml`, `.yaml`) and Rasa 2 Markdown (`.md`) as the same rows.
package enum LabeledData {
  /// Parses TSV text; lines without a tab, or with an empty label or text, are reported.
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the path for diagnostics.
  /// - Returns: the rows and diagnostics.
  package static func parse(_ text: String, path: String) -> (
    rows: [LabeledText], diagnostics: [Diagnostic]
  ) {
    var rows: [LabeledText] = []
    var diagnostics: [Diagnostic] = []
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let body = line.hasSuffix("\r") ? line.dropLast() : line
      if body.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      guard let tab = body.firstIndex(of: "\t") else {
        let span = SourceSpan(path: path, line: number, column: 1, length: body.count)
        diagnostics.append(.error("D0001", at: span, "expected 'label<TAB>text', found no tab"))
        continue
      }
      let label = String(body[..<tab])
      let utterance = String(body[body.index(after: tab)...])
      guard !label.isEmpty, !utterance.isEmpty else {
        let span = SourceSpan(path: path, line: number, column: 1, length: body.count)
        diagnostics.append(
          .error("D0002", at: span, "expected a label and a text, found an empty one"))
        continue
      }
      rows.append(LabeledText(label: label, text: utterance))
    }
    return (rows, diagnostics)
  }

  /// Reads and parses a TSV file, or Rasa NLU data when the name ends in `.yml`, `.yaml`
  /// (YAML 3.x) or `.md` (Rasa 2 Markdown); an unreadable file is one diagnostic.
  ///
  /// - Parameter path: the file as the user gave it.
  /// - Returns: the rows and diagnostics.
  package static func read(path: String) -> (rows: [LabeledText], diagnostics: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      let span = SourceSpan(path: path, line: 1, column: 1)
      return ([], [.error("D0003", at: span, "cannot read file")])
    }
    let text = DecodedText(utf8: data).text.precomposedStringWithCanonicalMapping
    let rasa: (examples: [RasaExample], diagnostics: [Diagnostic])
    if RasaNLUReader.isYAML(path) {
      rasa = RasaNLUReader.parse(text, path: path)
    } else if path.hasSuffix(".md") {
      rasa = RasaMarkdownReader.parse(text, path: path)
    } else {
      return parse(text, path: path)
    }
    return (rasa.examples.map { LabeledText(label: $0.intent, text: $0.text) }, rasa.diagnostics)
  }
}
