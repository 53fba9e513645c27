import Foundation
import Hangul

/// Where a command writes (stdout for results, stderr for messages) and reads stdin.
///
/// Everything a command prints goes through here, so tests and the chat loop can rely on one
/// buffered, flushed stream rather than scattered `print` calls.
// A command owns its console for the whole run and never shares it across tasks, so the
// unchecked conformance only lets the entry closure capture it.
final class Console: @unchecked Sendable {
  private var buffer: [UInt8] = []

  init() {}

  /// Writes to stdout (buffered; flushed at exit and by `flush()`).
  func out(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 64 * 1024 { flush() }
  }

  func line(_ text: String = "") { out(text + "\n") }

  /// Writes to stderr at once, after flushing stdout so the two interleave in order.
  func error(_ text: String) {
    flush()
    FileHandle.standardError.write(Data(text.utf8))
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Foundation.write(1, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written <= 0 { break }  // a closed pipe: nothing more can be said
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// All of stdin as normalized lines; invalid UTF-8 is replaced and reported on stderr.
  func readStandardInputLines() -> [String] {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let decoded = DecodedText(utf8: data)
    if decoded.replacements > 0 {
      error(
        "stdin: warning: replaced \(decoded.replacements) invalid UTF-8 sequence(s), "
          + "the first at byte \(decoded.firstInvalidOffset ?? 0)\n")
    }
    return decoded.text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
      .dropLast(decoded.text.hasSuffix("\n") ? 1 : 0)
  }
}
