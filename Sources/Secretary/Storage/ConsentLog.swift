import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only record of every consent given and revoked (`DATA/consents.jsonl`), fsync'd
/// per entry: the audit trail behind the `subscriptions` a profile holds.
struct ConsentLog {
  let path: String

  init(dataDirectory: String) {
    path = (dataDirectory as NSString).appendingPathComponent("consents.jsonl")
  }

  /// Appends one change of consent with the sentence that made it ("네, 알려 주세요"): a
  /// regulator asks not only what was consented to, but what the citizen said.
  func append(
    citizen: String, action: String, services: [String], at now: Date, sentence: String = ""
  ) throws(AtomicFile.Failure) {
    guard !services.isEmpty else { return }
    var fields: [(String, JSONValue)] = [
      ("time", .string(DialogueManager.timestamp(now))), ("citizen", .string(citizen)),
      ("action", .string(action)), ("services", .array(services.map { .string($0) })),
    ]
    if !sentence.isEmpty { fields.append(("sentence", .string(sentence))) }
    let entry = JSONValue.object(fields)
    let directory = (path as NSString).deletingLastPathComponent
    try AtomicFile.makeDirectory(directory.isEmpty ? "." : directory)
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
}
