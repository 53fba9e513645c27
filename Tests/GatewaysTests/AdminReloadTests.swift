import Foundation
import Gateways
import Secretary
import Testing

/// `POST /admin/reload`: absent without a token, 401 without the right one, and a bad rule
/// book or intents file reported while the running secretary stays.
///
/// Serialized: each test loads the whole secretary, and loads side by side only compete for
/// the same two cores.
@Suite("Admin reload", .serialized)
struct AdminReloadTests {
  static let token = "t0ken-for-tests"

  /// A secretary loaded from copies of the rules and intents, served with the admin token.
  private func serve(
    token: String? = Self.token
  ) async throws -> (TestServer, SecretaryResponder, rules: String, intents: String) {
    // Loading blocks for seconds: on a thread of its own, never on the cooperative pool that
    // every other test's continuations need.
    let (rules, intents, paths, loaded) = try await offThread {
      let (rules, intents) = try SecretaryFixture.copies()
      let paths = SecretaryFixture.paths(rules: rules, intents: intents)
      return (rules, intents, paths, SecretaryRuntime.load(paths).runtime)
    }
    let runtime = try #require(loaded)
    // Demo mode: the tests talk as a shipped demo citizen by sender id.
    let secretary = SecretaryResponder(
      runtime: runtime, paths: paths, clock: SecretaryFixture.clock, demo: true)
    let server = try TestServer.start(responder: secretary, services: secretary) {
      $0.adminToken = token.flatMap(SharedSecret.init)
    }
    return (server, secretary, rules, intents)
  }

  private func post(_ port: UInt16, _ requests: [String]) async throws -> [RawSocket.Response] {
    try await offThread {
      let socket = try RawSocket(port: port)
      socket.setTimeout(60)  // a reload may train the intent model
      return try requests.map { request in
        socket.send(request)
        return try socket.readResponse()
      }
    }
  }

  private func reload(authorization: String? = "Bearer \(Self.token)") -> String {
    httpRequest(
      "POST", "/admin/reload", body: "",
      headers: authorization.map { ["Authorization: \($0)"] } ?? [])
  }

  @Test("no token configured: no admin endpoint, even for a request that brings one")
  func absentWithoutToken() async throws {
    let (server, _, _, _) = try await serve(token: nil)
    let responses = try await post(server.httpPort, [reload(), reload(authorization: nil)])
    await server.stop()
    #expect(responses.map(\.status) == [404, 404])
  }

  @Test("401 with a Bearer challenge without the token or with a wrong one; 405 for GET")
  func unauthorized() async throws {
    let (server, secretary, _, _) = try await serve()
    let before = secretary.runtime
    let responses = try await post(
      server.httpPort,
      [
        reload(authorization: nil), reload(authorization: "Bearer wrong"),
        reload(authorization: "Basic \(Self.token)"), httpRequest("GET", "/admin/reload"),
      ])
    await server.stop()
    #expect(responses.map(\.status) == [401, 401, 401, 405])
    #expect(responses[0].headers["www-authenticate"] == #"Bearer realm="biseo""#)
    #expect(
      responses[1].headers["www-authenticate"] == #"Bearer realm="biseo", error="invalid_token""#)
    #expect(responses[0].text == #"{"error":"an admin token is required"}"#)
    #expect(responses[3].headers["allow"] == "POST")
    #expect(secretary.runtime === before)
  }

  @Test("a good reload swaps the secretary and keeps the conversation going")
  func reloadKeepsSessions() async throws {
    let (server, secretary, _, _) = try await serve()
    let before = secretary.runtime
    let ask = #"{"sender":"u1","text":"올해 건강검진 대상이야?"}"#
    let answer = #"{"sender":"u1","text":"1990-05-01"}"#
    let responses = try await post(
      server.httpPort,
      [
        httpRequest("POST", "/chat", body: ask), reload(),
        httpRequest("POST", "/chat", body: answer),
      ])
    await server.stop()
    #expect(responses.map(\.status) == [200, 200, 200])
    #expect(responses[0].text.contains("생년월일"))
    #expect(responses[1].text == #"{"diagnostics":[],"status":"reloaded"}"#)
    #expect(secretary.runtime !== before)
    // The question asked before the reload is answered after it.
    #expect(responses[2].text.contains("해당하시나요"), "\(responses[2].text)")
  }

  @Test("a broken rule book: 422 with located diagnostics, and the old rules keep answering")
  func brokenRules() async throws {
    let (server, secretary, rules, _) = try await serve()
    let before = secretary.runtime
    try Data("rule broken \"깨짐\"\n  when 1 +\n".utf8).write(
      to: URL(fileURLWithPath: rules + "/health/broken.rule"))
    let chat = #"{"sender":"c004-choi-minho","text":"민방위 언제까지야?"}"#
    let responses = try await post(
      server.httpPort, [reload(), httpRequest("POST", "/chat", body: chat)])
    await server.stop()
    #expect(responses.map(\.status) == [422, 200])
    let body = try #require(
      try JSONSerialization.jsonObject(with: Data(responses[0].body)) as? [String: Any])
    #expect(body["error"] as? String == "reload failed; the running rules and intents stay")
    let diagnostics = try #require(body["diagnostics"] as? [[String: Any]])
    let first = try #require(diagnostics.first)
    #expect((first["path"] as? String)?.hasSuffix("/health/broken.rule") == true)
    #expect(first["line"] as? Int == 3 && first["column"] as? Int == 1)
    #expect(first["severity"] as? String == "error")
    #expect(first["code"] as? String == "R0113")
    #expect((body["report"] as? String)?.contains("broken.rule:3:1: error:") == true)
    #expect(secretary.runtime === before)
    #expect(responses[1].text.contains("민방위 4년차"))
  }

  @Test("a broken intents file: 422 naming its line, and nothing is swapped")
  func brokenIntents() async throws {
    let (server, secretary, _, intents) = try await serve()
    let before = secretary.runtime
    let file = intents + "/affirm.intent"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try Data((text + "bogus line here\n").utf8).write(to: URL(fileURLWithPath: file))
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let responses = try await post(server.httpPort, [reload()])
    await server.stop()
    #expect(responses.map(\.status) == [422])
    let body = try #require(
      try JSONSerialization.jsonObject(with: Data(responses[0].body)) as? [String: Any])
    let diagnostics = try #require(body["diagnostics"] as? [[String: Any]])
    #expect(
      diagnostics.contains {
        ($0["path"] as? String)?.hasSuffix("/affirm.intent") == true && $0["line"] as? Int == line
          && $0["code"] as? String == "I0006"
      }, "\(diagnostics)")
    #expect(secretary.runtime === before)
  }

  @Test("report lines: paths with colons, codes, and lines that are not diagnostics")
  func reportLines() {
    let report = """
      /a:b/x.rule:12:3: warning: unused fact 'age' [R0201]
        12 | when age > 3
      note: see here
      y.intent:1:1: error: no examples
      rule book rejected: 1 error
      """
    let parsed = ReportLines.diagnostics(in: report)
    #expect(
      parsed == [
        .object([
          "path": "/a:b/x.rule", "line": .int(12), "column": .int(3), "severity": "warning",
          "message": "unused fact 'age'", "code": "R0201",
        ]),
        .object([
          "path": "y.intent", "line": .int(1), "column": .int(1), "severity": "error",
          "message": "no examples", "code": "",
        ]),
      ])
  }
}
