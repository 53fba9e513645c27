import Foundation
import Synchronization

/// The durable record of every reminder's delivery, on top of a ``Journal``.
///
/// Each transition is a journal record, acknowledged only after its group commit. Opening replays
/// the journal. Planning a key that is already known is a no-op, so a planner that runs twice, or
/// a daemon that crashed mid-send and restarts, never creates a second reminder. The in-memory
/// view is updated when a record is submitted (so readers see it at once) and the method returns
/// once the record is durable.
public final class DeliveryLedger: Sendable {
  private let journal: Journal
  private let state: Mutex<LedgerContents>
  /// Records that passed the CRC but could not be decoded (written by a newer version).
  public let undecodableRecords: Int

  /// Opens (or creates) the ledger at `path` and replays it.
  ///
  /// - Parameters:
  ///   - path: the journal file.
  ///   - options: journal options; pass an `onFailure` that exits the process in the daemon.
  /// - Throws: `JournalError` if the journal cannot be opened or recovered.
  public init(path: String, options: Journal.Options = Journal.Options()) throws {
    journal = try Journal(path: path, options: options)
    var replayed = LedgerContents()
    var undecodable = 0
    let decoder = JSONDecoder.delivery
    for payload in journal.recovery.records {
      guard let record = try? decoder.decode(LedgerRecord.self, from: Data(payload)) else {
        undecodable += 1
        continue
      }
      replayed.apply(record)
    }
    state = Mutex(replayed)
    undecodableRecords = undecodable
  }

  /// Records `notice` as planned, unless its key is already known.
  ///
  /// - Parameters:
  ///   - notice: the reminder to deliver.
  ///   - at: when it was planned.
  /// - Returns: true if it was new; false if the key was already in the ledger (no write).
  /// - Throws: `JournalError` if the record could not be made durable.
  @discardableResult
  public func plan(_ notice: Notice, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .planned, key: notice.key, at: at, notice: notice))
  }

  /// Records that attempt number `attempt` is starting.
  @discardableResult
  public func markAttempted(_ key: String, attempt: Int, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .attempted, key: key, at: at, attempt: attempt))
  }

  /// Records a transient failure and the earliest time of the next attempt.
  @discardableResult
  public func markRetry(_ key: String, notBefore: Date, reason: String, at: Date) async throws
    -> Bool
  {
    try await record(
      LedgerRecord(event: .retry, key: key, at: at, notBefore: notBefore, detail: reason))
  }

  /// Records delivery with the channel's receipt.
  @discardableResult
  public func markDelivered(_ key: String, receipt: String, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .delivered, key: key, at: at, detail: receipt))
  }

  /// Records a permanent failure.
  @discardableResult
  public func markFailed(_ key: String, reason: String, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .failed, key: key, at: at, detail: reason))
  }

  /// Parks `key`: its channel has no usable address for it; `reason` says which is missing.
  @discardableResult
  public func markParked(_ key: String, reason: String, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .parked, key: key, at: at, detail: reason))
  }

  /// Gives a parked entry its address.
  ///
  /// `notice` (same key, a recipient now) replaces the parked one and the entry is `planned`
  /// again. Does nothing (and writes nothing) unless the entry is parked.
  @discardableResult
  public func readdress(_ notice: Notice, at: Date) async throws -> Bool {
    guard entry(notice.key)?.state == .parked else { return false }
    return try await record(
      LedgerRecord(event: .readdressed, key: notice.key, at: at, notice: notice))
  }

  /// Records dead-lettering after the last attempt.
  @discardableResult
  public func markDead(_ key: String, reason: String, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .dead, key: key, at: at, detail: reason))
  }

  /// Erases every entry of `citizen` (planned, pending and finished): nothing more is sent to
  /// them, and the next compaction leaves nothing of theirs in the file.
  ///
  /// - Returns: true if the ledger held anything of the citizen (then the record is written).
  /// - Throws: `JournalError` if the record could not be made durable.
  @discardableResult
  public func erase(citizen: String, at: Date) async throws -> Bool {
    try await record(LedgerRecord(event: .erased, key: citizen, at: at))
  }

  /// Every entry of `citizen`, in planning order (for an export of what is held about them).
  public func entries(of citizen: String) -> [LedgerEntry] {
    state.withLock { s in s.order.compactMap { s.entries[$0] }.filter { $0.belongs(to: citizen) } }
  }

  /// Remembers that `endpoint` answered 410, so a restarted daemon never calls it again.
  ///
  /// - Parameters:
  ///   - endpoint: the endpoint's identity (a webhook's URL).
  ///   - channel: the configured channel that reached it.
  ///   - reason: the channel's words, shown by `biseo status`.
  ///   - at: when the 410 came.
  /// - Returns: true if this is news; false if the endpoint was already disabled (no write).
  /// - Throws: `JournalError` if the record could not be made durable.
  @discardableResult
  public func disableEndpoint(_ endpoint: String, channel: String, reason: String, at: Date)
    async throws -> Bool
  {
    try await record(
      LedgerRecord(
        event: .endpointDisabled, key: endpoint, at: at, detail: reason, channel: channel))
  }

  /// The record of `endpoint`'s 410, if it answered one.
  public func disabledEndpoint(_ endpoint: String) -> DisabledEndpoint? {
    state.withLock { $0.disabledEndpoints[endpoint] }
  }

  /// Every endpoint a 410 disabled, oldest first.
  public func disabledEndpoints() -> [DisabledEndpoint] { state.withLock { $0.disabledInOrder } }

  /// Applies `record` in memory and writes it; a record that changes nothing is not written.
  private func record(_ record: LedgerRecord) async throws -> Bool {
    let payload = Array(try JSONEncoder.delivery.encode(record))
    return try await withCheckedThrowingContinuation {
      (continuation: CheckedContinuation<Bool, Error>) in
      // Apply and submit under one lock so the journal order matches the in-memory order.
      let changed = state.withLock { s in
        guard s.apply(record) else { return false }
        journal.submit(payload) { result in
          continuation.resume(with: result.map { true }.mapError { $0 as Error })
        }
        return true
      }
      if !changed { continuation.resume(returning: false) }
    }
  }

  /// The entry for `key`, if any.
  public func entry(_ key: String) -> LedgerEntry? { state.withLock { $0.entries[key] } }

  /// Entries not yet delivered, failed or dead, in planning order (parked ones included).
  public func unfinished() -> [LedgerEntry] {
    state.withLock { s in
      s.order.compactMap { s.entries[$0] }.filter { !$0.state.isTerminal }
    }
  }

  /// How many entries are in each state.
  public func counts() -> [LedgerState: Int] {
    state.withLock { s in
      s.entries.values.reduce(into: [:]) { counts, entry in counts[entry.state, default: 0] += 1 }
    }
  }

  /// Rewrites the journal to the fewest records that rebuild the current state; finished entries
  /// keep only a tombstone (key, state, time) so their keys still deduplicate.
  ///
  /// - Parameter horizon: finished entries last updated before this instant are forgotten
  ///   altogether (their keys may then be planned again), so the ledger does not grow forever.
  ///   Pick it older than anything the planner can still produce; nil keeps every tombstone.
  /// - Throws: `JournalError` if the rewrite failed.
  public func compact(forgettingFinishedBefore horizon: Date? = nil) async throws {
    try await journal.compact { self.snapshotRecords(forgettingFinishedBefore: horizon) }
  }

  private func snapshotRecords(forgettingFinishedBefore horizon: Date?) -> [[UInt8]] {
    let (entries, endpoints) = state.withLock { s -> ([LedgerEntry], [LedgerRecord]) in
      if let horizon {
        let forgotten = Set(
          s.entries.values.filter { $0.state.isTerminal && $0.updatedAt < horizon }.map(\.key))
        if !forgotten.isEmpty {
          for key in forgotten { s.entries[key] = nil }
          s.order.removeAll { forgotten.contains($0) }
        }
      }
      return (s.order.compactMap { s.entries[$0] }, s.endpointRecords)
    }
    let encoder = JSONEncoder.delivery
    return (endpoints + entries.flatMap(LedgerRecord.snapshot(of:))).compactMap {
      try? Array(encoder.encode($0))
    }
  }

  /// Group commits of the journal so far.
  public var journalCommits: Int { journal.committer.commits }

  /// Bytes in the journal file.
  public var journalSize: Int { journal.size }

  /// Flushes and closes the journal.
  public func close() { journal.close() }
}
