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
  /// - Throws: `JournalError` if the journal is closed or poisoned, a record is too large, or
  ///   I/O failed.
  public func compact(snapshot: @escaping @Sendable () -> [[UInt8]]) async throws {
    let (path, options, wrap, committer) = (self.path, self.options, self.wrap, self.committer)
    try await committer.exclusive { _ -> Result<((), (any JournalDevice, Int)?), JournalError> in
      var bytes: [UInt8] = []
      for record in snapshot() {
        if record.count > options.maxRecordSize {
          return .failure(.recordTooLarge(size: record.count, limit: options.maxRecordSize))
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
        return .success(((), (wrap(file), bytes.count)))
      } catch {
        committer.poison(error)
        return .failure(error)
      }
    }
  }
}
