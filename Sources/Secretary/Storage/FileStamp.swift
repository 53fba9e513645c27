#if canImport(Glibc)
  import Glibc
#endif

/// What `stat` says identifies one version of a file: a cached parse is good while it holds.
struct FileStamp: Sendable, Equatable {
  var inode: UInt64
  var size: Int64
  var seconds: Int
  var nanoseconds: Int

  /// The file's stamp now; nil when there is no such file.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    seconds = info.st_mtim.tv_sec
    nanoseconds = info.st_mtim.tv_nsec
  }
}
