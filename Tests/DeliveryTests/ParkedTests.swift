@testable import Delivery
import Foundation
import Testing

/// A reminder without a usable address is parked (waiting, never lost) and delivered once it
/// has one; the journal keeps reading records written before parking existed.
@Suite struct ParkedTests {
  static func notice(recipient: String = "") -> Notice {
    Notice(
      key: "c002-park-junho:birth_registration:2026-11-20:2026-11-13:mail", citizen: "c002",
      channel: "mail", recipient: recipient, title: "출생신고", body: "출생신고 마감이 다가와요.",
      due: DeliveryLedgerTests.t0)
  }

  /// Sends to whoever has an address; an empty one is the SMTP channel's `unaddressed`.
  struct AddressedChannel: Channel {
    func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
      guard notice.recipient.contains("@") else {
        throw .unaddressed(reason: "no e-mail address")
      }
      return Receipt("250 to \(notice.recipient)")
    }
  }

  @Test("주소가 없으면 실패가 아니라 보류되고, 주소가 생기면 보낸다")
  func parkedThenReaddressedThenDelivered() async throws {
    let rig = try DispatcherTests.Rig()
    defer { rig.dir.remove() }
    let dispatcher = rig.dispatcher(["mail": AddressedChannel()])
    #expect(try await dispatcher.deliver(Self.notice()) == .parked)
    let key = Self.notice().key
    #expect(rig.ledger.entry(key)?.detail == "no e-mail address")
    #expect(rig.ledger.counts() == [.parked: 1])
    #expect(rig.events.withLock { $0 } == [.parked(key: key, reason: "no e-mail address")])
    // Driving it again sends nothing: parked is not retried on its own.
    #expect(try await dispatcher.deliver(Self.notice()) == .parked)
    #expect(rig.ledger.entry(key)?.attempts == 1)
    // Only a parked entry takes a new address.
    #expect(try await rig.ledger.readdress(Self.notice(recipient: "junho@example.com"), at: .now))
    #expect(rig.ledger.entry(key)?.state == .planned)
    #expect(
      try await rig.ledger.readdress(Self.notice(recipient: "x@example.com"), at: .now) == false)
    #expect(try await dispatcher.deliver(Self.notice()) == .delivered)
    #expect(rig.ledger.entry(key)?.detail == "250 to junho@example.com")
  }

  @Test func parkedSurvivesReopenAndCompaction() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.log")
    let key = Self.notice().key
    do {
      let ledger = try DeliveryLedger(path: path)
      try await ledger.plan(Self.notice(), at: DeliveryLedgerTests.t0)
      try await ledger.markParked(key, reason: "no contacts.email", at: DeliveryLedgerTests.t0)
      ledger.close()
    }
    do {
      let ledger = try DeliveryLedger(path: path)
      #expect(ledger.entry(key)?.state == .parked)
      #expect(ledger.entry(key)?.detail == "no contacts.email")
      try await ledger.compact()
      ledger.close()
    }
    let ledger = try DeliveryLedger(path: path)
    #expect(ledger.entry(key)?.state == .parked && ledger.entry(key)?.notice == Self.notice())
    #expect(try LedgerSnapshot(path: path).counts == [.parked: 1])
    #expect(try await ledger.readdress(Self.notice(recipient: "junho@example.com"), at: .now))
    ledger.close()
    let reopened = try DeliveryLedger(path: path)
    #expect(reopened.entry(key)?.notice?.recipient == "junho@example.com")
    #expect(reopened.entry(key)?.state == .planned)
  }

  @Test("보류 전의 저널(이전 버전이 쓴 것)도 그대로 읽힌다")
  func aJournalWrittenBeforeParkingLoads() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.log")
    // Frames as an earlier version wrote them (planned, attempted, failed), byte for byte.
    let records = [
      #"{"at":"2026-12-17T00:00:00Z","event":"planned","key":"k1","notice":{"body":"b","channel":"mail","citizen":"c1","due":"2026-12-17T00:00:00Z","key":"k1","metadata":{},"recipient":"","title":"t"}}"#,
      #"{"at":"2026-12-17T00:00:00Z","attempt":1,"event":"attempted","key":"k1"}"#,
      #"{"at":"2026-12-17T00:00:01Z","detail":"permanent failure: '' is not an e-mail address","event":"failed","key":"k1"}"#,
      #"{"at":"2026-12-17T00:00:00Z","event":"planned","key":"k2","notice":{"body":"b","channel":"mail","citizen":"c1","due":"2026-12-17T00:00:00Z","key":"k2","metadata":{},"recipient":"","title":"t"}}"#,
    ]
    let journal = try Journal(path: path)
    for record in records { try await journal.append(Array(record.utf8)) }
    journal.close()
    let ledger = try DeliveryLedger(path: path)
    #expect(ledger.counts() == [.failed: 1, .planned: 1])
    #expect(ledger.undecodableRecords == 0)
  }
}
