import Dispatch
import Synchronization

/// Batches appends from many callers into one write and one sync on a serial queue.
///
/// Each submission is acknowledged only after the sync that covers it. Bytes are written in
/// submission order, so the device always holds a prefix of the submissions. A failed write or
/// sync poisons the committer: that batch, everything pending and every later submission fail,
/// and `onFailure` runs once. The journal and the outbox both sit on this.
package final class GroupCommitter: Sendable {
  /// The completion of one submission: success only after the covering sync.
  package typealias Completion = @Sendable (Result<Void, JournalError>) -> Void

  struct Pending {
    var bytes: [UInt8]
    var completion: Completion
  }

  struct State {
    var device: any JournalDevice
    var pending: [Pending] = []
    var flushScheduled = false
    var failure: JournalError?
    var closed = false
    var size: Int
    var commits = 0
  }

  private let maxBatchBytes: Int
  private let onFailure: @Sendable (JournalError) -> Void
  private let state: Mutex<State>
  private let queue: DispatchQueue

  /// Creates a committer over `device`, which already holds `size` good bytes.
  package init(
    device: any JournalDevice, size: Int, maxBatchBytes: Int, label: String,
    onFailure: @escaping @Sendable (JournalError) -> Void
  ) {
    self.state = Mutex(State(device: device, size: size))
    self.maxBatchBytes = maxBatchBytes
    self.onFailure = onFailure
    self.queue = DispatchQueue(label: label)
  }

  /// Queues `bytes`; `completion` runs after the covering sync, or at once if refused.
  package func submit(_ bytes: [UInt8], completion: @escaping Completion) {
    let refusal: JournalError? = state.withLock { s in
      if let refusal = Self.refusal(s) { return refusal }
      s.pending.append(Pending(bytes: bytes, completion: completion))
      if !s.flushScheduled {
        s.flushScheduled = true
        queue.async { self.flushOneBatch() }
      }
      return nil
    }
    if let refusal { completion(.failure(refusal)) }
  }

  /// Queues `bytes` and waits for the covering sync.
  package func append(_ bytes: [UInt8]) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      submit(bytes) { result in continuation.resume(with: result.mapError { $0 as Error }) }
    }
  }

  private static func refusal(_ s: State) -> JournalError? {
    if s.closed { return .closed }
    if let failure = s.failure { return .poisoned(cause: failure.description) }
    return nil
  }

  private func flushOneBatch() {
    let (batch, device) = state.withLock { s -> ([Pending], any JournalDevice) in
      if s.pending.isEmpty {
        s.flushScheduled = false
        return ([], s.device)
      }
      var bytes = 0
      var count = 0
      while count < s.pending.count && (count == 0 || bytes < maxBatchBytes) {
        bytes += s.pending[count].bytes.count
        count += 1
      }
      if count == s.pending.count {  // the usual case: take everything, no O(n) shifting
        defer { s.pending = [] }
        return (s.pending, s.device)
      }
      let batch = Array(s.pending.prefix(count))
      s.pending.removeFirst(count)
      return (batch, s.device)
    }
    guard !batch.isEmpty else { return }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(batch.reduce(0) { $0 + $1.bytes.count })
    for item in batch { buffer += item.bytes }
    var outcome: Result<Void, JournalError> = .success(())
    do throws(JournalError) {
      try device.write(buffer)
      try device.sync()
    } catch {
      outcome = .failure(error)
    }
    var orphans: [Pending] = []
    state.withLock { s in
      if case .failure(let error) = outcome {
        if s.failure == nil { s.failure = error }
        orphans = s.pending
        s.pending.removeAll()
        s.flushScheduled = false
        return
      }
      s.size += buffer.count
      s.commits += 1
      if s.pending.isEmpty {
        s.flushScheduled = false
      } else {
        queue.async { self.flushOneBatch() }
      }
    }
    if case .failure(let error) = outcome {
      // The hook first: a daemon exits here, before any caller hears of the failure and acts.
      onFailure(error)
      for item in batch { item.completion(outcome) }
      for item in orphans { item.completion(.failure(.poisoned(cause: error.description))) }
    } else {
      for item in batch { item.completion(outcome) }
    }
  }

  /// Runs `body` on the writer queue between batches with the current device.
  ///
  /// `body` may return a replacement device and its size (compaction); the old device is then
  /// closed. A failure is passed to the caller and does not poison (call ``poison(_:)`` for that).
  package func exclusive<T: Sendable>(
    _ body:
      @escaping @Sendable (any JournalDevice) -> Result<
        (T, (any JournalDevice, Int)?), JournalError
      >
  ) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
      queue.async {
        let (refusal, device) = self.state.withLock { (Self.refusal($0), $0.device) }
        if let refusal { return continuation.resume(throwing: refusal) }
        switch body(device) {
        case .failure(let error):
          continuation.resume(throwing: error)
        case .success(let (value, replacement)):
          if let (newDevice, size) = replacement {
            self.state.withLock { s in
              s.device = newDevice
              s.size = size
            }
            device.close()
          }
          continuation.resume(returning: value)
        }
      }
    }
  }

  /// Marks the committer failed when compaction broke after its rename, and runs `onFailure`.
  package func poison(_ error: JournalError) {
    let first = state.withLock { s in
      defer { if s.failure == nil { s.failure = error } }
      return s.failure == nil
    }
    if first { onFailure(error) }
  }

  /// Whether a write or sync has failed.
  package var isPoisoned: Bool { state.withLock { $0.failure != nil } }

  /// Group commits (write + sync) done so far.
  package var commits: Int { state.withLock { $0.commits } }

  /// Bytes acknowledged in the current device.
  package var size: Int { state.withLock { $0.size } }

  /// Flushes what is pending, then closes the device; later submissions fail with `.closed`.
  package func close() {
    state.withLock { $0.closed = true }
    queue.sync {
      while state.withLock({ !$0.pending.isEmpty && $0.failure == nil }) { flushOneBatch() }
    }
    state.withLock { $0.device.close() }
  }

  deinit { state.withLock { $0.device.close() } }
}
