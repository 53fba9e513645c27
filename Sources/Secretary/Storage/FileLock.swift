import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive `flock` on a sidecar file, held while a data file is appended to or rewritten.
///
/// It holds across processes (`biseo serve`, `biseo forget`, `biseo link`). A sidecar, because
/// a rewrite renames a new file over the old one and a lock on the old one would not hold.
enum FileLock {
  /// Runs `body` holding the lock `lockPath` (created 0600 if missing).
  static func withExclusive<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
    let directory = (lockPath as NSString).deletingLastPathComponent
    try AtomicFile.makeDirectory(directory.isEmpty ? "." : directory)
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw AtomicFile.Failure.system(operation: "open", path: lockPath, errno: errno)
    }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw AtomicFile.Failure.system(operation: "flock", path: lockPath, errno: errno)
      }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }
}
