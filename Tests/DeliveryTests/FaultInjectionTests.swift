import Delivery
import Foundation
import Testing

/// Fail the Nth `write` or `fdatasync` of the real journal file with strace (as SQLite's
/// ioerr tests fail the Nth I/O): the writer must stop at once, acknowledge nothing after the
/// failure, and a restart must recover every acknowledged record.
@Suite struct FaultInjectionTests {
  static let hasStrace: Bool = {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["strace", "-o", "/dev/null", "true"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }()

  static let sweep: [(String, String, Int, String)] =
    (1...4).flatMap { n in
      [
        ("fdatasync", "EIO", n, "journal"), ("write", "ENOSPC", n, "journal"),
        ("fdatasync", "EIO", n, "outbox"),
      ]
    } + [("write", "ENOSPC", 2, "outbox"), ("write", "ENOSPC", 5, "outbox")]

  @Test(
    .enabled(if: hasStrace, "skipped: strace is missing or ptrace is not permitted"),
    arguments: sweep)
  func failTheNthCall(syscall: String, errno: String, n: Int, mode: String) async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file(mode == "journal" ? "j.log" : "o.jsonl")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    child.arguments = [
      "strace", "-f", "-o", "/dev/null", "-P", path, "-e", "trace=\(syscall)",
      "-e", "inject=\(syscall):error=\(errno):when=\(n)",
      CrashWriter.path, path, n % 2 == 0 ? "split" : "whole", mode, "400",
    ]
    let text = try await offPool {
      let out = Pipe()
      child.standardOutput = out
      try child.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      child.waitUntilExit()
      return text
    }
    let output = CrashWriter.Output(text)
    #expect(child.terminationStatus == 1, "the writer must stop on the failure")
    #expect(output.failed)
    if mode == "journal" {
      // Journal acks print on the writer queue in order, so none may follow the failure. (The
      // outbox prints from resumed tasks, which may print a durable ack late; the recovery check
      // below covers it.)
      #expect(!output.ackAfterFailure)
    }
    let recovered: [Int]
    if mode == "journal" {
      let journal = try Journal(path: path)
      recovered = CrashWriter.journalSeqs(journal.recovery.records)
      journal.close()
      #expect(recovered == Array(0..<recovered.count).map { $0 + 1 })
    } else {
      OutboxChannel.reopen(path)
      recovered = CrashWriter.outboxSeqs(atPath: path)
      #expect(Set(recovered).count == recovered.count)
    }
    let lost = Set(output.acked).subtracting(recovered)
    #expect(lost.isEmpty, "lost acknowledged records: \(lost.sorted().prefix(5))")
  }
}

extension OutboxChannel {
  /// Opens and closes the outbox at `path`, cutting a torn last line as a restart would.
  static func reopen(_ path: String) {
    (try? OutboxChannel(path: path, clock: SystemDeliveryClock()))?.close()
  }
}
