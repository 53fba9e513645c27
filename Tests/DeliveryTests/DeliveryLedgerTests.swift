@testable import Delivery
import Foundation
import Testing

@Suite struct DeliveryLedgerTests {
  static let t0 = Date(timeIntervalSince1970: 1_797_465_600)  // 2026-12-17T00:00:00Z

  static func notice(_ i: Int) -> Notice {
    Notice(
      key: "c\(i)-health_checkup-2026-d14", citizen: "c\(i)", channel: "outbox",
      title: "일반건강검진", body: "올해 일반건강검진 마감이 14일 남았어요.", due: t0,
      metadata: ["reminder": "health_checkup"])
  }

  @Test("같은 키를 두 번 계획해도 한 번만 기록된다")
  func planningTwiceIsANoOp() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    #expect(try await ledger.plan(Self.notice(1), at: Self.t0))
    let size = ledger.journalSize
    #expect(try await ledger.plan(Self.notice(1), at: Self.t0) == false)
    #expect(ledger.journalSize == size)
    ledger.close()
    let again = try DeliveryLedger(path: dir.file("ledger.log"))
    #expect(try await again.plan(Self.notice(1), at: Self.t0) == false)
    #expect(again.entry(Self.notice(1).key)?.state == .planned)
    #expect(again.entry(Self.notice(1).key)?.notice == Self.notice(1))
  }

  @Test func lifecycleSurvivesReopenAndTerminalStatesAreFinal() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let key = Self.notice(1).key
    do {
      let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
      try await ledger.plan(Self.notice(1), at: Self.t0)
      try await ledger.markAttempted(key, attempt: 1, at: Self.t0)
      let later = Self.t0.addingTimeInterval(30)
      try await ledger.markRetry(key, notBefore: later, reason: "503", at: Self.t0)
      #expect(ledger.entry(key)?.notBefore == later)
      try await ledger.markAttempted(key, attempt: 2, at: later)
      #expect(try await ledger.markDelivered(key, receipt: "200", at: later))
      #expect(try await ledger.markDead(key, reason: "late", at: later) == false)
      ledger.close()
    }
    let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    let entry = try #require(ledger.entry(key))
    #expect(entry.state == .delivered && entry.attempts == 2 && entry.detail == "200")
    #expect(ledger.unfinished().isEmpty)
  }

  @Test func compactionShrinksAndKeepsStateAndDedup() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.log")
    let ledger = try DeliveryLedger(path: path)
    for i in 0..<100 {
      try await ledger.plan(Self.notice(i), at: Self.t0)
      try await ledger.markAttempted(Self.notice(i).key, attempt: 1, at: Self.t0)
      if i < 90 { try await ledger.markDelivered(Self.notice(i).key, receipt: "ok", at: Self.t0) }
    }
    let before = ledger.journalSize
    try await ledger.compact()
    #expect(ledger.journalSize < before / 2)
    try await ledger.markFailed(Self.notice(95).key, reason: "410", at: Self.t0)
    ledger.close()
    let again = try DeliveryLedger(path: path)
    #expect(again.counts() == [.delivered: 90, .attempted: 9, .failed: 1])
    #expect(
      again.unfinished().map(\.key) == (90..<100).filter { $0 != 95 }.map { Self.notice($0).key })
    #expect(try await again.plan(Self.notice(3), at: Self.t0) == false)
    #expect(again.entry(Self.notice(3).key)?.notice == nil)
    #expect(again.entry(Self.notice(92).key)?.notice == Self.notice(92))
  }

  @Test func compactionForgetsFinishedEntriesOlderThanTheHorizon() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.log")
    let ledger = try DeliveryLedger(path: path)
    let old = Self.t0.addingTimeInterval(-400 * 86_400)
    try await ledger.plan(Self.notice(1), at: old)
    try await ledger.markDelivered(Self.notice(1).key, receipt: "ok", at: old)
    try await ledger.plan(Self.notice(2), at: old)  // unfinished: kept however old
    try await ledger.plan(Self.notice(3), at: Self.t0)
    try await ledger.markDead(Self.notice(3).key, reason: "gave up", at: Self.t0)
    try await ledger.compact(forgettingFinishedBefore: Self.t0.addingTimeInterval(-365 * 86_400))
    #expect(ledger.entry(Self.notice(1).key) == nil)
    ledger.close()
    let again = try DeliveryLedger(path: path)
    #expect(again.counts() == [.planned: 1, .dead: 1])
    #expect(try await again.plan(Self.notice(1), at: Self.t0))
  }

  /// Compaction may duplicate records appended while it ran; replay must not care.
  @Test func replayingDuplicatedRecordsChangesNothing() throws {
    var entries: [String: LedgerEntry] = [:]
    var order: [String] = []
    let key = Self.notice(1).key
    let records = [
      LedgerRecord(event: .planned, key: key, at: Self.t0, notice: Self.notice(1)),
      LedgerRecord(event: .attempted, key: key, at: Self.t0, attempt: 1),
      LedgerRecord(event: .delivered, key: key, at: Self.t0, detail: "r"),
    ]
    for record in records + records { record.apply(to: &entries, order: &order) }
    #expect(order == [key])
    #expect(entries[key]?.state == .delivered && entries[key]?.attempts == 1)
  }

  @Test func concurrentPlanningOfOverlappingKeys() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    let created = try await withThrowingTaskGroup(of: Bool.self) { group in
      for i in 0..<600 {
        group.addTask { try await ledger.plan(Self.notice(i % 200), at: Self.t0) }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(created == 200)
    ledger.close()
    let again = try DeliveryLedger(path: dir.file("ledger.log"))
    #expect(again.counts() == [.planned: 200])
    #expect(again.undecodableRecords == 0)
  }
}
