import Diagnostics

/// Reads one intent file: fields, examples and entity marks, with every problem located.
///
/// The parser never stops at the first problem: it reports, skips the offending line and
/// goes on, so one run shows everything that is wrong in a file.
package struct IntentParser {
  private let path: String
  private let lines: [[Character]]
  var intents: [IntentDefinition] = []
  var diagnostics: [Diagnostic] = []
  var inExamples = false
  /// Example lines seen in the current block, kept or not (an intent whose examples were all
  /// rejected is not also reported as having none).
  var exampleLines = 0
  private var seenFields: Set<String> = []

  /// Creates a parser for `text`, which the caller has already NFC-normalised.
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the path to print in diagnostics, as the user gave it.
  package init(text: String, path: String) {
    self.path = path
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      Array(line.hasSuffix("\r") ? line.dropLast() : line)
    }
  }

  /// Parses the file.
  ///
  /// - Returns: the intents it defines and the diagnostics, in reading order.
  package mutating func parse() -> (intents: [IntentDefinition], diagnostics: [Diagnostic]) {
    for (index, line) in lines.enumerated() {
      parseLine(line, number: index + 1)
    }
    finishIntent()
    return (intents, diagnostics)
  }

  func span(_ line: Int, _ column: Int, _ length: Int = 1) -> SourceSpan {
    SourceSpan(path: path, line: line, column: column, length: length)
  }

  private mutating func parseLine(_ line: [Character], number: Int) {
    let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
    let body = Array(line[indent...])
    guard let first = body.first, first != "#" else { return }
    let column = indent + 1
    if first == "-" && (body.count == 1 || body[1] == " " || body[1] == "\t") {
      parseExample(line, from: indent + 1, number: number)
      return
    }
    guard let colon = body.firstIndex(of: ":") else {
      diagnostics.append(
        IntentMessages.notUnderstood(String(body), at: span(number, column, body.count)))
      return
    }
    let key = String(body[..<colon]).trimmingSpaces()
    let valueStart =
      colon + 1 + body[(colon + 1)...].prefix(while: { $0 == " " || $0 == "\t" }).count
    let value = String(body[valueStart...]).trimmingSpaces()
    parseField(
      key: key, keySpan: span(number, column, colon), value: value,
      valueColumn: column + valueStart, number: number)
  }

  private mutating func parseField(
    key: String, keySpan: SourceSpan, value: String, valueColumn: Int, number: Int
  ) {
    let valueSpan = span(number, valueColumn, max(value.count, 1))
    if key == "intent" {
      startIntent(value, span: valueSpan, line: number)
      return
    }
    guard !intents.isEmpty else {
      diagnostics.append(IntentMessages.beforeIntent(key, at: keySpan))
      return
    }
    if inExamples {
      diagnostics.append(IntentMessages.fieldAfterExamples(key, at: keySpan))
      return
    }
    let isReply = key.hasPrefix("reply ") || key == "reply"
    let known = ["summary", "rules", "facts", "examples"].contains(key) || isReply
    guard known else {
      diagnostics.append(IntentMessages.unknownField(key, at: keySpan))
      return
    }
    guard seenFields.insert(key).inserted else {
      diagnostics.append(IntentMessages.duplicateField(key, at: keySpan))
      return
    }
    switch key {
    case "examples":
      inExamples = true
    case "summary":
      intents[intents.count - 1].summary = value
    case "rules", "facts":
      let names = parseNames(
        value, field: String(key.dropLast()), column: valueColumn, line: number)
      if key == "rules" {
        intents[intents.count - 1].rules = names
        intents[intents.count - 1].rulesSpan = keySpan
      } else {
        intents[intents.count - 1].facts = names
      }
    default:
      let replyKey = String(key.dropFirst("reply".count)).trimmingSpaces()
      guard replyKey.isName else {
        diagnostics.append(IntentMessages.badName(replyKey, in: "reply", at: keySpan))
        return
      }
      guard !value.isEmpty else {
        diagnostics.append(IntentMessages.empty("a reply template", at: valueSpan))
        return
      }
      if let problem = TemplateCheck.firstProblem(in: Array(value)) {
        diagnostics.append(
          IntentMessages.badPlaceholder(
            problem.found, at: span(number, valueColumn + problem.offset, problem.found.count)))
        return
      }
      intents[intents.count - 1].replies[replyKey] = value
      intents[intents.count - 1].replySpans[replyKey] = keySpan
    }
  }

  private mutating func startIntent(_ name: String, span nameSpan: SourceSpan, line: Int) {
    finishIntent()
    inExamples = false
    exampleLines = 0
    seenFields = []
    guard name.isName else {
      diagnostics.append(IntentMessages.badIntentName(name, at: nameSpan))
      // Keep a placeholder block so that its fields and examples are still checked.
      intents.append(IntentDefinition(name: "", span: nameSpan))
      return
    }
    intents.append(IntentDefinition(name: name, span: nameSpan))
  }

  private mutating func finishIntent() {
    guard let last = intents.last else { return }
    if last.name.isEmpty {
      intents.removeLast()
    } else if last.examples.isEmpty && exampleLines == 0 {
      diagnostics.append(IntentMessages.noExamples(last.name, at: last.span))
    }
  }

  private mutating func parseNames(_ value: String, field: String, column: Int, line: Int)
    -> [String]
  {
    guard !value.isEmpty else {
      diagnostics.append(IntentMessages.empty("\(field) names", at: span(line, column)))
      return []
    }
    var names: [String] = []
    var offset = 0
    for part in value.split(separator: ",", omittingEmptySubsequences: false) {
      let leading = part.prefix(while: { $0 == " " }).count
      let name = String(part).trimmingSpaces()
      if name.isName {
        names.append(name)
      } else {
        diagnostics.append(
          IntentMessages.badName(
            name, in: field, at: span(line, column + offset + leading, max(name.count, 1))))
      }
      offset += part.count + 1
    }
    return names
  }
}

extension String {
  /// Whether the text is a name: `[a-z][a-z0-9_]*`.
  var isName: Bool {
    guard let first = unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }

  func trimmingSpaces() -> String {
    let characters = Array(self)
    var start = 0
    var end = characters.count
    while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
    while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
    return String(characters[start..<end])
  }
}
