import Testing

@testable import Gateways

/// The exposition text: families, label escaping, and the reminder gauge only with a ledger.
@Suite struct GatewayMetricsTests {
  @Test("messages by front end and intent; reminders by state when a ledger is read")
  func families() {
    let metrics = GatewayMetrics(reminderStates: { [("planned", 3), ("delivered", 0)] })
    metrics.countMessage(frontend: "kakao", intent: "health_checkup")
    metrics.countMessage(frontend: "kakao", intent: "health_checkup")
    metrics.countMessage(frontend: "chat", intent: nil)
    let text = metrics.render()
    #expect(text.contains("# TYPE biseo_messages_total counter\n"))
    #expect(text.contains("biseo_messages_total{frontend=\"kakao\",intent=\"health_checkup\"} 2\n"))
    #expect(text.contains("biseo_messages_total{frontend=\"chat\",intent=\"none\"} 1\n"))
    #expect(text.contains("# TYPE biseo_reminders gauge\nbiseo_reminders{state=\"planned\"} 3\n"))
    #expect(text.contains("biseo_reminders{state=\"delivered\"} 0\n"))
    #expect(text.hasSuffix("\n"))
    #expect(metrics.messages(frontend: "kakao", intent: "health_checkup") == 2)
  }

  @Test("no ledger: no reminder family at all")
  func withoutLedger() {
    #expect(!GatewayMetrics().render().contains("biseo_reminders"))
    #expect(!GatewayMetrics(reminderStates: { nil }).render().contains("biseo_reminders"))
  }

  @Test("label values escape backslash, quote and newline")
  func escaping() {
    #expect(GatewayMetrics.label(#"a\b"c"# + "\nd") == #"a\\b\"c\nd"#)
    #expect(GatewayMetrics.label("\r\n") == "\r\\n")
    #expect(GatewayMetrics.label("health_checkup") == "health_checkup")
  }

  @Test("the server counts every chat message once, HTTP and line-JSON alike")
  func countedByTheServer() async throws {
    let metrics = GatewayMetrics()
    let server = try TestServer.start(metrics: metrics)
    let (http, line) = (server.httpPort, server.linePort)
    _ = try await offThread {
      let socket = try RawSocket(port: http)
      socket.send(httpRequest("POST", "/chat", body: #"{"sender":"m","text":"하나"}"#))
      _ = try socket.readResponse()
      socket.send(
        httpRequest(
          "POST", "/kakao/skill", body: #"{"userRequest":{"utterance":"u","user":{"id":"i"}}}"#))
      _ = try socket.readResponse()
      let lines = try RawSocket(port: line)
      lines.send(#"{"sender":"m","text":"둘"}"# + "\n")
      return try lines.readLine()
    }
    await server.stop()
    #expect(metrics.messages(frontend: "chat", intent: "none") == 2)
    #expect(metrics.messages(frontend: "kakao", intent: "none") == 1)
  }
}
