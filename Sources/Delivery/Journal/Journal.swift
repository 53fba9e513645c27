import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only journal of length + CRC framed records with group commit.
///
/// Appends from many callers are batched into one `write` and one `fdatasync`; each append is
/// acknowledged (its completion runs, or `append` returns) only after the sync that covers it.
/// Opening recovers: the file is scanned, a torn or corrupt tail is cut and synced, and the
/// surviving records are in ``recovery``. A failed write or sync poisons the journal: pending and
/// later appends fail, and ``Options/onFailure`` is called once so the process can exit and recover
/// on restart. Compaction replaces the file by write-temp, fsync, rename, fsync(directory).
public final class Journal: Sendable {
  /// Settings for a journal.
  public struct Options: Sendable {
    /// Largest payload accepted; longer lengths on disk are read as corruption.
    public var maxRecordSize: Int
    /// Most bytes written per group commit.
    public var maxBatchBytes: Int
    /// Called once, on the writer queue, when a write or sync fails (e.g. `exit(75)`).
    public var onFailure: @Sendable (JournalError) -> Void

    /// Creates options; defaults are a 1 MiB record cap and 4 MiB batches.
    public init(
      maxRecordSize: Int = JournalFrame.defaultMaxRecordSize, maxBatchBytes: Int = 4 << 20,
      onFailure: @escaping @Sendable (JournalError) -> Void = { _ in }
    ) {
      self.maxRecordSize = maxRecordSize
      self.maxBatchBytes = maxBatchBytes
      self.onFailure = onFailure
    }
  }

  /// The completion of one append: success only after the covering sync.
  public typealias Completion = @Sendable (Result<Void, JournalError>) -> Void

  struct Pending {
    var frame: [UInt8]
    var completion: Completion
  }

  struct State {
    var device: any JournalDevice
    var pending: [Pending] = []
    var flushScheduled = false
    var failure: JournalError?
    var closed = false
    var size: Int
  }

  /// The file path, or nil for a journal on an injected device.
  public let path: String?
  /// What recovery found when the journal was opened.
  public let recovery: JournalFrame.Scan
  let options: Options
  let wrap: @Sendable (any JournalDevice) -> any JournalDevice
  let state: Mutex<State>
  let queue = DispatchQueue(label: "biseo.journal.writer")

  /// Opens or creates the journal at `path` and recovers it.
  ///
  /// - Parameters:
  ///   - path: the journal file; its directory must exist.
  ///   - options: size caps and the failure hook.
  /// - Throws: `JournalError.io` if the file cannot be opened, read, cut or synced.
  public convenience init(path: String, options: Options = Options()) throws(JournalError) {
    try self.init(path: path, options: options, wrap: { $0 })
  }

  /// Opens `path` with its device passed through `wrap` (tests inject failures this way).
  package init(
    path: String, options: Options,
    wrap: @escaping @Sendable (any JournalDevice) -> any JournalDevice
  ) throws(JournalError) {
    let existed = access(path, F_OK) == 0
    let file = try FileDevice.open(path: path)
    if !existed { try fsyncDirectory(of: path) }
    let scan = JournalFrame.scan(try file.readAll(), maxRecordSize: options.maxRecordSize)
    if scan.tornBytes > 0 {
      try file.truncate(to: scan.validBytes)
      try file.sync()
    }
    self.path = path
    self.recovery = scan
    self.options = options
    self.wrap = wrap
    self.state = Mutex(State(device: wrap(file), size: scan.validBytes))
  }

  /// Appends `payload`, returning once it is durable.
  ///
  /// - Parameter payload: the record body.
  /// - Throws: `JournalError` if the record is too large, the journal is closed or poisoned, or
  ///   the write or sync failed (then nothing is acknowledged).
  public func append(_ payload: [UInt8]) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      submit(payload) { result in continuation.resume(with: result.mapError { $0 as Error }) }
    }
  }

  /// Queues `payload` without waiting; `completion` runs after the covering sync or on failure.
  ///
  /// Records are written in submission order, so the file is always a prefix of the submissions.
  ///
  /// - Parameters:
  ///   - payload: the record body.
  ///   - completion: called exactly once, on the writer queue or (for refusals) at once.
  public func submit(_ payload: [UInt8], completion: @escaping Completion) {
    if payload.count > options.maxRecordSize {
      completion(.failure(.recordTooLarge(size: payload.count, limit: options.maxRecordSize)))
      return
    }
    let frame = JournalFrame.frame(payload)
    let refusal: JournalError? = state.withLock { s in
      if s.closed { return .closed }
      if let failure = s.failure { return .poisoned(cause: failure.description) }
      s.pending.append(Pending(frame: frame, completion: completion))
      if !s.flushScheduled {
        s.flushScheduled = true
        queue.async { self.flushOneBatch() }
      }
      return nil
    }
    if let refusal { completion(.failure(refusal)) }
  }

  /// Writes one batch of pending frames with a single write and sync, then acknowledges them.
  private func flushOneBatch() {
    let (batch, device) = state.withLock { s -> ([Pending], any JournalDevice) in
      var bytes = 0
      var count = 0
      while count < s.pending.count && (count == 0 || bytes < options.maxBatchBytes) {
        bytes += s.pending[count].frame.count
        count += 1
      }
      let batch = Array(s.pending.prefix(count))
      s.pending.removeFirst(count)
      return (batch, s.device)
    }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(batch.reduce(0) { $0 + $1.frame.count })
    for item in batch { buffer += item.frame }
    var outcome: Result<Void, JournalError> = .success(())
    do throws(JournalError) {
      try device.write(buffer)
      try device.sync()
    } catch {
      outcome = .failure(error)
    }
    let (orphans, firstFailure) = state.withLock { s -> ([Pending], Bool) in
      if case .failure(let error) = outcome {
        let first = s.failure == nil
        if first { s.failure = error }
        let orphans = s.pending
        s.pending.removeAll()
        s.flushScheduled = false
        return (orphans, first)
      }
      s.size += buffer.count
      if s.pending.isEmpty {
        s.flushScheduled = false
      } else {
        queue.async { self.flushOneBatch() }
      }
      return ([], false)
    }
    for item in batch { item.completion(outcome) }
    if case .failure(let error) = outcome {
      for item in orphans { item.completion(.failure(.poisoned(cause: error.description))) }
      if firstFailure { options.onFailure(error) }
    }
  }

  /// Whether a write or sync has failed.
  public var isPoisoned: Bool { state.withLock { $0.failure != nil } }

  /// Bytes of acknowledged records in the current file.
  public var size: Int { state.withLock { $0.size } }

  /// Flushes what is pending and closes the file; later appends fail with `.closed`.
  public func close() {
    state.withLock { $0.closed = true }
    queue.sync {
      while state.withLock({ !$0.pending.isEmpty && $0.failure == nil }) { flushOneBatch() }
    }
    state.withLock { $0.device.close() }
  }

  deinit { state.withLock { $0.device.close() } }
}
