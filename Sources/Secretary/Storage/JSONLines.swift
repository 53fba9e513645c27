import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Append-only JSON-lines files in the data folder (`consents.jsonl`, `erasures.jsonl`).
///
/// One compact object per line, each append fsync'd before it returns. Appends and rewrites
/// hold the file's sidecar lock (`FILE.lock`), so a rewrite never drops another process's
/// append.
enum JSONLines {
  /// Appends one object as a line and syncs it.
  static func append(_ entry: JSONValue, to path: String) throws(AtomicFile.Failure) {
    try locked(path) { () throws(AtomicFile.Failure) in try appendUnlocked(entry, to: path) }
  }

  private static func appendUnlocked(_ entry: JSONValue, to path: String) throws(AtomicFile.Failure)
  {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
    defer { close(fd) }
    let bytes = Array((entry.text + "\n").utf8)
    let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else {
      throw .system(operation: "write", path: path, errno: errno)
    }
    guard fsync(fd) == 0 else { throw .system(operation: "fsync", path: path, errno: errno) }
  }

  /// Every line that parses as JSON, in order; a missing file has none.
  static func read(_ path: String) -> [JSONValue] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
      if case .success(let value) = JSONParser.parse(String(line), path: path) { return value }
      return nil
    }
  }

  /// Rewrites the file without the lines `drop` picks (temp, fsync, rename, fsync directory).
  ///
  /// - Returns: how many lines were dropped.
  @discardableResult
  static func remove(from path: String, where drop: (JSONValue) -> Bool) throws(AtomicFile.Failure)
    -> Int
  {
    try locked(path) { () throws(AtomicFile.Failure) in try removeUnlocked(from: path, where: drop)
    }
  }

  private static func removeUnlocked(from path: String, where drop: (JSONValue) -> Bool)
    throws(AtomicFile.Failure) -> Int
  {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    var kept: [UInt8] = []
    var dropped = 0
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      if case .success(let value) = JSONParser.parse(String(line), path: path), drop(value) {
        dropped += 1
        continue
      }
      kept += Array(line.utf8) + [10]
    }
    if dropped > 0 { try AtomicFile.write(kept, to: path) }
    return dropped
  }

  private static func locked<T>(_ path: String, _ body: () throws(AtomicFile.Failure) -> T)
    throws(AtomicFile.Failure) -> T
  {
    do {
      return try FileLock.withExclusive(path + ".lock") { try body() }
    } catch let error as AtomicFile.Failure {
      throw error
    } catch {
      throw .directory(path: path, reason: "\(error)")
    }
  }
}
