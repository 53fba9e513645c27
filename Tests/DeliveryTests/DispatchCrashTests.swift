import Delivery
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The whole path under kill -9: dispatcher, ledger and outbox together.
///
/// The helper delivers seq-1…seq-N through a `Dispatcher` whose ledger and outbox live in one
/// directory; it is killed at random points `DISPATCH_CRASH_ITERATIONS` times (default 30), then
/// run once to completion. Every reminder must end delivered in the ledger and present in the
/// outbox exactly once — no loss, no second copy, however the crashes fell.
@Suite struct DispatchCrashTests {
  static let total = 1500

  static var iterations: Int {
    Int(ProcessInfo.processInfo.environment["DISPATCH_CRASH_ITERATIONS"] ?? "") ?? 30
  }

  @Test("kill -9 during dispatch: each reminder delivered exactly once in the end")
  func killNineDuringDispatch() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: CrashWriter.path))
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("outbox.jsonl")
    let total = Self.total
    let iterations = Self.iterations
    let (acked, problems, finalOK, finalText) = try await offPool {
      () throws -> (Set<Int>, [String], Bool, String) in
      var rng = SystemRandomNumberGenerator()
      var acked = Set<Int>()
      var problems: [String] = []
      var finalOK = false
      var finalText = ""
      for i in 0...iterations {
        let last = i == iterations
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CrashWriter.path)
        child.arguments = [path, i % 2 == 0 ? "split" : "whole", "dispatch", "\(total)"]
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        var head = Data()
        if !last {
          head = CrashWriter.read(
            out.fileHandleForReading, until: i % 4 == 3 ? "ACK " : "RECOVERED")
          usleep(UInt32.random(in: 0...40_000, using: &rng))
          kill(child.processIdentifier, SIGKILL)
        }
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let text = String(decoding: head + rest, as: UTF8.self)
        let output = CrashWriter.Output(text)
        acked.formUnion(output.acked)
        problems += output.problems
        if output.failed { problems.append("run \(i) failed") }
        if last {
          finalOK = child.terminationStatus == 0 && text.contains("DONE\n")
          finalText = String(text.suffix(200))
        }
      }
      return (acked, problems, finalOK, finalText)
    }
    #expect(finalOK, "final run: \(finalText)")
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let seqs = CrashWriter.outboxSeqs(atPath: path)
    #expect(seqs.count == Self.total, "outbox holds \(seqs.count) lines")
    #expect(Set(seqs) == Set(1...Self.total), "missing or extra reminders")
    let ledger = try DeliveryLedger(path: path + ".ledger")
    #expect(ledger.counts() == [.delivered: Self.total])
    ledger.close()
    #expect(acked.isSubset(of: Set(seqs)))
    FileHandle.standardError.write(
      Data("dispatchCrash: kills=\(Self.iterations) acked=\(acked.count) of \(Self.total)\n".utf8))
  }
}
