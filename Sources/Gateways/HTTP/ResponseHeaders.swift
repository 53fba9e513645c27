/// The header fields the server adds to every HTTP response (docs/security.md, "Response
/// headers"): who and when, and what browsers and caches may do with it.
package struct ResponseHeaders: Sendable {
  let dates: HTTPDateCache
  /// The chat page's policy: its own inline script and style by hash, requests to itself.
  let pagePolicy: String

  /// Endpoints whose answers hold nothing of any citizen; every other one is personal (a
  /// chat reply, a thread, a calendar feed, an error about a sender) and must not be stored.
  static let impersonal: Set<String> = ["page", "healthz", "metrics", "rest_health"]

  /// For everything that is not the page: nothing may load, nothing may frame it.
  static let apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

  package init(dates: HTTPDateCache, pagePolicy: String = WebChatPage.contentSecurityPolicy) {
    self.dates = dates
    self.pagePolicy = pagePolicy
  }

  /// `response` with `Date`, `Server`, `Cache-Control: no-store` when personal, and the
  /// security headers; a field the endpoint set itself is left as it is.
  package func applied(to response: HTTPResponse, endpoint: String) -> HTTPResponse {
    var response = response
    func add(_ name: String, _ value: String) {
      if !response.headers.contains(where: { $0.name.lowercased() == name.lowercased() }) {
        response.headers.append(HTTPHeader(name, value))
      }
    }
    add("Date", dates.current())
    add("Server", "biseo")
    if !Self.impersonal.contains(endpoint) { add("Cache-Control", "no-store") }
    add("Content-Security-Policy", endpoint == "page" ? pagePolicy : Self.apiPolicy)
    add("X-Content-Type-Options", "nosniff")
    add("Referrer-Policy", "no-referrer")
    return response
  }
}
