import CivilCalendar
import Diagnostics
import Foundation
import Hangul

/// One line of an entity test set: the day it is read on, the text and every entity in it.
package struct EntityCase: Sendable, Hashable {
  /// The day relative dates count from.
  package var asOf: CivilDate
  /// The utterance without marks.
  package var text: String
  /// The entities the line holds, with spans in `text`.
  package var entities: [Entity]
  /// The line in its file.
  package var line: Int
}

/// Reads entity test sets (`Corpus/nlu/entities.tsv`): `AS-OF<TAB>TEXT[<TAB>APART]`, TEXT
/// marked as `Intents/` examples are (`[surface](kind=value)`, read by the same parser),
/// APART a ';'-separated list of `kind:surface=value` for entities that overlap others.
package enum EntityCorpus {
  /// Parses a test set; every problem is reported with its place, and the line skipped.
  ///
  /// - Parameters:
  ///   - source: the file's contents, NFC.
  ///   - path: the path for diagnostics.
  /// - Returns: the cases and diagnostics.
  package static func parse(_ source: String, path: String) -> (
    cases: [EntityCase], diagnostics: [Diagnostic]
  ) {
    var cases: [EntityCase] = []
    var diagnostics: [Diagnostic] = []
    for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      let number = index + 1
      guard let first = line.first(where: { $0 != " " }), first != "#" else { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      func at(_ column: Int, _ length: Int = 1) -> SourceSpan {
        SourceSpan(path: path, line: number, column: column, length: length)
      }
      guard fields.count == 2 || fields.count == 3, let asOf = CivilDate(iso: fields[0]) else {
        diagnostics.append(
          .error(
            "D0004", at: at(1, max(fields[0].count, 1)),
            "expected 'YYYY-MM-DD<TAB>marked text[<TAB>kind:surface=value;…]'"))
        continue
      }
      let textColumn = fields[0].count + 2
      guard let (text, marks) = marked(fields[1], at: at(textColumn), into: &diagnostics) else {
        continue
      }
      if EntityRecognizer.prepare(text) != text {
        diagnostics.append(
          .error(
            "D0007", at: at(textColumn, fields[1].count),
            "the recognizer reads this text as '\(EntityRecognizer.prepare(text))'; write it so"))
        continue
      }
      var entities = marks
      if fields.count == 3 {
        let column = textColumn + fields[1].count + 1
        guard let apart = apart(fields[2], in: text, at: at(column), into: &diagnostics) else {
          continue
        }
        entities += apart
      }
      entities.sort { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
      cases.append(EntityCase(asOf: asOf, text: text, entities: entities, line: number))
    }
    return (cases, diagnostics)
  }

  /// Reads and parses a test set; an unreadable file is one diagnostic.
  ///
  /// - Parameter path: the file as the user gave it.
  /// - Returns: the cases and diagnostics.
  package static func read(path: String) -> (cases: [EntityCase], diagnostics: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      return (
        [], [.error("D0003", at: SourceSpan(path: path, line: 1, column: 1), "cannot read file")]
      )
    }
    return parse(DecodedText(utf8: data).text.precomposedStringWithCanonicalMapping, path: path)
  }

  /// The marked text through the intent-file parser (one example of a one-intent file), its
  /// diagnostics moved to where the text stands in the test set.
  private static func marked(
    _ field: String, at start: SourceSpan, into diagnostics: inout [Diagnostic]
  ) -> (String, [Entity])? {
    var parser = IntentParser(text: "intent: entities\nexamples:\n- \(field)\n", path: start.path)
    let (intents, found) = parser.parse()
    // The example stands on line 3 after "- ": column c there is column c - 3 here.
    let moved = found.filter { $0.span.start.line == 3 }.map { diagnostic in
      var d = diagnostic
      let shift = start.start.column - 3
      d.span = SourceSpan(
        path: start.path, line: start.start.line, column: d.span.start.column + shift,
        length: d.span.end.column - d.span.start.column)
      return d
    }
    diagnostics += moved
    guard moved.isEmpty, let example = intents.first?.examples.first else { return nil }
    var entities: [Entity] = []
    let characters = Array(example.text)
    for mark in example.marks {
      guard let value = mark.value, !value.isEmpty else {
        diagnostics.append(
          .error(
            "D0005", at: start,
            "the mark '\(String(characters[mark.range]))' needs a value: [surface](kind=value)"))
        return nil
      }
      entities.append(
        Entity(
          kind: mark.kind, text: String(characters[mark.range]), start: mark.range.lowerBound,
          end: mark.range.upperBound, value: value))
    }
    return (example.text, entities)
  }

  /// `kind:surface=value;…`, each surface found in `text`.
  private static func apart(
    _ field: String, in text: String, at start: SourceSpan, into diagnostics: inout [Diagnostic]
  ) -> [Entity]? {
    var entities: [Entity] = []
    let characters = Array(text)
    var column = start.start.column
    for item in field.split(separator: ";", omittingEmptySubsequences: false) {
      defer { column += item.count + 1 }
      let span = SourceSpan(
        path: start.path, line: start.start.line, column: column, length: item.count)
      guard let colon = item.firstIndex(of: ":"), let equals = item.lastIndex(of: "="),
        colon < equals, let kind = EntityKind(rawValue: String(item[..<colon]))
      else {
        diagnostics.append(
          .error(
            "D0006", at: span,
            "expected kind:surface=value with a kind among \(EntityKind.namesForNotes)"))
        return nil
      }
      let surface = Array(item[item.index(after: colon)..<equals])
      guard let offset = characters.firstOffset(of: surface) else {
        diagnostics.append(.error("D0006", at: span, "'\(String(surface))' is not in the text"))
        return nil
      }
      entities.append(
        Entity(
          kind: kind, text: String(surface), start: offset, end: offset + surface.count,
          value: String(item[item.index(after: equals)...])))
    }
    return entities
  }
}

extension [Character] {
  /// Where `needle` first occurs, as a `Character` offset.
  fileprivate func firstOffset(of needle: [Character]) -> Int? {
    guard !needle.isEmpty, needle.count <= count else { return nil }
    return (0...(count - needle.count)).first { has(String(needle), at: $0) }
  }
}
