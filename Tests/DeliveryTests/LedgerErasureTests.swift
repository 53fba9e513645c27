@testable import Delivery
import Foundation
import Testing

/// Erasing a citizen from the ledger: nothing of theirs is sent or kept after compaction.
@Suite struct LedgerErasureTests {
  static let t0 = DeliveryLedgerTests.t0

  static func notice(_ citizen: String, _ n: Int) -> Notice {
    Notice(
      key: "\(citizen):civil_defense:2026-11-30:\(n)", citizen: citizen, channel: "outbox",
      title: "민방위", body: "\(citizen)님, 민방위 교육", due: t0, metadata: [:])
  }

  @Test("erase drops pending and finished entries; compaction leaves no trace; others stay")
  func eraseThenCompact() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.journal")
    let ledger = try DeliveryLedger(path: path)
    for n in 0..<3 {
      try await ledger.plan(Self.notice("c-gone", n), at: Self.t0)
      try await ledger.plan(Self.notice("c-kept", n), at: Self.t0)
    }
    try await ledger.markDelivered(Self.notice("c-gone", 0).key, receipt: "ok", at: Self.t0)
    try await ledger.compact()  // the delivered one is now a tombstone without its notice
    #expect(ledger.entries(of: "c-gone").count == 3)
    #expect(try await ledger.erase(citizen: "c-gone", at: Self.t0))
    #expect(try await ledger.erase(citizen: "c-gone", at: Self.t0) == false)
    #expect(ledger.entries(of: "c-gone").isEmpty)
    #expect(ledger.unfinished().allSatisfy { $0.notice?.citizen == "c-kept" })
    try await ledger.compact()
    ledger.close()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(bytes.range(of: Data("c-gone".utf8)) == nil)
    let reopened = try DeliveryLedger(path: path)
    #expect(reopened.entries(of: "c-kept").count == 3 && reopened.entries(of: "c-gone").isEmpty)
    reopened.close()
  }
}
