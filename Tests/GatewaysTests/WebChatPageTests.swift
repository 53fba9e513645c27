import Foundation
import Testing

@testable import Gateways

@Suite struct WebChatPageTests {
  @Test("GET / serves the chat page, self-contained and IME-safe")
  func servesTheSelfContainedPage() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let response = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send(httpRequest("GET", "/?citizen=c004-choi-minho"))
      return try socket.readResponse()
    }
    #expect(response.status == 200)
    #expect(response.headers["content-type"] == "text/html; charset=utf-8")
    let page = response.text
    #expect(page.contains("fetch(\"/chat\""))
    #expect(page.contains("event.isComposing"))  // Enter never cuts a syllable being composed
    #expect(page.contains("name=\"viewport\""))
    // Nothing is loaded from elsewhere: no external scripts, styles, fonts or images.
    for external in ["src=\"http", "href=\"http", "@import", "url(http", "//cdn"] {
      #expect(!page.contains(external), "\(external)")
    }
    await server.stop()
  }
}
