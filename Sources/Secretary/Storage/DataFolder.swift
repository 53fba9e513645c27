import Foundation

/// The data folder and its subfolders are the citizens' own: created 0700, so no other local
/// user can list or read what is inside (files in it are created 0600).
enum DataFolder {
  /// Creates `path` (and missing parents) owner-only; an existing folder is left as it is.
  static func create(_ path: String) throws(AtomicFile.Failure) {
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw .directory(path: path, reason: error.localizedDescription)
    }
  }
}
