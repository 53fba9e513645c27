#if canImport(Glibc)
  import Glibc
#endif

/// Why the journal refused or failed an operation.
///
/// An `.io` failure while appending poisons the journal: every later append fails with
/// `.poisoned`, and the process is expected to exit and recover on restart (PostgreSQL's rule
/// since 2018: a retried fsync can falsely succeed).
public enum JournalError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A system call failed; `errno` is the C error number.
  case io(operation: String, errno: Int32)
  /// An earlier write or sync failed; nothing more is accepted until the process restarts.
  case poisoned(cause: String)
  /// The payload exceeds the configured record size cap.
  case recordTooLarge(size: Int, limit: Int)
  /// The journal was closed.
  case closed
  /// The operation needs a file path (compaction on an injected device).
  case unsupported(String)

  public var description: String {
    switch self {
    case .io(let operation, let errno):
      "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    case .poisoned(let cause):
      "journal is poisoned after '\(cause)'; restart the process to recover"
    case .recordTooLarge(let size, let limit):
      "record of \(size) bytes exceeds the limit of \(limit) bytes"
    case .closed: "journal is closed"
    case .unsupported(let what): "unsupported: \(what)"
    }
  }

  /// Throws `.io` with the current `errno` when `rc` is negative.
  static func check(_ rc: Int32, _ operation: String) throws(JournalError) {
    if rc < 0 { throw .io(operation: operation, errno: errno) }
  }
}
