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
    /// Called once, on the writer queue, when a write or sync fails.
    ///
    /// The daemon passes one that exits at once (`_exit(75)`) so it recovers on restart; it runs
    /// before any caller of the failed batch hears of the failure.
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

  /// The file path.
  public let path: String
  /// What recovery found when the journal was opened.
  public let recovery: JournalFrame.Scan
  let options: Options
  let wrap: @Sendable (any JournalDevice) -> any JournalDevice
  let committer: GroupCommitter

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
    self.committer = GroupCommitter(
      device: wrap(file), size: scan.validBytes, maxBatchBytes: options.maxBatchBytes,
      label: "biseo.journal", onFailure: options.onFailure)
  }

  /// Appends `payload`, returning once it is durable.
  ///
  /// - Parameter payload: the record body.
  /// - Throws: `JournalError` if the record is too large, the journal is closed or poisoned, or
  ///   the write or sync failed (then nothing is acknowledged).
  public func append(_ payload: [UInt8]) async throws {
    if payload.count > options.maxRecordSize {
      throw JournalError.recordTooLarge(size: payload.count, limit: options.maxRecordSize)
    }
    try await committer.append(JournalFrame.frame(payload))
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
    committer.submit(JournalFrame.frame(payload), completion: completion)
  }

  /// Whether a write or sync has failed.
  public var isPoisoned: Bool { committer.isPoisoned }

  /// Bytes of acknowledged records in the current file.
  public var size: Int { committer.size }

  /// Flushes what is pending and closes the file; later appends fail with `.closed`.
  public func close() { committer.close() }
}
