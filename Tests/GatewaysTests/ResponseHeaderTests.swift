import Foundation
import Synchronization
import Testing

@testable import Gateways

@Suite struct ResponseHeaderTests {
  /// 2026-12-07T12:30:05Z.
  static let instant = Date(timeIntervalSince1970: 1_796_646_605)

  @Test(
    "IMF-fixdate",
    arguments: [
      (0, "Thu, 01 Jan 1970 00:00:00 GMT"), (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
      (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
      (1_796_646_605, "Mon, 07 Dec 2026 12:30:05 GMT"),
      (4_133_980_799, "Fri, 31 Dec 2100 23:59:59 GMT"), (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ] as [(Int64, String)])
  func imfFixdate(seconds: Int64, text: String) {
    #expect(HTTPDateCache.imfFixdate(seconds) == text)
  }

  @Test("the same as Foundation's formatter for many instants")
  func agreesWithFoundation() {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let seconds = Int64.random(in: 0...4_102_444_800, using: &generator)
      let expected = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
      #expect(HTTPDateCache.imfFixdate(seconds) == expected)
    }
  }

  @Test("formatted at most once a second, from the injected clock")
  func formattedOncePerSecond() {
    let now = Mutex(Self.instant)
    let cache = HTTPDateCache(clock: { now.withLock { $0 } })
    for _ in 0..<100 { #expect(cache.current() == "Mon, 07 Dec 2026 12:30:05 GMT") }
    now.withLock { $0 = Self.instant.addingTimeInterval(0.9) }
    #expect(cache.current() == "Mon, 07 Dec 2026 12:30:05 GMT")
    #expect(cache.formats == 1)
    now.withLock { $0 = Self.instant.addingTimeInterval(1) }
    #expect(cache.current() == "Mon, 07 Dec 2026 12:30:06 GMT")
    #expect(cache.formats == 2)
  }

  @Test("the page's policy allows exactly its own inline script and style")
  func pagePolicyFitsThePage() {
    let policy = WebChatPage.contentSecurityPolicy
    let scripts = WebChatPage.inlineElements("script", in: WebChatPage.html)
    let styles = WebChatPage.inlineElements("style", in: WebChatPage.html)
    #expect(scripts.count == 1 && styles.count == 1)
    #expect(policy.contains("script-src \(WebChatPage.hashSource(scripts[0]))"))
    #expect(policy.contains("style-src \(WebChatPage.hashSource(styles[0]))"))
    #expect(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"))
    #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
    // Nothing the policy would block: no inline handlers or style attributes, no eval.
    let page = WebChatPage.html
    for blocked in [" onclick=", " onload=", " style=\"", "eval(", "new Function", "javascript:"] {
      #expect(!page.contains(blocked), "\(blocked)")
    }
    // The hash is of the exact UTF-8 between the tags (CSP Level 2): a known vector.
    #expect(
      WebChatPage.hashSource("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
  }

  @Test("every response: Date and Server; personal ones no-store; the page and API locked down")
  func headersOnTheWire() async throws {
    let server = try TestServer.start { configuration in
      configuration.responseHeaders = ResponseHeaders(
        dates: HTTPDateCache(clock: { Self.instant }))
    }
    let port = server.httpPort
    let (page, chat, health, missing) = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send(httpRequest("GET", "/"))
      let page = try socket.readResponse()
      socket.send(httpRequest("POST", "/chat", body: #"{"sender":"p","text":"안녕"}"#))
      let chat = try socket.readResponse()
      socket.send(httpRequest("GET", "/healthz"))
      let health = try socket.readResponse()
      socket.send(httpRequest("GET", "/nowhere"))
      return (page, chat, health, try socket.readResponse())
    }
    for response in [page, chat, health, missing] {
      #expect(response.headers["date"] == "Mon, 07 Dec 2026 12:30:05 GMT")
      #expect(response.headers["server"] == "biseo")
      #expect(response.headers["x-content-type-options"] == "nosniff")
      #expect(response.headers["referrer-policy"] == "no-referrer")
    }
    #expect(chat.status == 200 && chat.headers["cache-control"] == "no-store")
    #expect(missing.headers["cache-control"] == "no-store")
    #expect(page.headers["cache-control"] == nil && health.headers["cache-control"] == nil)
    #expect(page.headers["content-security-policy"] == WebChatPage.contentSecurityPolicy)
    #expect(chat.headers["content-security-policy"] == ResponseHeaders.apiPolicy)
    await server.stop()
  }
}
