@testable import Delivery
import Foundation
import Testing

@Suite struct WebhookChannelTests {
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  /// The example published with the Standard Webhooks spec (conventions §6).
  @Test func signatureMatchesTheSpecExample() throws {
    let signature = try WebhookSignature(secrets: Self.secret)
    let header = signature.header(
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
      body: Array(#"{"test": 2432232314}"#.utf8))
    #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    let rotated = try WebhookSignature(secrets: Self.secret + " whsec_c2Vjb25k")
    #expect(rotated.header(id: "a", timestamp: 1, body: []).split(separator: " ").count == 2)
    #expect(throws: ChannelError.self) { try WebhookSignature(secrets: "whsec_!!!") }
  }

  func channel(_ steps: [ScriptedTransport.Step], clock: ManualClock = ManualClock())
    throws -> (WebhookChannel, ScriptedTransport)
  {
    let transport = ScriptedTransport(steps)
    let channel = try WebhookChannel(
      config: ChannelConfig(
        name: "hook", kind: "webhook",
        settings: ["url": "http://127.0.0.1:9/hook", "secret": Self.secret]),
      clock: clock, transport: transport)
    return (channel, transport)
  }

  static let table: [(Int, [String: String], ChannelError?)] = [
    (200, [:], nil),
    (204, [:], nil),
    (500, [:], .transient(reason: "HTTP 500")),
    (502, [:], .transient(reason: "HTTP 502")),
    (408, [:], .transient(reason: "HTTP 408")),
    (429, ["retry-after": "7"], .transient(reason: "HTTP 429", retryAfter: 7)),
    (
      503, ["retry-after": "Thu, 17 Dec 2026 00:01:00 GMT"],
      .transient(reason: "HTTP 503", retryAfter: 60)
    ),
    (410, [:], .endpointGone(reason: "HTTP 410 from http://127.0.0.1:9/hook")),
    (400, [:], .permanent(reason: "HTTP 400")),
    (301, [:], .permanent(reason: "HTTP 301")),
  ]

  @Test(arguments: table)
  func statusClassification(status: Int, headers: [String: String], expected: ChannelError?)
    async throws
  {
    let (channel, _) = try channel([.reply(HTTPReply(status: status, headers: headers))])
    do {
      let receipt = try await channel.send(ChannelTests.notice())
      #expect(expected == nil)
      #expect(receipt == Receipt("HTTP \(status)"))
    } catch {
      #expect(error == expected)
    }
  }

  @Test func networkErrorIsTransient() async throws {
    let (channel, _) = try channel([.fail])
    await #expect(throws: ChannelError.self) { try await channel.send(ChannelTests.notice()) }
    do {
      _ = try await channel.send(ChannelTests.notice())
    } catch {
      #expect(error.isRetryable)
    }
  }

  @Test("재시도마다 같은 webhook-id, 시도 시각의 timestamp, 올바른 서명")
  func retriesKeepTheIdAndSignEachAttempt() async throws {
    let clock = ManualClock()
    let (channel, transport) = try channel(
      [.reply(HTTPReply(status: 500)), .reply(HTTPReply(status: 200))], clock: clock)
    let notice = ChannelTests.notice()
    _ = try? await channel.send(notice)
    clock.advance(30)
    _ = try await channel.send(notice)
    let requests = transport.requests
    #expect(requests.count == 2)
    #expect(requests.map { $0.headers["webhook-id"] } == [notice.key, notice.key])
    #expect(requests.map { $0.headers["webhook-timestamp"] } == ["1797465600", "1797465630"])
    #expect(requests[0].body == requests[1].body)
    let signer = try WebhookSignature(secrets: Self.secret)
    for request in requests {
      let ts = try #require(Int(request.headers["webhook-timestamp"] ?? ""))
      #expect(
        request.headers["webhook-signature"]
          == signer.header(id: notice.key, timestamp: ts, body: request.body))
    }
    let body = try #require(
      try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any])
    #expect(body["type"] as? String == "reminder.due")
    #expect(body["timestamp"] as? String == "2026-12-17T00:00:00Z")
  }

  @Test func goneEndpointIsDisabledWithoutFurtherRequests() async throws {
    let (channel, transport) = try channel([.reply(HTTPReply(status: 410))])
    for _ in 0..<3 { _ = try? await channel.send(ChannelTests.notice()) }
    #expect(channel.isDisabled)
    #expect(transport.requests.count == 1)
  }

  @Test func keyWithADotIsRefused() async throws {
    let (channel, transport) = try channel([.reply(HTTPReply(status: 200))])
    var notice = ChannelTests.notice()
    notice.key = "a.b"
    await #expect(throws: ChannelError.self) { try await channel.send(notice) }
    #expect(transport.requests.isEmpty)
  }
}
