/// A token the server compares request credentials against (the admin bearer token, the NUGU
/// API key).
///
/// Its description is redacted, so interpolating one into a log line never leaks it; the bytes
/// are only ever compared, in time that depends on the configured secret's length alone.
package struct SharedSecret: Sendable, CustomStringConvertible, CustomReflectable {
  private let bytes: [UInt8]

  /// Creates a secret; nil for an empty or all-space string (no secret configured).
  ///
  /// - Parameter text: the configured value; surrounding spaces and newlines (a token file's
  ///   last line) are not part of it.
  package init?(_ text: String) {
    let trimmed = text.utf8.drop { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    let end = trimmed.lastIndex { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }
    guard let end else { return nil }
    bytes = Array(trimmed[...end])
  }

  /// Always `<redacted>`.
  package var description: String { "<redacted>" }

  /// No children, so `dump` and debuggers show nothing of the bytes either.
  package var customMirror: Mirror { Mirror(self, children: [:]) }

  /// Whether `candidate` is the secret.
  ///
  /// Every byte of the secret is visited whatever the candidate holds, so the time taken says
  /// nothing about how much of a guess was right; a wrong length only flips the result.
  ///
  /// - Parameter candidate: what the client sent.
  /// - Returns: true when the bytes are equal.
  package func matches(_ candidate: some StringProtocol) -> Bool {
    let given = Array(candidate.utf8)
    var difference = UInt8(given.count == bytes.count ? 0 : 1)
    for index in bytes.indices {
      let other = index < given.count ? given[index] : ~bytes[index]
      difference |= bytes[index] ^ other
    }
    return difference == 0
  }

  /// Whether a header value is `<scheme> <secret>` (scheme matched case-insensitively, as
  /// RFC 9110 §11.1 says).
  ///
  /// - Parameters:
  ///   - header: the `Authorization` value, or nil when absent.
  ///   - scheme: `Bearer` or `token`.
  /// - Returns: true when the scheme is right and the credential matches.
  package func authorizes(_ header: String?, scheme: String) -> Bool {
    guard let header, let space = header.firstIndex(of: " ") else { return false }
    guard header[..<space].lowercased() == scheme.lowercased() else { return false }
    let credential = header[header.index(after: space)...].drop { $0 == " " }
    return matches(credential)
  }
}
