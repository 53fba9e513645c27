import Delivery

/// Signed, expiring session tokens for the web chat page: the page holds one instead of a raw
/// id, so a visitor can neither pick another visitor's identity nor keep one forever.
///
/// Format: `v1.<id>.<expires>.<mac>`: `id` is 32 hex digits (128 random bits, the identity
/// `web:<id>`), `expires` Unix seconds, `mac` the hex HMAC-SHA256 of `v1.<id>.<expires>` under
/// the server key (`ServerKey`), compared in constant time.
package struct SessionTokens: Sendable {
  private let key: [UInt8]
  /// Seconds a token is valid.
  package let lifetime: Int
  private let now: @Sendable () -> Int

  /// - Parameters:
  ///   - key: the server key.
  ///   - lifetime: seconds a token is valid (default 7 days).
  ///   - now: Unix seconds (the serve command passes the clock; tests a fixed one).
  package init(key: [UInt8], lifetime: Int = 7 * 86_400, now: @escaping @Sendable () -> Int) {
    self.key = key
    self.lifetime = lifetime
    self.now = now
  }

  /// A fresh token and the sender id it stands for.
  package func issue() -> (token: String, sender: String, expires: Int) {
    var generator = SystemRandomNumberGenerator()
    let id = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    let expires = now() + lifetime
    let signed = "v1.\(id).\(expires)"
    return (
      signed + "." + HMACSHA256.mac(key: key, message: Array(signed.utf8)).hexString, id, expires
    )
  }

  /// The sender id a token stands for; nil when it is malformed, forged or expired.
  package func sender(of token: String) -> String? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == "v1", parts[1].utf8.count == 32,
      parts[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
      let expires = Int(parts[2]), expires > now()
    else { return nil }
    let signed = Array("v1.\(parts[1]).\(parts[2])".utf8)
    let expected = HMACSHA256.mac(key: key, message: signed).hexString
    guard HMACSHA256.constantTimeEquals(Array(expected.utf8), Array(parts[3].utf8)) else {
      return nil
    }
    return String(parts[1])
  }
}
