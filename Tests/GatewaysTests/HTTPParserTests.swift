import Gateways
import Testing

@Suite("HTTP parser")
struct HTTPParserTests {
  let parser = HTTPParser(maxHeadBytes: 256, maxBodyBytes: 64)

  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test("a GET with keep-alive by default in HTTP/1.1")
  func simpleGet() throws {
    let result = parser.parse(bytes("GET /healthz?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"))
    guard case .complete(let request, let consumed) = result else {
      Issue.record("expected a request, got \(result)")
      return
    }
    #expect(consumed == 38)
    #expect(request.method == "GET")
    #expect(request.path == "/healthz")
    #expect(request.keepAlive)
    #expect(request.header("HOST") == "a")
  }

  @Test("a POST body is taken by Content-Length and the rest is left for the next request")
  func postWithBody() {
    let text = "POST /chat HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET"
    guard case .complete(let request, let consumed) = parser.parse(bytes(text)) else {
      Issue.record("expected a request")
      return
    }
    #expect(request.body == bytes("hello"))
    #expect(consumed == text.utf8.count - 3)
  }

  @Test("incomplete heads and bodies ask for more")
  func needsMore() {
    #expect(parser.parse(bytes("GET / HTTP/1.1\r\nHost: a\r\n")) == .needsHead)
    #expect(parser.parse([]) == .needsHead)
    let head =
      "POST /chat HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhe"
    #expect(parser.parse(bytes(head)) == .needsBody(expectContinue: true))
  }

  @Test("HTTP/1.0 closes unless asked, Connection: close closes HTTP/1.1")
  func connectionSemantics() {
    let cases: [(String, Bool)] = [
      ("GET / HTTP/1.0\r\n\r\n", false),
      ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
      ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
      ("GET / HTTP/1.1\r\nHost: a\r\nConnection: TE, close\r\n\r\n", false),
    ]
    for (text, keepAlive) in cases {
      guard case .complete(let request, _) = parser.parse(bytes(text)) else {
        Issue.record("no request for \(text)")
        continue
      }
      #expect(request.keepAlive == keepAlive, "\(text)")
    }
  }

  @Test("limits: a head over the limit is 431 even when it arrives whole")
  func headLimit() {
    let big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 300) + "\r\n\r\n"
    #expect(parser.parse(bytes(big)) == .invalid(.headTooLarge(limit: 256)))
    let unterminated = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 300)
    #expect(parser.parse(bytes(unterminated)) == .invalid(.headTooLarge(limit: 256)))
  }

  @Test("limits: a Content-Length over the limit is 413 before the body arrives")
  func bodyLimit() {
    let text = "POST /chat HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\n\r\n"
    #expect(parser.parse(bytes(text)) == .invalid(.bodyTooLarge(length: 65, limit: 64)))
  }

  @Test(
    "malformed requests map to their status",
    arguments: [
      ("GET /\r\n\r\n", 400),
      ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
      ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
      ("GET http://x/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),
      ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
      ("GET / HTTP/1.1\r\nHost: a\r\nBad Name: v\r\n\r\n", 400),
      ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
      ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
      ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
      ("G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ])
  func malformed(text: String, status: Int) {
    guard case .invalid(let error) = parser.parse(Array(text.utf8)) else {
      Issue.record("accepted \(text.debugDescription)")
      return
    }
    #expect(error.status == status, "\(text.debugDescription): \(error)")
  }

  @Test("leading empty lines before the request line are ignored")
  func leadingCRLF() {
    guard case .complete(_, let consumed) = parser.parse(bytes("\r\nGET / HTTP/1.0\r\n\r\n")) else {
      Issue.record("expected a request")
      return
    }
    #expect(consumed == 20)
  }
}
