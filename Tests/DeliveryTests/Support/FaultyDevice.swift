@testable import Delivery
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Wraps a real device and fails the Nth write or sync with `EIO`; counts syncs.
final class FaultyDevice: JournalDevice {
  struct Counters {
    var writes = 0
    var syncs = 0
  }

  let inner: any JournalDevice
  let failWriteAt: Int?
  let failSyncAt: Int?
  let syncDelayMicros: UInt32
  let counters = Mutex(Counters())

  init(
    _ inner: any JournalDevice, failWriteAt: Int? = nil, failSyncAt: Int? = nil,
    syncDelayMicros: UInt32 = 0
  ) {
    self.inner = inner
    self.failWriteAt = failWriteAt
    self.failSyncAt = failSyncAt
    self.syncDelayMicros = syncDelayMicros
  }

  func write(_ bytes: [UInt8]) throws(JournalError) {
    let n = counters.withLock { c in
      c.writes += 1
      return c.writes
    }
    if n == failWriteAt {
      // A partial write lands, as a full disk would leave it, then the error surfaces.
      try inner.write(Array(bytes.prefix(bytes.count / 2)))
      throw .io(operation: "write", errno: EIO)
    }
    try inner.write(bytes)
  }

  func sync() throws(JournalError) {
    let n = counters.withLock { c in
      c.syncs += 1
      return c.syncs
    }
    if syncDelayMicros > 0 { usleep(syncDelayMicros) }
    if n == failSyncAt { throw .io(operation: "fdatasync", errno: EIO) }
    try inner.sync()
  }

  func truncate(to size: Int) throws(JournalError) { try inner.truncate(to: size) }

  func close() { inner.close() }
}
