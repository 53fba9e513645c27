import Delivery
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The link journal (`DATA/links.journal`): which platform identities speak for which citizen,
/// and the outstanding one-time codes.
///
/// Records are framed and fsync'd like the delivery ledger's (`JournalFrame`, `FileDevice`), so
/// a torn tail is cut, never trusted. `biseo link` and a running `biseo serve` both write it,
/// so every write holds an exclusive `flock` on `links.lock` (the journal itself is renamed
/// over by compaction, a lock on it would not hold); readers need no lock, since a scan stops
/// at the first incomplete frame. The folded state is cached and read again whenever the
/// file's size or inode changes, so a link made by another process counts at the next message.
public final class LinkBook: Sendable {
  /// Why a write failed.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The journal file.
  public let path: String
  private let lockPath: String
  private struct Cached {
    var state = LinkState()
    var size = -1
    var inode: UInt64 = 0
  }
  private let cache = Mutex(Cached())

  /// - Parameter dataDirectory: the data folder; created (0700) on the first write.
  public init(dataDirectory: String) {
    path = (dataDirectory as NSString).appendingPathComponent("links.journal")
    lockPath = (dataDirectory as NSString).appendingPathComponent("links.lock")
  }

  /// The state as the file says now.
  public var state: LinkState {
    var info = stat()
    guard stat(path, &info) == 0 else { return LinkState() }
    let (size, inode) = (Int(info.st_size), UInt64(info.st_ino))
    if let hit = cache.withLock({ $0.size == size && $0.inode == inode ? $0.state : nil }) {
      return hit
    }
    guard let data = FileManager.default.contents(atPath: path) else { return LinkState() }
    var state = LinkState()
    for payload in JournalFrame.scan([UInt8](data)).records {
      if let record = LinkRecord(payload: payload) { state.apply(record) }
    }
    cache.withLock { $0 = Cached(state: state, size: data.count, inode: inode) }
    return state
  }

  /// The citizen an identity speaks for, if it is linked.
  public func citizen(for identity: String) -> String? { state.links[identity] }

  /// The identities linked to a citizen, sorted.
  public func identities(of citizen: String) -> [String] {
    state.links.filter { $0.value == citizen }.map(\.key).sorted()
  }

  /// Appends records durably (one write, one fsync) under the cross-process lock.
  ///
  /// - Parameter records: what to append, in order.
  /// - Throws: `Failure` when the folder, lock or file cannot be written.
  public func append(_ records: [LinkRecord]) throws(Failure) {
    try locked { () throws(JournalError) in
      let existed = access(path, F_OK) == 0
      let file = try FileDevice.open(path: path)
      defer { file.close() }
      // Cut a torn tail first (a writer that crashed mid-record), as `Journal` does on open.
      let scan = JournalFrame.scan(try file.readAll())
      if scan.tornBytes > 0 {
        try file.truncate(to: scan.validBytes)
      }
      var bytes: [UInt8] = []
      for record in records { JournalFrame.append(record.payload, to: &bytes) }
      try file.write(bytes)
      try file.sync()
      if !existed { try fsyncDirectory(of: path) }
    }
  }

  /// Rewrites the journal with only what is still in force (links, unexpired codes): after an
  /// erasure nothing of the citizen is left in the file.
  ///
  /// - Parameter now: Unix seconds; codes expired by then are dropped.
  public func compact(now: Int) throws(Failure) {
    try locked { () throws(JournalError) in
      guard access(path, F_OK) == 0 else { return }
      let file = try FileDevice.open(path: path)
      let scan = JournalFrame.scan(try file.readAll())
      file.close()
      var state = LinkState()
      for payload in scan.records {
        if let record = LinkRecord(payload: payload) { state.apply(record) }
      }
      var bytes: [UInt8] = []
      for record in state.records(now: now) { JournalFrame.append(record.payload, to: &bytes) }
      try writeFileAtomically(bytes, to: path)
    }
  }

  private func locked(_ body: () throws(JournalError) -> Void) throws(Failure) {
    do {
      try FileLock.withExclusive(lockPath) { try body() }
    } catch {
      throw Failure(description: "\(error)")
    }
  }
}
