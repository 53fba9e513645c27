import Diagnostics
import Foundation
import Hangul

/// What loading `Intents/` produced: the intents of every file without errors, every
/// diagnostic, and the sources needed to quote lines under a caret.
package struct IntentLoadResult: Sendable {
  /// Intents from files that had no errors.
  package var catalog: IntentCatalog
  /// Every problem found, sorted by file and position.
  package var diagnostics: [Diagnostic]
  /// File contents by path, for `DiagnosticRenderer`.
  package var sources: [String: String]

  /// The diagnostics rendered with quoted lines and carets.
  package var renderedDiagnostics: String {
    DiagnosticRenderer(sources: sources).render(diagnostics)
  }
}

/// Loads intent files from a folder or from memory; never throws, never stops at the first
/// problem.
package enum IntentLoader {
  /// The extension of intent files.
  package static let fileExtension = "intent"

  /// Loads every `*.intent` file under `directory`, walking folders in sorted order.
  ///
  /// - Parameter directory: the folder as the user gave it; paths in diagnostics start with it.
  /// - Returns: the catalog, diagnostics and sources.
  package static func load(directory: String) -> IntentLoadResult {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      let span = SourceSpan(path: directory, line: 1, column: 1)
      let missing = IntentMessages.missingFolder(at: span)
      return IntentLoadResult(
        catalog: IntentCatalog(intents: []), diagnostics: [missing], sources: [:])
    }
    let relative = (manager.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix("." + fileExtension) }
      .sorted()
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var files: [(path: String, bytes: [UInt8])] = []
    for name in relative {
      let path = base + "/" + name
      let bytes = manager.contents(atPath: path).map { [UInt8]($0) } ?? []
      files.append((path, bytes))
    }
    return load(files: files)
  }

  /// Loads intent files given as bytes, in the order given.
  ///
  /// - Parameter files: path (for diagnostics) and raw contents of each file.
  /// - Returns: the catalog, diagnostics and sources.
  package static func load(files: [(path: String, bytes: [UInt8])]) -> IntentLoadResult {
    var intents: [IntentDefinition] = []
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]
    var firstDefinition: [String: SourceSpan] = [:]
    for file in files {
      let decoded = DecodedText(utf8: file.bytes)
      let text = decoded.text.precomposedStringWithCanonicalMapping
      sources[file.path] = text
      var fileDiagnostics: [Diagnostic] = []
      if let offset = decoded.firstInvalidOffset {
        let position = position(ofByte: offset, in: file.bytes)
        let span = SourceSpan(path: file.path, line: position.line, column: position.column)
        fileDiagnostics.append(IntentMessages.notText(offset: offset, at: span))
      }
      var parser = IntentParser(text: text, path: file.path)
      let parsed = parser.parse()
      fileDiagnostics += parsed.diagnostics
      var accepted: [IntentDefinition] = []
      for intent in parsed.intents {
        if let first = firstDefinition[intent.name] {
          fileDiagnostics.append(
            IntentMessages.duplicateIntent(intent.name, at: intent.span, first: first))
          continue
        }
        firstDefinition[intent.name] = intent.span
        accepted.append(intent)
      }
      if !fileDiagnostics.hasErrors { intents += accepted }
      diagnostics += fileDiagnostics
    }
    diagnostics += crossIntentDuplicates(intents)
    return IntentLoadResult(
      catalog: IntentCatalog(intents: intents), diagnostics: diagnostics.sortedByPosition(),
      sources: sources)
  }

  private static func crossIntentDuplicates(_ intents: [IntentDefinition]) -> [Diagnostic] {
    var owner: [String: (intent: String, span: SourceSpan)] = [:]
    var found: [Diagnostic] = []
    for intent in intents {
      for example in intent.examples {
        let key = TextNormalizer.normalize(example.text).lowercased()
        if let other = owner[key] {
          if other.intent != intent.name {
            found.append(
              IntentMessages.sameExample(
                example.text, in: intent.name, at: example.span, other: other.intent,
                otherSpan: other.span))
          }
        } else {
          owner[key] = (intent.name, example.span)
        }
      }
    }
    return found
  }

  /// 1-based line and column (in `Character`s, counting the valid prefix) of byte `offset`.
  private static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
    let prefix = DecodedText(utf8: bytes.prefix(offset)).text
    let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
    return SourcePosition(line: lines.count, column: (lines.last?.count ?? 0) + 1)
  }
}
