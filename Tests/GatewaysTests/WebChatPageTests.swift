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
    #expect(page.contains("post(\"/chat\""))
    #expect(page.contains("post(\"/thread\""))  // the thread comes back after a reload
    #expect(page.contains("event.isComposing"))  // Enter never cuts a syllable being composed
    #expect(page.contains("name=\"viewport\""))
    // Nothing is loaded from elsewhere: no external scripts, styles, fonts or images.
    for external in ["src=\"http", "href=\"http", "@import", "url(http", "//cdn"] {
      #expect(!page.contains(external), "\(external)")
    }
    await server.stop()
  }

  @Test("the page's wording comes from one table, every entry used and every slot filled")
  func wordingTable() {
    let page = WebChatPage.html
    #expect(!page.contains("{{") && !page.contains("/*WORDING*/"))
    for (key, _) in WebChatPage.wording {
      let template = WebChatPage.template
      #expect(template.contains("T.\(key)") || template.contains("{{\(key)}}"), "\(key) unused")
    }
    #expect(Set(WebChatPage.wording.map(\.key)).count == WebChatPage.wording.count)
    // Markup text such as the heading and the button is filled in, escaped.
    #expect(page.contains("<h1>비서</h1>"))
    #expect(page.contains(">보내기</button>"))
    #expect(page.contains("role=\"log\"") && page.contains("role=\"alert\""))
  }
}
