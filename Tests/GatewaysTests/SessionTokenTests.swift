import Foundation
import Synchronization
import Secretary
import Testing

@testable import Gateways

/// The web page's signed, expiring session tokens and the server key behind them.
@Suite struct SessionTokenTests {
  let key = Array(repeating: UInt8(7), count: 32)

  @Test("a token stands for its sender until it expires; a forged or altered one for nobody")
  func signedAndExpiring() {
    let clock = Mutex(1_000)
    let tokens = SessionTokens(key: key, lifetime: 60) { clock.withLock { $0 } }
    let issued = tokens.issue()
    #expect(issued.sender.count == 32 && issued.expires == 1_060)
    #expect(tokens.sender(of: issued.token) == issued.sender)
    #expect(tokens.issue().sender != issued.sender)
    let parts = issued.token.split(separator: ".").map(String.init)
    let later = "v1.\(parts[1]).99999.\(parts[3])"
    let other = "v1.\(String(repeating: "a", count: 32)).\(parts[2]).\(parts[3])"
    for bad in [later, other, issued.token + "0", "", "v1...", parts[1]] {
      #expect(tokens.sender(of: bad) == nil, "\(bad)")
    }
    let otherKey = SessionTokens(key: Array(repeating: 8, count: 32), lifetime: 60) { 1_000 }
    #expect(otherKey.sender(of: issued.token) == nil)
    clock.withLock { $0 = 1_060 }
    #expect(tokens.sender(of: issued.token) == nil)
  }

  @Test("POST /session, then /chat with the token talks on the web platform")
  func routerSessions() async {
    let tokens = SessionTokens(key: key) { 1_000 }
    let router = Router(metrics: GatewayMetrics(), sessions: tokens)
    let responder = EchoResponder()
    let session = await router.response(
      for: HTTPRequest(method: "POST", target: "/session"), responder: responder)
    #expect(session.status == 200)
    let body = String(decoding: session.body, as: UTF8.self)
    let token = body.firstMatch(of: #/"token":"([^"]+)"/#).map { String($0.output.1) } ?? ""
    let sender = tokens.sender(of: token)
    let chat = await router.response(
      for: HTTPRequest(
        method: "POST", target: "/chat",
        body: Array(#"{"session":"\#(token)","text":"안녕"}"#.utf8)),
      responder: responder)
    #expect(chat.status == 200)
    #expect(String(decoding: chat.body, as: UTF8.self).contains(#""sender":"\#(sender ?? "-")""#))
    let forged = await router.response(
      for: HTTPRequest(
        method: "POST", target: "/chat", body: Array(#"{"session":"v1.x.1.y","text":"안녕"}"#.utf8)),
      responder: responder)
    #expect(forged.status == 400)
    let none = Router(metrics: GatewayMetrics())
    #expect(
      await none.response(
        for: HTTPRequest(method: "POST", target: "/session"), responder: responder
      )
      .status == 404)
  }

  @Test("the server key is made once, 0600, and a readable one is refused")
  func serverKeyFile() throws {
    let folder = NSTemporaryDirectory() + "biseo-key-\(UUID().uuidString)"
    let first = try ServerKey.load(dataDirectory: folder)
    #expect(first.count == 32)
    #expect(try ServerKey.load(dataDirectory: folder) == first)
    let path = folder + "/server.key"
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: ServerKey.Failure.self) { try ServerKey.load(dataDirectory: folder) }
  }
}
