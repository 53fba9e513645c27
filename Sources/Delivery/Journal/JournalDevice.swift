import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The byte sink under a journal: append, make durable, cut back.
///
/// The production device is ``FileDevice``; tests wrap it to inject failures at the Nth call.
package protocol JournalDevice: Sendable {
  /// Writes every byte at the end of the file (retrying short writes), or throws.
  func write(_ bytes: [UInt8]) throws(JournalError)
  /// Makes everything written so far durable (`fdatasync`).
  func sync() throws(JournalError)
  /// Cuts the file to `size` bytes.
  func truncate(to size: Int) throws(JournalError)
  /// Releases the descriptor; idempotent.
  func close()
}

/// A file descriptor opened with `O_APPEND`.
package final class FileDevice: JournalDevice {
  package let fd: Int32
  private let closed = AtomicFlag()

  /// Wraps an open descriptor; the device owns and closes it.
  package init(fd: Int32) { self.fd = fd }

  /// Opens (creating with mode 0600) `path` for appending and reading.
  package static func open(path: String) throws(JournalError) -> FileDevice {
    let fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    try JournalError.check(fd, "open '\(path)'")
    return FileDevice(fd: fd)
  }

  package func write(_ bytes: [UInt8]) throws(JournalError) {
    try writeAll(fd, bytes)
  }

  package func sync() throws(JournalError) {
    try JournalError.check(fdatasync(fd), "fdatasync")
  }

  package func truncate(to size: Int) throws(JournalError) {
    try JournalError.check(ftruncate(fd, off_t(size)), "ftruncate")
  }

  /// Reads the whole file from offset 0.
  package func readAll() throws(JournalError) -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
      let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(operation: "pread", errno: errno)
      }
      if n == 0 { return out }
      out += chunk[0..<n]
      offset += off_t(n)
    }
  }

  package func close() {
    if closed.set() { _ = Glibc.close(fd) }
  }

  deinit { close() }
}

/// A flag that can be raised once, safely from any thread.
final class AtomicFlag: Sendable {
  private let raised = Mutex(false)

  /// Raises the flag; returns whether this call was the one that raised it.
  func set() -> Bool {
    raised.withLock { value in
      defer { value = true }
      return !value
    }
  }
}

/// Writes all of `bytes` to `fd`, retrying on `EINTR` and short writes.
package func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(JournalError) {
  var offset = 0
  while offset < bytes.count {
    let n = bytes.withUnsafeBytes { buffer in
      Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
    }
    if n < 0 {
      if errno == EINTR { continue }
      throw .io(operation: "write", errno: errno)
    }
    offset += n
  }
}

/// Makes a create or rename inside the directory holding `path` durable.
package func fsyncDirectory(of path: String) throws(JournalError) {
  let dir = (path as NSString).deletingLastPathComponent
  let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  try JournalError.check(dfd, "open directory '\(dir)'")
  defer { _ = close(dfd) }
  try JournalError.check(fsync(dfd), "fsync directory '\(dir)'")
}

/// Writes `bytes` to a fresh temp file beside `path` and fsyncs it.
///
/// - Parameters:
///   - bytes: the contents.
///   - path: the file the temp file will later replace.
/// - Returns: the temp file's path.
/// - Throws: `JournalError.io`; the temp file is then removed.
package func writeSyncedTempFile(_ bytes: [UInt8], beside path: String) throws(JournalError)
  -> String
{
  let tmp = path + ".tmp.\(getpid())"
  let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
  try JournalError.check(fd, "open '\(tmp)'")
  do {
    try writeAll(fd, bytes)
    try JournalError.check(fsync(fd), "fsync '\(tmp)'")
  } catch {
    _ = close(fd)
    _ = unlink(tmp)
    throw error
  }
  _ = close(fd)
  return tmp
}

/// Replaces `path` atomically: write a temp file, fsync it, rename over, fsync the directory.
///
/// - Parameters:
///   - bytes: the new contents.
///   - path: the file to replace.
/// - Throws: `JournalError.io` naming the failed step.
package func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(JournalError) {
  let tmp = try writeSyncedTempFile(bytes, beside: path)
  try JournalError.check(rename(tmp, path), "rename '\(tmp)'")
  try fsyncDirectory(of: path)
}
