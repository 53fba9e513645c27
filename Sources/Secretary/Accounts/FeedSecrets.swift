import Delivery

/// Calendar feeds as capability URLs: `/citizens/{id}/{secret}/reminders.ics` answers only
/// with the citizen's current secret (192 random bits, hex), kept in the link journal so the
/// operator can print the URL again (`biseo ical --feed-url`), rotate it or revoke it.
public enum FeedSecrets {
  /// Hex digits in a secret.
  public static let length = 48

  /// The citizen's current secret, if a feed was issued.
  public static func secret(of citizen: String, in book: LinkBook) -> String? {
    book.state.feeds[citizen]
  }

  /// Issues a new secret for the citizen; the previous one stops working at once.
  ///
  /// - Parameters:
  ///   - citizen: a known citizen (the caller checks).
  ///   - book: the link journal.
  ///   - now: Unix seconds, for the record.
  /// - Returns: the new secret.
  public static func rotate(citizen: String, in book: LinkBook, now: Int) throws(LinkBook.Failure)
    -> String
  {
    var generator = SystemRandomNumberGenerator()
    let secret = (0..<(length / 2)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      .hexString
    try book.append([.feed(citizen: citizen, secret: secret, at: now)])
    return secret
  }

  /// Whether `candidate` is the citizen's current secret.
  ///
  /// Compared in constant time; a citizen without a feed (or no such citizen) is compared
  /// against a dummy of the same length, so timing says nothing about which ids exist.
  public static func matches(citizen: String, candidate: String, in book: LinkBook) -> Bool {
    let stored = secret(of: citizen, in: book)
    let expected = Array((stored ?? String(repeating: "-", count: length)).utf8)
    var given = Array(candidate.utf8.prefix(expected.count))
    given += [UInt8](repeating: 0, count: expected.count - given.count)
    let equal = HMACSHA256.constantTimeEquals(expected, given)
    return stored != nil && candidate.utf8.count == expected.count && equal
  }
}
