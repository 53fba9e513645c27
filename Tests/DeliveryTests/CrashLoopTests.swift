import Delivery
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The kill -9 loops over the journal and the outbox.
///
/// A child appends with group commit and prints `ACK n` after each covering fdatasync; the
/// parent SIGKILLs it at a random moment and restarts it (it recovers and resumes). At the end
/// every acknowledged record must be in the file exactly once, and torn tails must have been cut
/// along the way. The journal must also be `seq=1…n` with no gap (records land in submission
/// order). `CRASH_ITERATIONS` sets the number of kills of the journal writer (default 200),
/// `OUTBOX_CRASH_ITERATIONS` those of the outbox writer (default 60; its start-up is slower).
@Suite struct CrashLoopTests {
  static func iterations(_ mode: String) -> Int {
    let environment = ProcessInfo.processInfo.environment
    if mode == "outbox" { return Int(environment["OUTBOX_CRASH_ITERATIONS"] ?? "") ?? 60 }
    return Int(environment["CRASH_ITERATIONS"] ?? "") ?? 200
  }

  struct LoopResult: Sendable {
    var acked = Set<Int>()
    var tornTails = 0
    var problems: [String] = []
  }

  static func killLoop(path: String, mode: String) throws -> LoopResult {
    var rng = SystemRandomNumberGenerator()
    var result = LoopResult()
    for i in 0..<iterations(mode) {
      let child = Process()
      child.executableURL = URL(fileURLWithPath: CrashWriter.path)
      child.arguments = [path, i % 2 == 0 ? "split" : "whole", mode]
      let out = Pipe()
      child.standardOutput = out
      try child.run()
      // Wait for the RECOVERED line so the kill lands while appending, even on a slow start
      // (sanitizers, loaded CI); every fourth run waits for a first ACK, so some always land.
      let head = CrashWriter.read(
        out.fileHandleForReading, until: i % 4 == 3 ? "ACK " : "RECOVERED")
      usleep(UInt32.random(in: 0...20_000, using: &rng))
      kill(child.processIdentifier, SIGKILL)
      let rest = out.fileHandleForReading.readDataToEndOfFile()
      child.waitUntilExit()
      if child.terminationReason != .uncaughtSignal {
        result.problems.append("run \(i) exited with \(child.terminationStatus)")
      }
      let output = CrashWriter.Output(String(decoding: head + rest, as: UTF8.self))
      result.acked.formUnion(output.acked)
      if output.tornTail { result.tornTails += 1 }
      if output.failed { result.problems.append("run \(i) reported a failure") }
      result.problems += output.problems
    }
    return result
  }

  static func report(_ mode: String, records: Int, _ result: LoopResult) {
    FileHandle.standardError.write(
      Data(
        ("killNineLoop[\(mode)]: iterations=\(iterations(mode)) records=\(records) "
          + "acked=\(result.acked.count) tornTailsCut=\(result.tornTails)\n").utf8))
  }

  @Test("journal: kill -9 at random points, every acknowledged record survives exactly once")
  func journalKillNineLoop() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: CrashWriter.path))
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("crash.log")
    let result = try await offPool { try Self.killLoop(path: path, mode: "journal") }
    #expect(result.problems.isEmpty, "\(result.problems.prefix(3))")
    let journal = try Journal(path: path)
    let seqs = CrashWriter.journalSeqs(journal.recovery.records)
    journal.close()
    Self.report("journal", records: seqs.count, result)
    #expect(seqs.count == journal.recovery.records.count)
    #expect(!result.acked.isEmpty)
    #expect(seqs == Array(0..<seqs.count).map { $0 + 1 }, "gap or duplicate")
    let lost = result.acked.subtracting(seqs).sorted()
    #expect(lost.isEmpty, "lost acknowledged records: \(lost.prefix(5))")
    if Self.iterations("journal") >= 100 {
      #expect(result.tornTails > 0, "no torn tail was produced; split mode is not exercised")
    }
  }

  @Test("outbox: kill -9 at random points, every acknowledged line survives exactly once")
  func outboxKillNineLoop() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: CrashWriter.path))
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("outbox.jsonl")
    let result = try await offPool { try Self.killLoop(path: path, mode: "outbox") }
    #expect(result.problems.isEmpty, "\(result.problems.prefix(3))")
    // Reopening cuts a torn last line, exactly as the next daemon start would.
    let outbox = try OutboxChannel(path: path, clock: SystemDeliveryClock())
    outbox.close()
    let seqs = CrashWriter.outboxSeqs(atPath: path)
    Self.report("outbox", records: seqs.count, result)
    #expect(outbox.unreadableLines.isEmpty)
    #expect(Set(seqs).count == seqs.count, "a key was written twice")
    let lost = result.acked.subtracting(seqs).sorted()
    #expect(lost.isEmpty, "lost acknowledged lines: \(lost.prefix(5))")
    #expect(!result.acked.isEmpty)
  }
}
