import Foundation

/// Wall time and waiting, injected so logic never calls `Date()` and tests never really sleep.
public protocol DeliveryClock: Sendable {
  /// The current instant.
  func now() -> Date
  /// Suspends for `seconds` (a non-positive value returns at once).
  ///
  /// - Throws: `CancellationError` if the task is cancelled.
  func sleep(seconds: Double) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemDeliveryClock: DeliveryClock {
  /// Creates the system clock.
  public init() {}

  public func now() -> Date { Date() }

  public func sleep(seconds: Double) async throws {
    guard seconds > 0 else { return }
    try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
  }
}
