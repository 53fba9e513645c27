#if DELIVERY_TSAN_LOCKS
  import Foundation

  /// A stand-in for `Synchronization.Mutex`, compiled only with `-DDELIVERY_TSAN_LOCKS`.
  ///
  /// On Linux `Synchronization.Mutex` locks with raw futex calls that ThreadSanitizer cannot
  /// see, so every access under it is reported as a race (verified with a ten-line program: eight
  /// threads, 80,000 correct increments, race warnings). For a TSan run this type shadows it
  /// with an `NSLock` (pthread) that TSan understands; production builds never contain it:
  ///
  /// ```
  /// swift build --build-tests --sanitize=thread -Xswiftc -DDELIVERY_TSAN_LOCKS \
  ///   --scratch-path .build-tsan
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
