import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Turns SIGTERM, SIGINT and SIGHUP into requests the daemon loop reads between steps, and
/// cancels whatever the loop is waiting on so it reacts at once.
final class SignalWatcher: Sendable {
  enum Request: Sendable { case none, reload, stop }

  private struct State {
    var request = Request.none
    var waiting: Task<Void, Never>?
    var cancelWork: (@Sendable () -> Void)?
  }

  private let state = Mutex(State())
  /// The sources must stay alive for their handlers to run; they are only touched in `init`.
  private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

  init() {
    let queue = DispatchQueue(label: "biseo.signals")
    sources = SignalSources.make([SIGTERM, SIGINT, SIGHUP], queue: queue) { number in
      { [weak self] in self?.received(number) }
    }
  }

  private func received(_ signal: Int32) {
    state.withLock { state in
      if signal == SIGHUP {
        if state.request == .none { state.request = .reload }
        state.waiting?.cancel()
      } else {
        // Stop: cancel the wait and the work in flight (a retry waiting out its backoff stays
        // in the ledger as attempted and resumes at the next start).
        state.request = .stop
        state.waiting?.cancel()
        state.cancelWork?()
      }
    }
  }

  /// Takes the pending request, leaving none.
  func take() -> Request {
    state.withLock { state in
      defer { if state.request == .reload { state.request = .none } }
      return state.request
    }
  }

  var stopRequested: Bool { state.withLock { $0.request == .stop } }

  /// Runs `work` so that a stop signal cancels it.
  func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await work() }
    state.withLock { $0.cancelWork = { task.cancel() } }
    defer { state.withLock { $0.cancelWork = nil } }
    if stopRequested { task.cancel() }
    return try await task.value
  }

  /// Sleeps up to `seconds`, or less when a signal arrives.
  func sleep(seconds: Double) async {
    guard seconds > 0, !stopRequested else { return }
    let task = Task { _ = try? await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
    state.withLock { $0.waiting = task }
    await task.value
    state.withLock { $0.waiting = nil }
  }
}
