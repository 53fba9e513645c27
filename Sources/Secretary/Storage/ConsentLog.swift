import Foundation

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
    // Through JSONLines: it takes the lock that keeps an erasure's rewrite from dropping an
    // append made meanwhile by another process.
    try JSONLines.append(JSONValue.object(fields), to: path)
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
