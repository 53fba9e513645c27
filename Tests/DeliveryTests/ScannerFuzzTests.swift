@testable import Delivery
import Foundation
import Testing

/// Seeded mutation loops over the parsers of untrusted bytes.
///
/// The fallback of reliability.md §2: the
/// journal scanner and outbox recovery must return, never trap, and keep their invariants.
/// `FUZZ_SEED` and `FUZZ_ITERATIONS` (default 5,000) steer it.
@Suite struct ScannerFuzzTests {
  static var iterations: Int {
    Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 5_000
  }

  static var seed: UInt64 {
    UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 0x5EED
  }

  static func mutate(_ bytes: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
    var out = bytes
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      switch Int.random(in: 0..<5, using: &rng) {
      case 0 where !out.isEmpty:
        out[Int.random(in: 0..<out.count, using: &rng)] ^= UInt8(
          1 << Int.random(in: 0..<8, using: &rng))
      case 1 where !out.isEmpty:
        out.removeLast(Int.random(in: 0...min(out.count, 12), using: &rng))
      case 2:
        out.insert(
          UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...out.count, using: &rng))
      case 3 where out.count > 8:
        let at = Int.random(in: 0..<(out.count - 4), using: &rng)
        for i in 0..<4 { out[at + i] = [0xff, 0x00, 0x7f, 0x80].randomElement(using: &rng) ?? 0 }
      default:
        out += JournalFrame.frame(Array("x\(Int.random(in: 0...99, using: &rng))".utf8))
      }
    }
    return out
  }

  @Test func journalScanNeverTrapsAndOnlyReturnsValidFrames() {
    var rng = SplitMix64(seed: Self.seed)
    let base = (0..<6).flatMap { JournalFrame.frame(Array("seq=\($0) 리마인더".utf8)) }
    for _ in 0..<Self.iterations {
      let bytes = Self.mutate(base, using: &rng)
      let scan = JournalFrame.scan(bytes, maxRecordSize: 64)
      #expect(scan.validBytes + scan.tornBytes == bytes.count)
      // The valid prefix re-frames to exactly itself: nothing was invented or skipped.
      let reframed = scan.records.flatMap(JournalFrame.frame)
      #expect(reframed == Array(bytes.prefix(scan.validBytes)))
    }
  }

  @Test func outboxRecoveryNeverTrapsAndEndsOnANewline() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var rng = SplitMix64(seed: Self.seed)
    let base = Array(
      (0..<3).map { #"{"id":"k\#($0)","text":"알림"}"# + "\n" }.joined().utf8)
    for i in 0..<min(Self.iterations / 50, 400) {
      let path = dir.file("o\(i).jsonl")
      let bytes = Self.mutate(base, using: &rng)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let outbox = try OutboxChannel(path: path, clock: ManualClock())
      outbox.close()
      let after = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(after.isEmpty || after.last == UInt8(ascii: "\n"))
      #expect(outbox.cutBytes == bytes.count - after.count)
    }
  }
}
