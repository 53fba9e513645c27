import Foundation
import Hangul

/// Reads lines from a file descriptor as they arrive, for the chat loop.
///
/// A line longer than `limit` bytes is cut there (the rest of it is skipped) and reported;
/// invalid UTF-8 is replaced and reported; both go to stderr, never to the conversation.
struct LineReader {
  let fd: Int32
  let limit: Int
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  private var lineNumber = 0

  init(fd: Int32, limit: Int = 1 << 20) {
    self.fd = fd
    self.limit = limit
  }

  /// The next line without its newline, or nil at the end of input.
  mutating func next(console: Console) -> String? {
    var skipping = false
    var line: [UInt8] = []
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        if !skipping { line += buffer[start..<newline] }
        start = newline + 1
        return decode(line, truncated: skipping, console: console)
      }
      if !skipping {
        line += buffer[start...]
        if line.count > limit {
          line.removeSubrange(limit...)
          skipping = true
        }
      }
      buffer.removeAll(keepingCapacity: true)
      start = 0
      if atEnd {
        return line.isEmpty && !skipping ? nil : decode(line, truncated: skipping, console: console)
      }
      fill()
    }
  }

  private mutating func fill() {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 {
        atEnd = true
        return
      }
      buffer.append(contentsOf: chunk[0..<n])
      return
    }
  }

  private mutating func decode(_ bytes: [UInt8], truncated: Bool, console: Console) -> String {
    lineNumber += 1
    var bytes = bytes
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    let decoded = DecodedText(utf8: bytes)
    if decoded.replacements > 0 {
      console.error(
        "stdin:\(lineNumber): warning: replaced \(decoded.replacements) invalid UTF-8 sequence(s)\n"
      )
    }
    if truncated {
      console.error(
        "stdin:\(lineNumber): warning: line longer than \(limit) bytes; read only its start\n")
    }
    return decoded.text
  }
}

/// Terminal behaviour of the chat loop.
enum ChatTerminal {
  /// Ctrl-C ends the chat at once and cleanly: every fact and consent was saved durably when
  /// it was learned, so there is nothing to flush.
  static func installInterruptHandler() {
    signal(SIGINT) { _ in
      let bye: StaticString = "\n안녕히 가세요.\n"
      _ = bye.withUTF8Buffer { write(1, $0.baseAddress, $0.count) }
      _exit(0)
    }
  }
}
