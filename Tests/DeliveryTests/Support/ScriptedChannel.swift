import Delivery
import Synchronization

/// A channel whose outcome per attempt comes from a script; records calls and peak concurrency.
final class ScriptedChannel: Channel {
  struct Stats {
    var calls: [String: Int] = [:]
    var inFlight = 0
    var peak = 0
  }

  private let script: @Sendable (Notice, Int) async -> Result<Receipt, ChannelError>
  let stats = Mutex(Stats())

  init(_ script: @escaping @Sendable (Notice, Int) async -> Result<Receipt, ChannelError>) {
    self.script = script
  }

  /// Fails transiently `failures` times per key, then succeeds.
  static func flaky(failures: Int, retryAfter: Double? = nil) -> ScriptedChannel {
    ScriptedChannel { _, attempt in
      attempt <= failures
        ? .failure(.transient(reason: "HTTP 503", retryAfter: retryAfter)) : .success(Receipt("ok"))
    }
  }

  func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let attempt = stats.withLock { s in
      s.calls[notice.key, default: 0] += 1
      s.inFlight += 1
      s.peak = max(s.peak, s.inFlight)
      return s.calls[notice.key, default: 0]
    }
    let result = await script(notice, attempt)
    stats.withLock { $0.inFlight -= 1 }
    return try result.get()
  }

  func calls(_ key: String) -> Int { stats.withLock { $0.calls[key, default: 0] } }
  var totalCalls: Int { stats.withLock { $0.calls.values.reduce(0, +) } }
  var peak: Int { stats.withLock { $0.peak } }
}
