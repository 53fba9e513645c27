import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the `journal-crash-writer` helper (built beside the test bundle) and parses its output.
enum CrashWriter {
  static var path: String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("journal-crash-writer").path
  }

  struct Output {
    var acked: [Int] = []
    var tornTail = false
    var failed = false
    var ackAfterFailure = false
    var problems: [String] = []

    init(_ text: String) {
      for line in text.split(separator: "\n") {
        if line.hasPrefix("ACK "), let n = Int(line.dropFirst(4)) {
          acked.append(n)
          if failed { ackAfterFailure = true }
        } else if line.hasPrefix("RECOVERED") {
          tornTail = !line.hasSuffix("torn=0")
        } else if line.hasPrefix("FAILED") {
          failed = true
        } else if line.hasPrefix("BAD") || line.hasPrefix("usage") {
          problems.append(String(line))
        }
      }
    }
  }

  /// Reads the child's stdout until it contains `marker` (or ends).
  static func read(_ handle: FileHandle, until marker: String) -> Data {
    var head = Data()
    while head.range(of: Data(marker.utf8)) == nil {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      head += chunk
    }
    return head
  }

  /// The seq numbers in a journal written by the helper, in file order.
  static func journalSeqs(_ records: [[UInt8]]) -> [Int] {
    records.compactMap { Int(String(decoding: $0, as: UTF8.self).dropFirst(4)) }
  }

  /// The seq numbers of the `seq-N` keys in an outbox written by the helper, in file order.
  static func outboxSeqs(atPath path: String) -> [Int] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      guard let range = line.range(of: "\"id\":\"seq-") else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
  }
}
