import Foundation
import Synchronization

/// Something the dispatcher did that operators may want to see or count.
public enum DispatchEvent: Equatable, Sendable {
  /// A notice was delivered on attempt `attempt`.
  case delivered(key: String, attempt: Int, receipt: String)
  /// An attempt failed transiently; the next one is `after` seconds later.
  case retrying(key: String, attempt: Int, after: Double, reason: String)
  /// A permanent failure; no retry.
  case failed(key: String, reason: String)
  /// Retries exhausted: dead-lettered. Raise an alert.
  case dead(key: String, reason: String)
  /// No usable address: the reminder is parked until the citizen gives one.
  case parked(key: String, reason: String)
  /// An endpoint answered 410 and is disabled.
  case endpointDisabled(channel: String, reason: String)
}

/// Delivers notices through their channels, effectively once, with the ledger as the truth.
///
/// For each notice: plan it in the ledger (a known key is not planned again), then loop: record
/// the attempt durably *before* sending (a crash mid-send therefore retries, and receivers
/// deduplicate by key), send through the channel's gate, and record delivered / failed / retry /
/// dead. Transient failures wait with full-jitter backoff, honouring `Retry-After`; waiting
/// happens outside the channel's gate, and every notice runs in its own task, so one dead endpoint
/// never delays the others.
public final class Dispatcher: Sendable {
  private let ledger: DeliveryLedger
  private let channels: [String: any Channel]
  private let gates: [String: ChannelGate]
  private let policy: RetryPolicy
  private let clock: any DeliveryClock
  private let generator: Mutex<SplitMix64>
  private let events: @Sendable (DispatchEvent) -> Void
  /// Keys being driven in this process, so two callers never send the same key at once.
  private let running = Mutex<[String: Task<LedgerState, Error>]>([:])

  /// Creates a dispatcher.
  ///
  /// - Parameters:
  ///   - ledger: the durable record.
  ///   - channels: channels by the name notices use.
  ///   - policy: the retry schedule.
  ///   - limits: per-channel limits by name; `defaultLimits` for the others.
  ///   - defaultLimits: limits for channels not in `limits`.
  ///   - clock: time and sleeping.
  ///   - seed: the jitter seed (fixed in tests; take it from the system in production).
  ///   - events: where dispatch events go (log, metrics, alerts).
  public init(
    ledger: DeliveryLedger, channels: [String: any Channel], policy: RetryPolicy = RetryPolicy(),
    limits: [String: ChannelLimits] = [:], defaultLimits: ChannelLimits = ChannelLimits(),
    clock: any DeliveryClock, seed: UInt64,
    events: @escaping @Sendable (DispatchEvent) -> Void = { _ in }
  ) {
    self.ledger = ledger
    self.channels = channels
    self.gates = channels.keys.reduce(into: [:]) { gates, name in
      gates[name] = ChannelGate(limits: limits[name] ?? defaultLimits, clock: clock)
    }
    self.policy = policy
    self.clock = clock
    self.generator = Mutex(SplitMix64(seed: seed))
    self.events = events
    // A 410 is remembered across restarts: a dead endpoint is never called again.
    for channel in channels.values {
      guard let channel = channel as? any EndpointChannel,
        let gone = ledger.disabledEndpoint(channel.endpoint)
      else { continue }
      let since = gone.since.formatted(.iso8601)
      channel.disable(reason: "\(gone.reason); disabled since \(since)")
    }
  }

  /// Plans `notice` and drives it to a terminal state.
  ///
  /// - Parameter notice: the reminder.
  /// - Returns: the final state (`delivered`, `failed` or `dead`).
  /// - Throws: `JournalError` if the ledger cannot be written (the process should exit), or
  ///   `CancellationError`.
  @discardableResult
  public func deliver(_ notice: Notice) async throws -> LedgerState {
    try await ledger.plan(notice, at: clock.now())
    return try await driveOnce(notice.key)
  }

  /// Drives `key`, or joins the drive already running for it.
  private func driveOnce(_ key: String) async throws -> LedgerState {
    let task = running.withLock { running in
      if let task = running[key] { return task }
      let task = Task { try await self.drive(key) }
      running[key] = task
      return task
    }
    defer { running.withLock { if $0[key] == task { $0[key] = nil } } }
    return try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }

  /// Delivers many notices concurrently, each in its own task.
  ///
  /// - Returns: final states by key.
  public func deliverAll(_ notices: [Notice]) async throws -> [String: LedgerState] {
    try await withThrowingTaskGroup(of: (String, LedgerState).self) { group in
      for notice in notices { group.addTask { (notice.key, try await self.deliver(notice)) } }
      return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
  }

  /// Resumes every unfinished ledger entry (after a restart), honouring recorded retry times.
  ///
  /// - Returns: final states by key.
  public func resumeUnfinished() async throws -> [String: LedgerState] {
    let keys = ledger.unfinished().map(\.key)
    return try await withThrowingTaskGroup(of: (String, LedgerState).self) { group in
      for key in keys { group.addTask { (key, try await self.driveOnce(key)) } }
      return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
  }

  private func drive(_ key: String) async throws -> LedgerState {
    while true {
      guard let entry = ledger.entry(key) else { return .failed }
      if entry.state.isTerminal || entry.state == .parked { return entry.state }
      guard let notice = entry.notice else { return entry.state }
      if let notBefore = entry.notBefore {
        try await clock.sleep(seconds: notBefore.timeIntervalSince(clock.now()))
      }
      guard let channel = channels[notice.channel], let gate = gates[notice.channel] else {
        let reason = "no channel named '\(notice.channel)'"
        try await ledger.markFailed(key, reason: reason, at: clock.now())
        events(.failed(key: key, reason: reason))
        continue
      }
      let attempt = entry.attempts + 1
      try await ledger.markAttempted(key, attempt: attempt, at: clock.now())
      try await gate.acquire()
      let outcome: Result<Receipt, ChannelError>
      do throws(ChannelError) {
        outcome = .success(try await channel.send(notice))
      } catch {
        outcome = .failure(error)
      }
      await gate.release()
      try await record(outcome, for: notice, attempt: attempt)
    }
  }

  private func record(_ outcome: Result<Receipt, ChannelError>, for notice: Notice, attempt: Int)
    async throws
  {
    let key = notice.key
    let now = clock.now()
    switch outcome {
    case .success(let receipt):
      try await ledger.markDelivered(key, receipt: receipt.detail, at: now)
      events(.delivered(key: key, attempt: attempt, receipt: receipt.detail))
    case .failure(.transient(let reason, let retryAfter)):
      if attempt >= policy.maxAttempts {
        let why = "gave up after \(attempt) attempts: \(reason)"
        try await ledger.markDead(key, reason: why, at: now)
        events(.dead(key: key, reason: why))
        return
      }
      let delay = generator.withLock {
        policy.delay(afterFailedAttempts: attempt, retryAfter: retryAfter, using: &$0)
      }
      try await ledger.markRetry(
        key, notBefore: now.addingTimeInterval(delay), reason: reason, at: now)
      events(.retrying(key: key, attempt: attempt, after: delay, reason: reason))
    case .failure(.endpointGone(let reason)):
      // Remembered before the reminder is closed: a crash in between only means one more 410.
      var news = true
      if let channel = channels[notice.channel] as? any EndpointChannel {
        news = try await ledger.disableEndpoint(
          channel.endpoint, channel: notice.channel, reason: reason, at: now)
      }
      try await ledger.markFailed(key, reason: "endpoint gone: \(reason)", at: now)
      if news { events(.endpointDisabled(channel: notice.channel, reason: reason)) }
      events(.failed(key: key, reason: reason))
    case .failure(.unaddressed(let reason)):
      try await ledger.markParked(key, reason: reason, at: now)
      events(.parked(key: key, reason: reason))
    case .failure(let error):
      try await ledger.markFailed(key, reason: error.description, at: now)
      events(.failed(key: key, reason: error.description))
    }
  }
}
