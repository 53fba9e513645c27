import Diagnostics
import Foundation
import Hangul

/// Reads Rasa NLU training data in YAML (Rasa 3.x): the `nlu:` list of `- intent:` items with
/// an `examples: |` block of `- example` lines (or a list of `- text:` entries), inline entity
/// annotations; `synonym`, `regex` and `lookup` items and the other top-level keys (`version`,
/// `rules`, `stories`, `responses` …) are read past.
///
/// Only that subset of YAML is understood, without a YAML library; anything else is reported
/// with its file, line and column, and reading goes on.
package enum RasaNLUReader {
  /// The items of `nlu:` that are not intents but are tolerated.
  static let toleratedItems: Set<String> = ["synonym", "regex", "lookup"]

  /// Parses a Rasa NLU YAML file.
  ///
  /// - Parameters:
  ///   - source: the file's contents, NFC.
  ///   - path: the path for diagnostics.
  /// - Returns: the intent examples in file order and the diagnostics.
  package static func parse(_ source: String, path: String) -> (
    examples: [RasaExample], diagnostics: [Diagnostic]
  ) {
    var reader = Reader(source: source, path: path)
    reader.read()
    return (reader.examples, reader.diagnostics)
  }

  /// Reads and parses a file; an unreadable file is one diagnostic.
  ///
  /// - Parameter path: the file as the user gave it.
  /// - Returns: the examples and diagnostics.
  package static func read(path: String) -> (examples: [RasaExample], diagnostics: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      return (
        [], [.error("D0003", at: SourceSpan(path: path, line: 1, column: 1), "cannot read file")]
      )
    }
    return parse(DecodedText(utf8: data).text.precomposedStringWithCanonicalMapping, path: path)
  }

  /// Whether `path` names a YAML file.
  package static func isYAML(_ path: String) -> Bool {
    path.hasSuffix(".yml") || path.hasSuffix(".yaml")
  }
}

/// The line-by-line reader behind `RasaNLUReader`.
private struct Reader {
  struct Line {
    var number: Int
    var indent: Int
    /// The characters after the indentation, without a trailing comment or spaces.
    var body: [Character]
  }

  let path: String
  var lines: [Line] = []
  var raw: [[Character]] = []
  var examples: [RasaExample] = []
  var diagnostics: [Diagnostic] = []
  var k = 0

  init(source: String, path: String) {
    self.path = path
    raw = source.split(separator: "\n", omittingEmptySubsequences: false).map {
      Array($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
  }

  func span(_ line: Int, _ column: Int, _ length: Int = 1) -> SourceSpan {
    SourceSpan(path: path, line: line, column: column, length: length)
  }

  mutating func error(_ code: String, _ line: Int, _ column: Int, _ length: Int, _ text: String) {
    diagnostics.append(.error(code, at: span(line, column, length), text))
  }

  /// The structural line at raw index `index`, nil for blank and comment lines.
  mutating func structural(_ index: Int) -> Line? {
    let chars = raw[index]
    var indent = 0
    while indent < chars.count, chars[indent] == " " { indent += 1 }
    if indent < chars.count, chars[indent] == "\t" {
      error("Y0001", index + 1, indent + 1, 1, "tabs are not allowed in YAML indentation")
      return nil
    }
    var body = Array(chars[indent...])
    if body.first == "#" || body.isEmpty { return nil }
    // A comment starts at " #" outside quotes.
    var quote: Character?
    for (i, c) in body.enumerated() {
      if c == "\"" || c == "'" { quote = quote == nil ? c : (quote == c ? nil : quote) }
      if c == "#", quote == nil, i > 0, body[i - 1] == " " {
        body = Array(body[..<i])
        break
      }
    }
    while body.last == " " { body.removeLast() }
    return body.isEmpty ? nil : Line(number: index + 1, indent: indent, body: body)
  }

  mutating func read() {
    var sawNLU = false
    var index = 0
    while index < raw.count {
      guard let line = structural(index) else {
        index += 1
        continue
      }
      guard line.indent == 0, let (key, value) = keyValue(line.body) else {
        error(
          "Y0002", line.number, line.indent + 1, line.body.count, "expected 'key:' at the top level"
        )
        index = skipBlock(from: index + 1, deeperThan: line.indent, items: true)
        continue
      }
      if key == "nlu", value.isEmpty {
        sawNLU = true
        index = readNLU(from: index + 1)
      } else {
        index = skipBlock(from: index + 1, deeperThan: 0, items: true)
      }
    }
    if !sawNLU {
      error("Y0007", 1, 1, 1, "no 'nlu:' section: not Rasa NLU training data")
    }
  }

  /// `key: value` or `key:`; nil when the line is not a mapping entry.
  func keyValue(_ body: [Character]) -> (String, String)? {
    guard let colon = body.firstIndex(of: ":"), colon > 0,
      colon + 1 == body.count || body[colon + 1] == " "
    else { return nil }
    let key = String(body[..<colon])
    guard !key.contains(" ") || key.hasPrefix("\"") else { return nil }
    let value = String(body[(colon + 1)...]).trimmingCharacters(in: .whitespaces)
    return (Self.unquoted(key), value)
  }

  static func unquoted(_ text: String) -> String {
    if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
      return String(text.dropFirst().dropLast())
    }
    return text
  }

  /// The index after the lines deeper than `indent` that follow `index`, and when `items`,
  /// list items at `indent` itself (a top-level key's list may start at column 1).
  mutating func skipBlock(from index: Int, deeperThan indent: Int, items: Bool = false) -> Int {
    var i = index
    while i < raw.count {
      guard let line = structural(i) else {
        i += 1
        continue
      }
      let item = items && line.indent == indent && line.body.first == "-"
      guard line.indent > indent || item else { break }
      i += 1
    }
    return i
  }

  /// The `nlu:` list; returns the index after it.
  mutating func readNLU(from index: Int) -> Int {
    var i = index
    var listIndent: Int?
    while i < raw.count {
      guard let line = structural(i) else {
        i += 1
        continue
      }
      if line.indent == 0 && line.body.first != "-" { break }
      guard line.body.first == "-", line.body.count > 1, line.body[1] == " ",
        listIndent == nil || line.indent == listIndent
      else {
        error(
          "Y0005", line.number, line.indent + 1, line.body.count,
          "expected '- intent: NAME' (or synonym, regex, lookup) in the nlu list")
        i = skipBlock(from: i + 1, deeperThan: line.indent)
        continue
      }
      listIndent = line.indent
      i = readItem(line, at: i)
    }
    return i
  }

  /// One `- intent: NAME` item and its keys; returns the index after it.
  mutating func readItem(_ first: Line, at index: Int) -> Int {
    let keyIndent = first.indent + 2
    let head = Array(first.body[2...])
    guard let (kind, name) = keyValue(head),
      kind == "intent" || RasaNLUReader.toleratedItems.contains(kind)
    else {
      error(
        "Y0005", first.number, keyIndent + 1, head.count,
        "expected '- intent: NAME' (or synonym, regex, lookup) in the nlu list")
      return skipBlock(from: index + 1, deeperThan: first.indent)
    }
    let intent = Self.unquoted(name)
    if intent.isEmpty {
      error("Y0006", first.number, keyIndent + 1, head.count, "an intent needs a name")
    }
    var i = index + 1
    while i < raw.count {
      guard let line = structural(i) else {
        i += 1
        continue
      }
      guard line.indent == keyIndent else { break }
      guard let (key, value) = keyValue(line.body) else {
        error("Y0003", line.number, line.indent + 1, line.body.count, "expected 'key:' in the item")
        i = skipBlock(from: i + 1, deeperThan: line.indent)
        continue
      }
      if key == "examples" {
        let keep = kind == "intent" && !intent.isEmpty
        i = readExamples(value, at: line, from: i + 1, intent: keep ? intent : nil)
      } else {
        i = skipBlock(from: i + 1, deeperThan: line.indent)
      }
    }
    return i
  }

  /// `examples: |` and its block, or `examples:` and a list of `- text:` entries.
  mutating func readExamples(_ value: String, at key: Line, from index: Int, intent: String?) -> Int
  {
    if value.hasPrefix("|") || value.hasPrefix(">") {
      var i = index
      var blockIndent: Int?
      while i < raw.count {
        let chars = raw[i]
        let indent = chars.prefix { $0 == " " }.count
        if indent == chars.count {
          i += 1
          continue
        }
        guard indent > key.indent else { break }
        blockIndent = blockIndent ?? indent
        let body = Array(chars[indent...])
        if let intent {
          example(body, line: i + 1, column: indent + 1, intent: intent)
        }
        i += 1
      }
      return i
    }
    guard value.isEmpty else {
      error(
        "Y0004", key.number, key.indent + 1, key.body.count,
        "expected 'examples: |' and one '- example' per line")
      return skipBlock(from: index, deeperThan: key.indent)
    }
    // examples:\n  - text: …\n    metadata: …
    var i = index
    while i < raw.count {
      guard let line = structural(i) else {
        i += 1
        continue
      }
      guard line.indent > key.indent || (line.indent == key.indent && line.body.first == "-")
      else { break }
      let rest = line.body.first == "-" ? Array(line.body.dropFirst(2)) : []
      if let (name, text) = keyValue(rest), name == "text" {
        if text.hasPrefix("|") {
          // The text on the next, deeper line.
          if i + 1 < raw.count, let next = structural(i + 1), next.indent > line.indent + 2 {
            if let intent {
              example(
                Array("- ") + next.body, line: next.number, column: next.indent - 1, intent: intent)
            }
            i += 2
            continue
          }
        } else if let intent {
          let column = line.indent + 3 + 6
          example(
            Array("- ") + Array(Self.unquoted(text)), line: line.number, column: column - 2,
            intent: intent)
        }
      }
      i += 1
    }
    return i
  }

  /// `- example text` inside an examples block.
  mutating func example(_ body: [Character], line: Int, column: Int, intent: String) {
    guard body.first == "-", body.count > 2, body[1] == " " else {
      error("Y0004", line, column, body.count, "expected '- example' in the examples block")
      return
    }
    var text = Array(body[2...])
    while text.last == " " { text.removeLast() }
    switch RasaAnnotations.parse(text) {
    case .success(let parsed):
      let plain = parsed.text.trimmingCharacters(in: .whitespaces)
      guard !plain.isEmpty else {
        error("Y0004", line, column, body.count, "an empty example")
        return
      }
      examples.append(
        RasaExample(intent: intent, text: parsed.text, entities: parsed.entities, line: line))
    case .failure(let problem):
      error("Y0008", line, column + 2 + problem.column, 1, problem.message)
    }
  }
}
