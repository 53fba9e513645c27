import Delivery
import Foundation

extension WebChatPage {
  /// The page's `Content-Security-Policy`: its inline `<script>` and `<style>` elements allowed
  /// by their SHA-256 (computed from the page as served, so an edit of the page cannot outrun
  /// the policy), requests only to this server, no plugins, no framing, no other origin.
  static let contentSecurityPolicy: String = {
    let scripts = inlineElements("script", in: html).map(Self.hashSource)
    let styles = inlineElements("style", in: html).map(Self.hashSource)
    return [
      "default-src 'none'",
      "script-src " + scripts.joined(separator: " "),
      "style-src " + styles.joined(separator: " "),
      "connect-src 'self'", "img-src 'self'", "form-action 'self'", "base-uri 'none'",
      "frame-ancestors 'none'",
    ].joined(separator: "; ")
  }()

  /// The text of every `<tag>…</tag>` element without attributes, in order.
  static func inlineElements(_ tag: String, in page: String) -> [String] {
    var found: [String] = []
    var rest = page[...]
    while let open = rest.range(of: "<\(tag)>"),
      let close = rest[open.upperBound...].range(of: "</\(tag)>")
    {
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }

  /// `'sha256-…'` of `text`'s UTF-8, as CSP Level 2 hashes an inline element.
  static func hashSource(_ text: String) -> String {
    "'sha256-" + Data(SHA256.hash(Array(text.utf8))).base64EncodedString() + "'"
  }
}
