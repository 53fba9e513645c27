import Foundation

/// A read-only view of a ledger file, for `biseo status` while the daemon runs.
///
/// Opening a ``DeliveryLedger`` recovers the journal and may cut a torn tail, which must never
/// happen under a running writer; this only reads the bytes, replays the complete frames and
/// ignores a tail still being written.
public struct LedgerSnapshot: Sendable {
  /// Entries in the order their keys were first planned.
  public let entries: [LedgerEntry]
  /// Endpoints a 410 disabled, oldest first.
  public let disabledEndpoints: [DisabledEndpoint]
  /// Bytes after the last complete frame (a write in progress, or a torn tail).
  public let pendingBytes: Int

  /// Reads the ledger at `path`; a missing file is an empty ledger.
  public init(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      entries = []
      disabledEndpoints = []
      pendingBytes = 0
      return
    }
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let scan = JournalFrame.scan(bytes)
    var contents = LedgerContents()
    let decoder = JSONDecoder.delivery
    for payload in scan.records {
      guard let record = try? decoder.decode(LedgerRecord.self, from: Data(payload)) else {
        continue
      }
      contents.apply(record)
    }
    entries = contents.order.compactMap { contents.entries[$0] }
    disabledEndpoints = contents.disabledInOrder
    pendingBytes = scan.tornBytes
  }

  /// How many entries are in each state.
  public var counts: [LedgerState: Int] {
    entries.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
  }
}
