import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Appends each notice as one JSON Lines record to a durable file, with group commit.
///
/// Config kind `outbox`; setting `path` (required). A send returns only after the `fdatasync`
/// covering its line. Concurrent sends of one key share a single write and its outcome. On open a
/// torn last line (no final `\n`) is cut, and the keys already in the
/// file are loaded, so a notice whose key is present is not written again. A failed write or sync
/// poisons the outbox (every later send fails transiently until restart).
///
/// A line: `{"at":…,"channel":…,"citizen":…,"due":…,"id":…,"metadata":{…},"recipient":…,
/// "text":…,"title":…}` with sorted keys (conventions §8).
public final class OutboxChannel: Channel {
  struct Line: Codable {
    var at: Date
    var channel: String
    var citizen: String
    var due: Date
    var id: String
    var metadata: [String: String]
    var recipient: String
    var text: String
    var title: String
  }

  /// The file path.
  public let path: String
  private let clock: any DeliveryClock
  private let committer: GroupCommitter
  private struct Keys {
    /// Keys whose line is durable.
    var written: Set<String>
    /// Keys being written, with the senders waiting for that write's outcome.
    var writing: [String: [CheckedContinuation<Bool, Never>]] = [:]
  }

  private let keys: Mutex<Keys>
  /// 1-based numbers of the lines that were not JSON objects with an `id` when the file was
  /// opened; they are kept in the file and reported here, never silently dropped.
  public let unreadableLines: [Int]
  /// Bytes of a torn last line cut when the file was opened.
  public let cutBytes: Int

  /// Opens (creating) the outbox at `path`.
  ///
  /// - Parameters:
  ///   - path: the `.jsonl` file.
  ///   - clock: the time source for `at`.
  ///   - onFailure: called once if a write or sync fails (the daemon exits).
  /// - Throws: `ChannelError.misconfigured` if the file cannot be opened or recovered.
  public convenience init(
    path: String, clock: any DeliveryClock,
    onFailure: @escaping @Sendable (JournalError) -> Void = { _ in }
  ) throws(ChannelError) {
    try self.init(path: path, clock: clock, onFailure: onFailure, wrapDevice: { $0 })
  }

  private init(
    path: String, clock: any DeliveryClock,
    onFailure: @escaping @Sendable (JournalError) -> Void,
    wrapDevice: @escaping @Sendable (any JournalDevice) -> any JournalDevice
  ) throws(ChannelError) {
    self.path = path
    self.clock = clock
    do throws(JournalError) {
      let existed = access(path, F_OK) == 0
      let file = try FileDevice.open(path: path)
      if !existed { try fsyncDirectory(of: path) }
      let bytes = try file.readAll()
      let good = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      if good < bytes.count {
        try file.truncate(to: good)
        try file.sync()
      }
      var keys = Set<String>()
      var unreadable: [Int] = []
      let lines = bytes[0..<good].split(
        separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      for (index, line) in lines.dropLast().enumerated() {
        var text = line
        if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
        if text.isEmpty { continue }  // blank lines are not records
        let object = try? JSONSerialization.jsonObject(with: Data(text)) as? [String: Any]
        if let id = object?["id"] as? String {
          keys.insert(id)
        } else {
          unreadable.append(index + 1)
        }
      }
      self.keys = Mutex(Keys(written: keys))
      self.unreadableLines = unreadable
      self.cutBytes = bytes.count - good
      self.committer = GroupCommitter(
        device: wrapDevice(file), size: good, maxBatchBytes: 4 << 20, label: "biseo.outbox",
        onFailure: onFailure)
    } catch {
      throw .misconfigured(channel: "outbox", reason: error.description)
    }
  }

  /// Creates an outbox from its config entry.
  public convenience init(config: ChannelConfig, clock: any DeliveryClock) throws(ChannelError) {
    try self.init(path: try config.required("path"), clock: clock)
  }

  /// Opens the outbox with a device wrapper (tests and the crash writer tear writes this way).
  package convenience init(
    path: String, clock: any DeliveryClock,
    onFailure: @escaping @Sendable (JournalError) -> Void,
    wrap: @escaping @Sendable (any JournalDevice) -> any JournalDevice
  ) throws(ChannelError) {
    try self.init(path: path, clock: clock, onFailure: onFailure, wrapDevice: wrap)
  }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let line = Line(
      at: clock.now(), channel: notice.channel, citizen: notice.citizen, due: notice.due,
      id: notice.key, metadata: notice.metadata, recipient: notice.recipient, text: notice.body,
      title: notice.title)
    var bytes: [UInt8]
    do {
      bytes = Array(try JSONEncoder.delivery.encode(line))
    } catch {
      throw .permanent(reason: "cannot encode notice: \(error)")
    }
    bytes.append(UInt8(ascii: "\n"))
    let key = notice.key
    let claimed: Bool? = keys.withLock { k in
      if k.written.contains(key) { return nil }
      if k.writing[key] != nil { return false }
      k.writing[key] = []
      return true
    }
    guard let claimed else { return Receipt("already in outbox") }
    if !claimed {
      // Another send of this key is writing: share its outcome rather than claim success early.
      let written = await withCheckedContinuation { (waiter: CheckedContinuation<Bool, Never>) in
        let settled: Bool? = keys.withLock { k in
          if k.writing[key] != nil {
            k.writing[key, default: []].append(waiter)
            return nil
          }
          return k.written.contains(key)
        }
        if let settled { waiter.resume(returning: settled) }
      }
      guard written else { throw .transient(reason: "outbox write of the same key failed") }
      return Receipt("already in outbox")
    }
    var failure: Error?
    do {
      try await committer.append(bytes)
    } catch {
      failure = error
    }
    let waiters = keys.withLock { k in
      if failure == nil { k.written.insert(key) }
      return k.writing.removeValue(forKey: key) ?? []
    }
    for waiter in waiters { waiter.resume(returning: failure == nil) }
    if let failure { throw .transient(reason: "outbox write failed: \(failure)") }
    return Receipt("written to outbox")
  }

  /// Whether `key` has a durable line in the outbox.
  public func contains(_ key: String) -> Bool { keys.withLock { $0.written.contains(key) } }

  /// Group commits (one write + one `fdatasync` each) so far.
  public var commits: Int { committer.commits }

  /// Flushes and closes the file.
  public func close() { committer.close() }
}
