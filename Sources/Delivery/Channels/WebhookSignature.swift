import Foundation

/// Standard Webhooks v1 signing: `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")).
public struct WebhookSignature: Sendable {
  /// The HMAC keys (the base64-decoded part of each `whsec_…` secret); several during rotation.
  public let keys: [[UInt8]]

  /// Parses one or more space-separated secrets of the form `whsec_<base64>`.
  ///
  /// - Parameter secrets: the configured secret(s).
  /// - Throws: `ChannelError.misconfigured` if a secret is not `whsec_` + base64.
  public init(secrets: String) throws(ChannelError) {
    var keys: [[UInt8]] = []
    for secret in secrets.split(separator: " ") {
      let encoded = secret.hasPrefix("whsec_") ? secret.dropFirst(6) : secret[...]
      guard let key = Data(base64Encoded: String(encoded)), !key.isEmpty else {
        throw .misconfigured(channel: "webhook", reason: "secret is not 'whsec_' + base64")
      }
      keys.append(Array(key))
    }
    guard !keys.isEmpty else {
      throw .misconfigured(channel: "webhook", reason: "no secret given")
    }
    self.keys = keys
  }

  /// The `webhook-signature` header value for one attempt.
  ///
  /// - Parameters:
  ///   - id: the `webhook-id` (the idempotency key; must not contain `.`).
  ///   - timestamp: the `webhook-timestamp`, Unix seconds of this attempt.
  ///   - body: the exact body bytes.
  /// - Returns: space-separated `v1,<base64>` signatures, one per key.
  public func header(id: String, timestamp: Int, body: [UInt8]) -> String {
    let signed = Array("\(id).\(timestamp).".utf8) + body
    return keys.map { key in
      "v1," + Data(HMACSHA256.mac(key: key, message: signed)).base64EncodedString()
    }.joined(separator: " ")
  }
}
