import Diagnostics

extension IntentParser {
  /// Parses `- text` at `line[start...]` (just past the dash) into an example with marks.
  mutating func parseExample(_ line: [Character], from start: Int, number: Int) {
    guard !intents.isEmpty else {
      diagnostics.append(IntentMessages.beforeIntent("-", at: span(number, start)))
      return
    }
    exampleLines += 1
    guard inExamples else {
      diagnostics.append(IntentMessages.exampleBeforeExamples(at: span(number, start)))
      return
    }
    var i = start + 1
    while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
    var end = line.count
    while end > i, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
    guard i < end else {
      diagnostics.append(IntentMessages.empty("an example after '-'", at: span(number, start)))
      return
    }
    var text: [Character] = []
    var marks: [EntityMark] = []
    let exampleSpan = span(number, i + 1, end - i)
    while i < end {
      let c = line[i]
      if c == "\\", i + 1 < end {
        text.append(line[i + 1])
        i += 2
      } else if c == "[" {
        guard
          let (mark, next, surface) = parseMark(
            line, at: i, end: end, offset: text.count, number: number)
        else { return }
        text += surface
        if let mark { marks.append(mark) }
        i = next
      } else {
        text.append(c)
        i += 1
      }
    }
    intents[intents.count - 1].examples.append(
      IntentExample(text: String(text), marks: marks, span: exampleSpan))
  }

  /// Parses `[surface](type)` or `[surface](type=value)` starting at the `[` at `open`.
  ///
  /// - Returns: the mark (nil when its type is unknown, already reported), the index after
  ///   it and its surface text; nil when the mark is malformed (reported; the example is dropped).
  private mutating func parseMark(
    _ line: [Character], at open: Int, end: Int, offset: Int, number: Int
  ) -> (EntityMark?, Int, [Character])? {
    var surface: [Character] = []
    var i = open + 1
    while i < end, line[i] != "]" {
      if line[i] == "\\", i + 1 < end { i += 1 }
      surface.append(line[i])
      i += 1
    }
    guard i + 1 < end, line[i + 1] == "(" else {
      let what = i < end ? "](" : "]"
      diagnostics.append(IntentMessages.unclosedMark(what, at: span(number, open + 1)))
      return nil
    }
    guard !surface.isEmpty else {
      diagnostics.append(IntentMessages.empty("text inside '[ ]'", at: span(number, open + 1, 2)))
      return nil
    }
    let typeStart = i + 2
    guard let close = line[typeStart..<end].firstIndex(of: ")") else {
      diagnostics.append(IntentMessages.unclosedMark(")", at: span(number, i + 2)))
      return nil
    }
    let inside = String(line[typeStart..<close])
    let parts = inside.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let typeName = String(parts[0])
    let value = parts.count > 1 ? String(parts[1]) : nil
    guard let kind = EntityKind(rawValue: typeName) else {
      diagnostics.append(
        IntentMessages.unknownEntity(
          typeName, at: span(number, typeStart + 1, max(typeName.count, 1))))
      return (nil, close + 1, surface)
    }
    let mark = EntityMark(kind: kind, range: offset..<(offset + surface.count), value: value)
    return (mark, close + 1, surface)
  }
}

/// Checks `{placeholder}` syntax in reply templates.
enum TemplateCheck {
  /// The first malformed placeholder in `text`: its offset and the text found there.
  static func firstProblem(in text: [Character]) -> (offset: Int, found: String)? {
    var i = 0
    while i < text.count {
      let c = text[i]
      if (c == "{" || c == "}"), i + 1 < text.count, text[i + 1] == c {
        i += 2
        continue
      }
      if c == "}" { return (i, "}") }
      if c == "{" {
        guard let close = text[(i + 1)...].firstIndex(of: "}") else {
          return (i, String(text[i...].prefix(12)))
        }
        let name = String(text[(i + 1)..<close])
        if !name.isName { return (i, String(text[i...close])) }
        i = close + 1
        continue
      }
      i += 1
    }
    return nil
  }
}
