import Foundation

/// Per-channel limits: how many sends at once, and how many per second.
public struct ChannelLimits: Equatable, Sendable {
  /// Sends in flight at once on the channel.
  public var maxConcurrent: Int
  /// Sends started per second, or nil for no rate limit.
  public var maxPerSecond: Double?

  /// Creates limits; the default is 4 at once and no rate limit.
  public init(maxConcurrent: Int = 4, maxPerSecond: Double? = nil) {
    self.maxConcurrent = max(1, maxConcurrent)
    self.maxPerSecond = maxPerSecond.flatMap { $0 > 0 ? $0 : nil }
  }
}

/// Admits sends to one channel: a FIFO counting semaphore plus a start-rate spacer.
///
/// Each channel has its own gate, so a slow or dead endpoint only queues its own sends.
actor ChannelGate {
  private let limits: ChannelLimits
  private let clock: any DeliveryClock
  private var inFlight = 0
  private var waiters: [CheckedContinuation<Void, Never>] = []
  private var nextStart: Date?

  init(limits: ChannelLimits, clock: any DeliveryClock) {
    self.limits = limits
    self.clock = clock
  }

  /// Waits for a free slot and for the rate limit, then holds the slot until ``release()``.
  func acquire() async throws {
    if inFlight < limits.maxConcurrent {
      inFlight += 1
    } else {
      await withCheckedContinuation { waiters.append($0) }
    }
    guard let rate = limits.maxPerSecond else { return }
    let now = clock.now()
    let start = max(now, nextStart ?? now)
    nextStart = start.addingTimeInterval(1 / rate)
    let wait = start.timeIntervalSince(now)
    if wait > 0 {
      do {
        try await clock.sleep(seconds: wait)
      } catch {
        release()
        throw error
      }
    }
  }

  /// Frees a slot, handing it straight to the longest waiter if there is one.
  func release() {
    if waiters.isEmpty {
      inFlight -= 1
    } else {
      waiters.removeFirst().resume()
    }
  }

  /// Sends holding a slot now (for tests and metrics).
  var busy: Int { inFlight }
}
