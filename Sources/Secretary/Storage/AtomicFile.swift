import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a whole file so that a crash leaves either the old or the new content, never a mix.
///
/// Foundation's `.atomic` write renames without syncing the directory, so a power cut can lose
/// the rename; this does temp file, write, fsync, rename, fsync(directory).
enum AtomicFile {
  enum Failure: Error, CustomStringConvertible {
    case system(operation: String, path: String, errno: Int32)
    case directory(path: String, reason: String)

    var description: String {
      switch self {
      case .system(let operation, let path, let code):
        "\(operation) '\(path)' failed: \(String(cString: strerror(code)))"
      case .directory(let path, let reason): "cannot create the folder '\(path)': \(reason)"
      }
    }
  }

  static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = path + ".tmp-\(getpid())"
    var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    // The folder is made only when it is missing: creating it on every save cost a chat turn
    // more than its evaluation (a stat of every parent).
    if fd < 0, errno == ENOENT {
      try makeDirectory(directory.isEmpty ? "." : directory)
      fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    }
    guard fd >= 0 else { throw .system(operation: "open", path: temporary, errno: errno) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else {
        let code = errno
        close(fd)
        unlink(temporary)
        throw .system(operation: "write", path: temporary, errno: code)
      }
      written += n
    }
    guard fsync(fd) == 0 else {
      let code = errno
      close(fd)
      unlink(temporary)
      throw .system(operation: "fsync", path: temporary, errno: code)
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw .system(operation: "rename", path: path, errno: code)
    }
    let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirfd >= 0 {
      defer { close(dirfd) }
      guard fsync(dirfd) == 0 else {
        throw .system(operation: "fsync", path: directory, errno: errno)
      }
    }
  }

  static func makeDirectory(_ path: String) throws(Failure) {
    try DataFolder.create(path)
  }
}
