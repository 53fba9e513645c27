import Synchronization

/// One turn at a time per key (a citizen): a second message for the same citizen waits, without
/// blocking a thread, until the first has read, answered and saved.
///
/// Waiters are resumed in arrival order; a key with nobody holding or waiting takes no memory.
package final class TurnLocks: Sendable {
  private let waiting = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

  package init() {}

  /// Waits until `key` is free and takes it; pair with `release(_:)`.
  package func acquire(_ key: String) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let free = waiting.withLock { table -> Bool in
        if table[key] == nil {
          table[key] = []
          return true
        }
        table[key]?.append(continuation)
        return false
      }
      if free { continuation.resume() }
    }
  }

  /// Gives `key` to the next waiter, or frees it.
  package func release(_ key: String) {
    let next = waiting.withLock { table -> CheckedContinuation<Void, Never>? in
      guard var queue = table[key] else { return nil }
      if queue.isEmpty {
        table[key] = nil
        return nil
      }
      let first = queue.removeFirst()
      table[key] = queue
      return first
    }
    next?.resume()
  }
}
