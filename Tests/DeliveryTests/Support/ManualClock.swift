import Delivery
import Foundation
import Synchronization

/// A clock that only moves when told to; `sleep` advances it at once and records the wait.
final class ManualClock: DeliveryClock {
  private struct State {
    var now: Date
    var sleeps: [Double] = []
  }

  private let state: Mutex<State>

  init(_ start: Date = Date(timeIntervalSince1970: 1_797_465_600)) {
    state = Mutex(State(now: start))
  }

  func now() -> Date { state.withLock { $0.now } }

  func sleep(seconds: Double) async throws {
    try Task.checkCancellation()
    state.withLock { s in
      s.sleeps.append(seconds)
      s.now = s.now.addingTimeInterval(max(seconds, 0))
    }
    await Task.yield()
  }

  func advance(_ seconds: Double) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }

  var sleeps: [Double] { state.withLock { $0.sleeps } }
}
