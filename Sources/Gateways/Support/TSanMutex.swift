#if GATEWAYS_TSAN_LOCKS
  import Foundation

  /// A stand-in for `Synchronization.Mutex`, compiled only with `-DGATEWAYS_TSAN_LOCKS`.
  ///
  /// On Linux `Synchronization.Mutex` locks with raw futex calls that ThreadSanitizer cannot
  /// see, so accesses under it are reported as races (the event loop's inbox was; a ten-line
  /// program with two threads shows the same). For a TSan run this type shadows it with an
  /// `NSLock` (pthread) that TSan understands; production builds never contain it. Delivery
  /// does the same with `-DDELIVERY_TSAN_LOCKS`.
  ///
  /// ```
  /// SWIFT_BACKTRACE=enable=no swift test --sanitize=thread -Xswiftc -DGATEWAYS_TSAN_LOCKS \
  ///   --scratch-path .build-tsan --filter GatewaysTests
  /// ```
  package final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Creates the lock around `value`.
    package init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
      lock.lock()
      defer { lock.unlock() }
      return try body(&value)
    }
  }
#endif
