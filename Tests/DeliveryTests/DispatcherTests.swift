@testable import Delivery
import Foundation
import Synchronization
import Testing

@Suite struct DispatcherTests {
  static func notice(_ i: Int, channel: String = "hook") -> Notice {
    var notice = ChannelTests.notice(i)
    notice.channel = channel
    return notice
  }

  final class Rig: Sendable {
    let dir: TemporaryDirectory
    let ledger: DeliveryLedger
    let clock = ManualClock()
    let events = Mutex<[DispatchEvent]>([])

    init() throws {
      dir = try TemporaryDirectory()
      ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    }

    func dispatcher(
      _ channels: [String: any Channel], policy: RetryPolicy = .test,
      limits: [String: ChannelLimits] = [:]
    ) -> Dispatcher {
      Dispatcher(
        ledger: ledger, channels: channels, policy: policy, limits: limits, clock: clock,
        seed: 42, events: { event in self.events.withLock { $0.append(event) } })
    }
  }

  @Test func transientFailuresAreRetriedWithJitteredBackoff() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let channel = ScriptedChannel.flaky(failures: 3)
    let state = try await rig.dispatcher(["hook": channel]).deliver(Self.notice(1))
    #expect(state == .delivered)
    #expect(channel.calls(Self.notice(1).key) == 4)
    let entry = try #require(rig.ledger.entry(Self.notice(1).key))
    #expect(entry.attempts == 4 && entry.detail == "ok")
    let sleeps = rig.clock.sleeps
    #expect(sleeps.count == 3)
    for (i, sleep) in sleeps.enumerated() {
      #expect(sleep >= 0 && sleep <= RetryPolicy.test.ceiling(afterFailedAttempts: i + 1))
    }
  }

  @Test func retryAfterIsHonouredAndCapped() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.1, maxDelay: 2, maxRetryAfter: 60)
    _ = try await rig.dispatcher(
      ["hook": ScriptedChannel.flaky(failures: 1, retryAfter: 7)], policy: policy
    )
    .deliver(Self.notice(1))
    _ = try await rig.dispatcher(
      ["hook": ScriptedChannel.flaky(failures: 1, retryAfter: 7200)], policy: policy
    )
    .deliver(Self.notice(2))
    #expect(rig.clock.sleeps == [7, 60])
  }

  @Test func exhaustedRetriesAreDeadLettered() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let channel = ScriptedChannel.flaky(failures: 100)
    #expect(try await rig.dispatcher(["hook": channel]).deliver(Self.notice(1)) == .dead)
    #expect(channel.totalCalls == RetryPolicy.test.maxAttempts)
    #expect(
      rig.events.withLock { $0 }.last
        == .dead(key: Self.notice(1).key, reason: "gave up after 5 attempts: HTTP 503"))
  }

  @Test func permanentAndGoneFailuresAreNotRetried() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let permanent = ScriptedChannel { _, _ in .failure(.permanent(reason: "HTTP 400")) }
    let gone = ScriptedChannel { _, _ in .failure(.endpointGone(reason: "HTTP 410")) }
    let dispatcher = rig.dispatcher(["bad": permanent, "gone": gone])
    #expect(try await dispatcher.deliver(Self.notice(1, channel: "bad")) == .failed)
    #expect(try await dispatcher.deliver(Self.notice(2, channel: "gone")) == .failed)
    #expect(try await dispatcher.deliver(Self.notice(3, channel: "nowhere")) == .failed)
    #expect(permanent.totalCalls == 1 && gone.totalCalls == 1)
    #expect(
      rig.events.withLock { $0 }.contains(.endpointDisabled(channel: "gone", reason: "HTTP 410")))
    #expect(rig.ledger.entry(Self.notice(3).key)?.detail == "no channel named 'nowhere'")
  }

  @Test("같은 알림을 여러 번 넘겨도 채널에는 한 번만 간다")
  func theSameKeyIsSentOnce() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let channel = ScriptedChannel { _, _ in
      await Task.yield()
      return .success(Receipt("ok"))
    }
    let dispatcher = rig.dispatcher(["hook": channel])
    let notices = (0..<50).map { Self.notice($0 % 10) }
    try await withThrowingTaskGroup(of: LedgerState.self) { group in
      for notice in notices { group.addTask { try await dispatcher.deliver(notice) } }
      for try await state in group { #expect(state == .delivered) }
    }
    #expect(try await dispatcher.deliver(Self.notice(3)) == .delivered)
    #expect(channel.totalCalls == 10)
  }

  @Test func oneDeadEndpointNeverDelaysTheOthers() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    // The dead endpoint hangs until cancelled, with one slot: its queue never moves.
    let dead = ScriptedChannel { _, _ in
      while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
      return .failure(.transient(reason: "cancelled"))
    }
    let good = ScriptedChannel { _, _ in .success(Receipt("ok")) }
    let dispatcher = rig.dispatcher(
      ["dead": dead, "good": good], limits: ["dead": ChannelLimits(maxConcurrent: 1)])
    let stuck = Task {
      try await dispatcher.deliverAll((100..<120).map { Self.notice($0, channel: "dead") })
    }
    // Let the first dead send start and hang (bounded wait, in real time).
    for _ in 0..<1000 where dead.totalCalls == 0 { try await Task.sleep(for: .milliseconds(5)) }
    try #require(dead.totalCalls == 1)
    let states = try await dispatcher.deliverAll((0..<50).map { Self.notice($0, channel: "good") })
    #expect(states.values.allSatisfy { $0 == .delivered } && states.count == 50)
    #expect(dead.totalCalls == 1, "the dead endpoint's queue must not have moved")
    stuck.cancel()
    _ = try? await stuck.value
  }

  @Test func perChannelConcurrencyAndRateAreLimited() async throws {
    let rig = try Rig()
    defer { rig.dir.remove() }
    let channel = ScriptedChannel { _, _ in
      try? await Task.sleep(for: .milliseconds(2))
      return .success(Receipt("ok"))
    }
    let dispatcher = rig.dispatcher(
      ["hook": channel], limits: ["hook": ChannelLimits(maxConcurrent: 2, maxPerSecond: 10)])
    _ = try await dispatcher.deliverAll((0..<20).map { Self.notice($0) })
    #expect(channel.peak <= 2)
    #expect(channel.totalCalls == 20)
    // 20 starts at 10/s: the spacer waited 1.9 s of (manual) time in all.
    #expect(abs(rig.clock.sleeps.reduce(0, +) - 1.9) < 0.01)
  }

  @Test func unfinishedEntriesResumeAfterRestartAtTheirRecordedTime() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let clock = ManualClock()
    let key = Self.notice(1).key
    do {
      let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
      try await ledger.plan(Self.notice(1), at: clock.now())
      try await ledger.markAttempted(key, attempt: 1, at: clock.now())
      try await ledger.markRetry(
        key, notBefore: clock.now().addingTimeInterval(30), reason: "503", at: clock.now())
      try await ledger.plan(Self.notice(2), at: clock.now())
      ledger.close()
    }
    clock.advance(10)
    let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    let channel = ScriptedChannel { _, _ in .success(Receipt("ok")) }
    let dispatcher = Dispatcher(
      ledger: ledger, channels: ["hook": channel], policy: .test, clock: clock, seed: 1)
    let states = try await dispatcher.resumeUnfinished()
    #expect(states == [key: .delivered, Self.notice(2).key: .delivered])
    #expect(ledger.entry(key)?.attempts == 2)
    #expect(clock.sleeps.contains(20))
  }

  @Test func fullJitterStaysUnderTheCeilingAndIsReproducible() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 30)
    #expect((1...7).map { policy.ceiling(afterFailedAttempts: $0) } == [1, 2, 4, 8, 16, 30, 30])
    var a = SplitMix64(seed: 7)
    var b = SplitMix64(seed: 7)
    var seen: [Double] = []
    for n in 1...200 {
      let d = policy.delay(afterFailedAttempts: n % 8 + 1, retryAfter: nil, using: &a)
      #expect(d >= 0 && d <= policy.ceiling(afterFailedAttempts: n % 8 + 1))
      #expect(d == policy.delay(afterFailedAttempts: n % 8 + 1, retryAfter: nil, using: &b))
      seen.append(d / policy.ceiling(afterFailedAttempts: n % 8 + 1))
    }
    // Full jitter spreads over the whole range, not just near the ceiling.
    #expect(seen.contains { $0 < 0.2 } && seen.contains { $0 > 0.8 })
  }
}
