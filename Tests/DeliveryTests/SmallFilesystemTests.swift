import Delivery
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real full disk: set `DELIVERY_SMALLFS` to a small mount (as root:
/// `mount -t tmpfs -o size=1m tmpfs /tmp/smallfs`, or a 4 MB ext4 loop image; reliability.md §3).
///
/// Appends until the filesystem refuses; the failure must be ENOSPC, must poison, and a reopen
/// must recover every acknowledged record in order.
@Suite struct SmallFilesystemTests {
  static let directory = ProcessInfo.processInfo.environment["DELIVERY_SMALLFS"]

  @Test(
    .enabled(if: directory != nil, "skipped: set DELIVERY_SMALLFS to a small mounted filesystem"))
  func journalFillsTheDiskAndKeepsEveryAck() async throws {
    let path = (Self.directory ?? "/nonexistent") + "/full-\(getpid()).log"
    defer { unlink(path) }
    let journal = try Journal(path: path)
    let payload = [UInt8](repeating: 0x41, count: 4096)
    var acked = 0
    var failure: Error?
    while failure == nil && acked < 1_000_000 {
      do {
        try await journal.append(payload + Array("#\(acked)".utf8))
        acked += 1
      } catch {
        failure = error
      }
    }
    #expect(failure as? JournalError == .io(operation: "write", errno: ENOSPC))
    #expect(journal.isPoisoned)
    journal.close()
    let again = try Journal(path: path)
    let records = again.recovery.records
    #expect(records.count >= acked)
    #expect(records.prefix(acked).enumerated().allSatisfy { $1 == payload + Array("#\($0)".utf8) })
    again.close()
  }
}
