import Foundation

/// The data folder and its subfolders are the citizens' own: created 0700, so no other local
/// user can list or read what is inside (files in it are created 0600).
public enum DataFolder {
  /// Why the folder cannot be made private.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Creates the data folder owner-only, or makes an existing one owner-only (a folder made by
  /// an older version with the default 0755): what each command calls before using it.
  public static func ensure(_ path: String) throws(Failure) {
    do {
      try create(path)
      try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    } catch let error as AtomicFile.Failure {
      throw Failure(description: error.description)
    } catch {
      throw Failure(description: "cannot make '\(path)' private: \(error.localizedDescription)")
    }
  }

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
