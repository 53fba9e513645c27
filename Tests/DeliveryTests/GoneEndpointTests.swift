@testable import Delivery
import Foundation
import Synchronization
import Testing

/// A 410 disables a webhook endpoint for good: the ledger remembers it across restarts.
@Suite struct GoneEndpointTests {
  static let url = "http://127.0.0.1:9/hook"

  static func webhook(_ transport: ScriptedTransport, url: String = url, clock: ManualClock)
    throws -> WebhookChannel
  {
    try WebhookChannel(
      config: ChannelConfig(
        name: "hook", kind: "webhook",
        settings: ["url": url, "secret": WebhookChannelTests.secret]),
      clock: clock, transport: transport)
  }

  @Test("410을 받은 엔드포인트는 재시작한 뒤에도 다시 부르지 않는다")
  func goneEndpointIsRememberedAcrossRestarts() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("ledger.log")
    let clock = ManualClock()
    let first = ScriptedTransport([.reply(HTTPReply(status: 410))])
    var ledger = try DeliveryLedger(path: path)
    let events = Mutex<[DispatchEvent]>([])
    func dispatcher(_ channel: WebhookChannel) -> Dispatcher {
      Dispatcher(
        ledger: ledger, channels: ["hook": channel], policy: .test, clock: clock, seed: 1,
        events: { event in events.withLock { $0.append(event) } })
    }
    let gone = try dispatcher(Self.webhook(first, clock: clock))
    #expect(try await gone.deliver(DispatcherTests.notice(1)) == .failed)
    #expect(try await gone.deliver(DispatcherTests.notice(2)) == .failed)
    #expect(first.requests.count == 1)
    #expect(
      events.withLock { $0 }.filter {
        if case .endpointDisabled = $0 { return true }
        return false
      }.count == 1)
    ledger.close()

    // A restart: a new ledger, new channels, and a transport that would now deliver.
    let second = ScriptedTransport([.reply(HTTPReply(status: 200))])
    ledger = try DeliveryLedger(path: path)
    let remembered = try #require(ledger.disabledEndpoint(Self.url))
    #expect(remembered.channel == "hook" && remembered.since == clock.now())
    #expect(remembered.reason == "HTTP 410 from \(Self.url)")
    let restarted = try dispatcher(Self.webhook(second, clock: clock))
    #expect(try await restarted.deliver(DispatcherTests.notice(3)) == .failed)
    #expect(second.requests.isEmpty, "a remembered 410 must not be called again")
    let detail = try #require(ledger.entry(DispatcherTests.notice(3).key)?.detail)
    #expect(
      detail
        == "endpoint gone: HTTP 410 from \(Self.url); disabled since 2026-12-17T00:00:00Z")

    // Compaction keeps it, a read-only snapshot shows it, and a new URL is a new endpoint.
    try await ledger.compact()
    ledger.close()
    #expect(try LedgerSnapshot(path: path).disabledEndpoints == [remembered])
    ledger = try DeliveryLedger(path: path)
    #expect(ledger.disabledEndpoints() == [remembered])
    let third = ScriptedTransport([.reply(HTTPReply(status: 200))])
    let moved = try dispatcher(
      Self.webhook(third, url: "http://127.0.0.1:9/new-hook", clock: clock))
    #expect(try await moved.deliver(DispatcherTests.notice(4)) == .delivered)
    #expect(third.requests.count == 1)
    ledger.close()
  }

  /// Replays after compaction may repeat the record; the first 410 is the one remembered.
  @Test func replayingADisabledEndpointTwiceKeepsTheFirst() {
    var contents = LedgerContents()
    let t0 = Date(timeIntervalSince1970: 1_797_465_600)
    let record = LedgerRecord(
      event: .endpointDisabled, key: Self.url, at: t0, detail: "HTTP 410", channel: "hook")
    var later = record
    later.at = t0.addingTimeInterval(60)
    let first = contents.apply(record)
    let second = contents.apply(later)
    #expect(first && !second)
    #expect(contents.disabledInOrder.map(\.since) == [t0])
    #expect(contents.entries.isEmpty && contents.order.isEmpty)
  }
}
