@testable import Delivery
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct JournalTests {
  static func payload(_ i: Int) -> [UInt8] { Array("seq=\(i) 리마인더".utf8) }

  @Test func concurrentAppendsSurviveReopen() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("j.log")
    let journal = try Journal(path: path)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<500 { group.addTask { try await journal.append(Self.payload(i)) } }
      try await group.waitForAll()
    }
    journal.close()
    let again = try Journal(path: path)
    #expect(again.recovery.tornBytes == 0)
    #expect(Set(again.recovery.records) == Set((0..<500).map(Self.payload)))
    #expect(again.recovery.records.count == 500)
  }

  @Test func groupCommitSharesSyncs() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let device = Mutex<FaultyDevice?>(nil)
    let journal = try Journal(path: dir.file("j.log"), options: .init()) { inner in
      let d = FaultyDevice(inner, syncDelayMicros: 2000)
      device.withLock { $0 = d }
      return d
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<400 { group.addTask { try await journal.append(Self.payload(i)) } }
      try await group.waitForAll()
    }
    let syncs = try #require(device.withLock { $0 }).counters.withLock { $0.syncs }
    #expect(syncs < 400 / 4, "expected batching, got \(syncs) syncs for 400 appends")
  }

  /// Truncate after every byte of the last record: reopening keeps exactly the earlier records.
  @Test func everyTruncationPointOfTheLastRecord() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let good = JournalFrame.frame(Self.payload(1)) + JournalFrame.frame(Self.payload(2))
    let last = JournalFrame.frame(Self.payload(3))
    for cut in 0..<last.count {
      let path = dir.file("cut-\(cut).log")
      try Data(good + last[0..<cut]).write(to: URL(fileURLWithPath: path))
      let journal = try Journal(path: path)
      #expect(journal.recovery.records == [Self.payload(1), Self.payload(2)])
      #expect(journal.recovery.tornBytes == cut)
      #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == good.count)
    }
    #expect(JournalFrame.scan(good + last).records.count == 3)
  }

  /// Flip every bit of the last record: the CRC (which covers the length) rejects it.
  @Test func everyBitFlipOfTheLastRecordIsCut() {
    let good = JournalFrame.frame(Self.payload(1))
    let last = JournalFrame.frame(Self.payload(2))
    for byte in 0..<last.count {
      for bit in 0..<8 {
        var bent = last
        bent[byte] ^= UInt8(1 << bit)
        let scan = JournalFrame.scan(good + bent)
        #expect(scan.records == [Self.payload(1)], "byte \(byte) bit \(bit)")
        #expect(scan.validBytes == good.count)
      }
    }
  }

  @Test func oversizedLengthIsCorruptionAndOversizedAppendIsRefused() async throws {
    var frame = JournalFrame.frame([1, 2, 3])
    frame[0] = 0xff
    frame[3] = 0x7f
    #expect(JournalFrame.scan(frame).records.isEmpty)
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let journal = try Journal(path: dir.file("j.log"), options: .init(maxRecordSize: 16))
    await #expect(throws: JournalError.recordTooLarge(size: 17, limit: 16)) {
      try await journal.append([UInt8](repeating: 0, count: 17))
    }
    try await journal.append([UInt8](repeating: 0, count: 16))
    #expect(!journal.isPoisoned)
  }

  @Test(arguments: [(3, nil), (nil, 3), (1, nil), (nil, 1)] as [(Int?, Int?)])
  func failureAcknowledgesNothingAfterAndPoisons(failWriteAt: Int?, failSyncAt: Int?) async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("j.log")
    let failures = Mutex(0)
    let journal = try Journal(
      path: path, options: .init(onFailure: { _ in failures.withLock { $0 += 1 } })
    ) { FaultyDevice($0, failWriteAt: failWriteAt, failSyncAt: failSyncAt) }
    var acked: [Int] = []
    var firstError: Error?
    for i in 1...8 {
      do {
        try await journal.append(Self.payload(i))
        #expect(firstError == nil, "record \(i) acknowledged after a failure")
        acked.append(i)
      } catch {
        if firstError == nil { firstError = error }
      }
    }
    let n = (failWriteAt ?? failSyncAt ?? 0) - 1
    #expect(acked == Array(1...max(n, 1)).filter { $0 <= n })
    #expect(journal.isPoisoned)
    #expect(failures.withLock { $0 } == 1)
    journal.close()
    let again = try Journal(path: path)
    #expect(Array(again.recovery.records.prefix(n)) == acked.map(Self.payload))
  }

  /// ENOSPC from /dev/full must surface as an error, never a silent acknowledgement.
  @Test func diskFullIsAnErrorNotAnAck() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let journal = try Journal(path: dir.file("j.log"), options: .init()) { _ in
      FileDevice(fd: open("/dev/full", O_WRONLY | O_APPEND))
    }
    await #expect(throws: JournalError.io(operation: "write", errno: ENOSPC)) {
      try await journal.append(Self.payload(1))
    }
    await #expect(throws: JournalError.self) { try await journal.append(Self.payload(2)) }
  }

  @Test func compactionKeepsTheSnapshotAndLeavesNoTempFile() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("j.log")
    let journal = try Journal(path: path)
    for i in 1...10 { try await journal.append(Self.payload(i)) }
    try await journal.compact { [Self.payload(2), Self.payload(7)] }
    try await journal.append(Self.payload(11))
    #expect(
      journal.size == [2, 7, 11].map { JournalFrame.frame(Self.payload($0)).count }.reduce(0, +))
    journal.close()
    let again = try Journal(path: path)
    #expect(again.recovery.records == [2, 7, 11].map(Self.payload))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["j.log"])
  }

  @Test func closedJournalRefusesAppends() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let journal = try Journal(path: dir.file("j.log"))
    journal.close()
    await #expect(throws: JournalError.closed) { try await journal.append([1]) }
  }
}
