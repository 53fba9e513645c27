import Diagnostics
import Foundation
import Hangul

extension FAQIndex {
  /// Reads every `.faq` file under `directory`.
  ///
  /// Entries separated by blank lines, each with
  /// `q:` lines, one `a:` line and an optional `source:` line. A missing folder is an empty
  /// knowledge base, not an error.
  static func load(directory: String) -> (FAQIndex, [Diagnostic]) {
    let fm = FileManager.default
    let names = (fm.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
    var entries: [FAQEntry] = []
    var problems: [Diagnostic] = []
    for name in names.sorted() where name.hasSuffix(".faq") {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let data = fm.contents(atPath: path) else { continue }
      let decoded = DecodedText(utf8: data)
      let (fileEntries, fileProblems) = parse(decoded.text, path: path)
      entries += fileEntries
      problems += fileProblems
    }
    return (FAQIndex(entries: entries), problems)
  }

  static func parse(_ text: String, path: String) -> ([FAQEntry], [Diagnostic]) {
    var entries: [FAQEntry] = []
    var problems: [Diagnostic] = []
    var questions: [String] = []
    var answer: String?
    var source: String?
    var start: SourceSpan?

    func finish() {
      defer {
        questions = []
        answer = nil
        source = nil
        start = nil
      }
      guard let span = start else { return }
      guard let answer else {
        problems.append(.error("F0002", at: span, "an entry needs an 'a:' line with its answer"))
        return
      }
      guard !questions.isEmpty else {
        problems.append(.error("F0003", at: span, "an entry needs at least one 'q:' line"))
        return
      }
      entries.append(FAQEntry(questions: questions, answer: answer, source: source, span: span))
    }

    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = TextNormalizer.normalize(String(raw))
      let span = SourceSpan(path: path, line: index + 1, column: 1, length: max(line.count, 1))
      if line.isEmpty {
        finish()
        continue
      }
      if line.hasPrefix("#") { continue }
      if start == nil { start = span }
      if let rest = value(line, "q:") {
        questions.append(rest)
      } else if let rest = value(line, "a:") {
        if answer != nil {
          problems.append(.error("F0004", at: span, "an entry has one 'a:' line; this is a second"))
        }
        answer = rest
      } else if let rest = value(line, "source:") {
        source = rest
      } else {
        problems.append(
          .error(
            "F0001", at: span, "expected 'q:', 'a:' or 'source:', found '\(line.prefix(20))'",
            notes: ["separate entries with a blank line"]))
      }
    }
    finish()
    return (entries, problems)
  }

  private static func value(_ line: String, _ key: String) -> String? {
    guard line.hasPrefix(key) else { return nil }
    let rest = line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
    return rest.isEmpty ? nil : rest
  }
}
