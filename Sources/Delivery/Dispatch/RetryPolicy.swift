/// When to try again: exponential backoff with full jitter, a cap, and `Retry-After` honoured.
///
/// The delay before attempt `n + 1` is uniform in `0…min(maxDelay, baseDelay · 2^(n−1))` (AWS's
/// "full jitter"); a receiver's `Retry-After` raises it to at least that hint, capped at
/// `maxRetryAfter`. After `maxAttempts` attempts the reminder is dead-lettered.
public struct RetryPolicy: Equatable, Sendable {
  /// Attempts in all, the first included.
  public var maxAttempts: Int
  /// The backoff ceiling after the first failure, in seconds.
  public var baseDelay: Double
  /// The largest backoff ceiling, in seconds.
  public var maxDelay: Double
  /// The largest `Retry-After` obeyed, in seconds (a hostile receiver cannot park us for a year).
  public var maxRetryAfter: Double

  /// Creates a policy; the defaults suit production webhooks (8 attempts over about 2 hours).
  public init(
    maxAttempts: Int = 8, baseDelay: Double = 5, maxDelay: Double = 3600,
    maxRetryAfter: Double = 3600
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
  }

  /// The compressed schedule used by integration tests (reliability.md §4).
  public static let test = RetryPolicy(
    maxAttempts: 5, baseDelay: 0.1, maxDelay: 2, maxRetryAfter: 5)

  /// The backoff ceiling after `failedAttempts` failures.
  public func ceiling(afterFailedAttempts failedAttempts: Int) -> Double {
    let exponent = Double(min(max(failedAttempts - 1, 0), 60))
    return min(maxDelay, baseDelay * pow2(exponent))
  }

  /// The delay before the next attempt.
  ///
  /// - Parameters:
  ///   - failedAttempts: attempts made so far (all failed), at least 1.
  ///   - retryAfter: the receiver's hint in seconds, if any.
  ///   - generator: the randomness (seeded in tests).
  /// - Returns: seconds to wait.
  public func delay(
    afterFailedAttempts failedAttempts: Int, retryAfter: Double?,
    using generator: inout some RandomNumberGenerator
  ) -> Double {
    let ceiling = ceiling(afterFailedAttempts: failedAttempts)
    let jittered = ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0
    guard let retryAfter else { return jittered }
    return max(jittered, min(max(retryAfter, 0), maxRetryAfter))
  }

  private func pow2(_ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= 2 }
    return result
  }
}

/// SplitMix64: a tiny, fast, seedable generator for reproducible jitter in tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator from `seed`.
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
