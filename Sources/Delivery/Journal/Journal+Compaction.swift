#if canImport(Glibc)
  import Glibc
#endif

extension Journal {
  /// Rewrites the journal to hold only the records `snapshot` returns.
  ///
  /// Runs on the writer queue between group commits: `snapshot` is called there, after every
  /// earlier batch is durable. Appends submitted meanwhile are written to the new file after it,
  /// so a snapshot that already reflects them duplicates them; readers must therefore apply
  /// records idempotently (the delivery ledger does). Steps: write temp, fsync, rename over,
  /// fsync the directory. A failure before the rename leaves the old file in force; a failure
  /// after it poisons the journal.
  ///
  /// - Parameter snapshot: the records to keep, in order.
  /// - Throws: `JournalError` if the journal is closed, poisoned, on an injected device, or I/O
  ///   failed.
  public func compact(snapshot: @escaping @Sendable () -> [[UInt8]]) async throws {
    guard let path else { throw JournalError.unsupported("compaction needs a file path") }
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      queue.async {
        continuation.resume(with: self.compactOnQueue(path: path, snapshot: snapshot))
      }
    }
  }

  private func compactOnQueue(path: String, snapshot: () -> [[UInt8]]) -> Result<Void, Error> {
    let refusal: JournalError? = state.withLock { s in
      if s.closed { return .closed }
      if let failure = s.failure { return .poisoned(cause: failure.description) }
      return nil
    }
    if let refusal { return .failure(refusal) }
    var bytes: [UInt8] = []
    for record in snapshot() {
      if record.count > options.maxRecordSize {
        return .failure(
          JournalError.recordTooLarge(size: record.count, limit: options.maxRecordSize))
      }
      JournalFrame.append(record, to: &bytes)
    }
    let tmp: String
    do throws(JournalError) {
      tmp = try writeSyncedTempFile(bytes, beside: path)
    } catch {
      return .failure(error)
    }
    do throws(JournalError) {
      try JournalError.check(rename(tmp, path), "rename '\(tmp)'")
      try fsyncDirectory(of: path)
      let file = try FileDevice.open(path: path)
      let old = state.withLock { s in
        let old = s.device
        s.device = wrap(file)
        s.size = bytes.count
        return old
      }
      old.close()
      return .success(())
    } catch {
      state.withLock { s in if s.failure == nil { s.failure = error } }
      options.onFailure(error)
      return .failure(error)
    }
  }
}
