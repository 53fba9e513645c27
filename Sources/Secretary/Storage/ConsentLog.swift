import Foundation

/// An append-only record of every consent given and revoked (`DATA/consents.jsonl`), fsync'd
/// per entry: the audit trail behind the `subscriptions` a profile holds.
struct ConsentLog {
  let path: String

  init(dataDirectory: String) {
    path = (dataDirectory as NSString).appendingPathComponent("consents.jsonl")
  }

  func append(citizen: String, action: String, services: [String], at now: Date) throws(AtomicFile
    .Failure)
  {
    guard !services.isEmpty else { return }
    let entry = JSONValue.object([
      ("time", .string(DialogueManager.timestamp(now))), ("citizen", .string(citizen)),
      ("action", .string(action)), ("services", .array(services.map { .string($0) })),
    ])
    try JSONLines.append(entry, to: path)
  }

  /// The citizen's entries, oldest first: what they consented to and revoked, and when.
  func entries(of citizen: String) -> [JSONValue] {
    JSONLines.read(path).filter { $0["citizen"]?.stringValue == citizen }
  }

  /// Removes the citizen's entries (an erasure); the others stay as they were.
  ///
  /// - Returns: how many were removed.
  @discardableResult
  func remove(citizen: String) throws(AtomicFile.Failure) -> Int {
    try JSONLines.remove(from: path) { $0["citizen"]?.stringValue == citizen }
  }
}
