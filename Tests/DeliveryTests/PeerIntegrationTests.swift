import Delivery
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Integration with real peers.
///
/// A Python webhook receiver that checks every signature with the reference
/// `standardwebhooks` library, and an `aiosmtpd` relay. Compressed schedule: 1 s request timeout,
/// 0.1 s base backoff, 5 attempts (reliability.md §4).
@Suite(.serialized) struct PeerIntegrationTests {
  static let hasWebhookPeer = PythonPeer.canImport("standardwebhooks")
  static let hasSMTPPeer = PythonPeer.canImport("aiosmtpd")
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  static func notice(_ name: String, channel: String, recipient: String = "") -> Notice {
    Notice(
      key: "c42-\(name)-2026-d14", citizen: "c42", channel: channel, recipient: recipient,
      title: "일반건강검진 마감 14일 전", body: "올해 일반건강검진 마감이 14일 남았어요.\n.점으로 시작하는 줄",
      due: Date(timeIntervalSince1970: 1_797_465_600), metadata: ["reminder": "health_checkup"])
  }

  struct KeyStats: Decodable {
    var attempts: Int
    var processed: Int
    var times: [Double]
  }

  struct SinkStats: Decodable {
    var bad_signatures: Int
    var errors: [String]
    var keys: [String: KeyStats]
  }

  @Test(
    "webhooks against a misbehaving receiver: retries, Retry-After, 410, verified signatures",
    .enabled(
      if: hasWebhookPeer,
      "skipped: python3 cannot import 'standardwebhooks' (pip install standardwebhooks)"))
  func webhookAgainstPythonSink() async throws {
    let sink = try PythonPeer("webhook_sink.py", [Self.secret])
    defer { sink.stop() }
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let clock = SystemDeliveryClock()
    let transport = URLSessionTransport()
    let paths = ["ok", "fail2", "slow", "reset", "throttle", "gone", "refused"]
    var channels: [String: any Channel] = [:]
    for path in paths {
      let port = path == "refused" ? 1 : sink.port
      channels[path] = try WebhookChannel(
        config: ChannelConfig(
          name: path, kind: "webhook",
          settings: [
            "url": "http://127.0.0.1:\(port)/\(path)", "secret": Self.secret, "timeout": "1",
          ]),
        clock: clock, transport: transport)
    }
    let ledger = try DeliveryLedger(path: dir.file("ledger.log"))
    let dispatcher = Dispatcher(
      ledger: ledger, channels: channels, policy: .test, clock: clock, seed: 7)
    let states = try await dispatcher.deliverAll(paths.map { Self.notice($0, channel: $0) })
    let expected: [String: LedgerState] = [
      "ok": .delivered, "fail2": .delivered, "slow": .delivered, "reset": .delivered,
      "throttle": .delivered, "gone": .failed, "refused": .dead,
    ]
    for path in paths {
      #expect(states[Self.notice(path, channel: path).key] == expected[path], "\(path)")
    }
    let attempts = Dictionary(
      uniqueKeysWithValues: paths.map {
        ($0, ledger.entry(Self.notice($0, channel: $0).key)?.attempts)
      })
    #expect(
      attempts == [
        "ok": 1, "fail2": 3, "slow": 2, "reset": 2, "throttle": 2, "gone": 1, "refused": 5,
      ])

    let statsURL = try #require(URL(string: "http://127.0.0.1:\(sink.port)/stats"))
    let (data, _) = try await URLSession.shared.data(from: statsURL)
    let stats = try JSONDecoder().decode(SinkStats.self, from: data)
    #expect(stats.bad_signatures == 0, "\(stats.errors)")
    for path in ["ok", "fail2", "slow", "reset", "throttle"] {
      #expect(
        stats.keys[Self.notice(path, channel: path).key]?.processed == 1, "\(path) processed once")
    }
    #expect(stats.keys[Self.notice("gone", channel: "gone").key]?.processed == 0)
    let throttle = try #require(stats.keys[Self.notice("throttle", channel: "throttle").key])
    #expect(
      throttle.times.count == 2 && throttle.times[1] - throttle.times[0] >= 0.95, "Retry-After: 1")
  }

  @Test(
    "SMTP against aiosmtpd: encoded subject, dot-stuffing, 4xx transient, 5xx permanent",
    .enabled(if: hasSMTPPeer, "skipped: python3 cannot import 'aiosmtpd' (pip install aiosmtpd)"))
  func smtpAgainstAiosmtpd() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let received = dir.file("mail.jsonl")
    let sink = try PythonPeer("smtp_sink.py", [received])
    defer { sink.stop() }
    let smtp = try SMTPChannel(
      config: ChannelConfig(
        name: "mail", kind: "smtp",
        settings: [
          "host": "127.0.0.1", "port": "\(sink.port)", "from": "biseo@example.org",
          "domain": "biseo.example", "timeout": "5", "fromName": "비서",
          "unsubscribe": "https://biseo.example/unsubscribe",
          "footer": "알림을 그만 받으려면 비서에게 \"알림 꺼줘\"라고 말씀해 주세요.",
        ]),
      clock: ManualClock())
    var notice = Self.notice("mail", channel: "mail", recipient: "citizen@example.org")
    notice.key = "c002-park-junho:birth_registration:2026-11-20:2026-11-13:mail"
    notice.metadata["name"] = "박준호"
    let receipt = try await smtp.send(notice)
    #expect(receipt.detail.hasPrefix("250 "))
    await #expect(throws: ChannelError.self) {
      try await smtp.send(Self.notice("busy", channel: "mail", recipient: "busy@example.org"))
    }
    do {
      _ = try await smtp.send(Self.notice("busy", channel: "mail", recipient: "busy@example.org"))
    } catch {
      #expect(error.isRetryable, "451 must be transient: \(error)")
    }
    do {
      _ = try await smtp.send(
        Self.notice("nobody", channel: "mail", recipient: "nobody@example.org"))
      Issue.record("550 must fail")
    } catch {
      #expect(error == .permanent(reason: "smtp RCPT TO: 550 5.1.1 no such user"))
    }
    let lines = try String(contentsOfFile: received, encoding: .utf8).split(separator: "\n")
    try #require(lines.count == 1)
    let mail = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(mail["subject"] as? String == notice.title)
    #expect(mail["to"] as? [String] == ["citizen@example.org"])
    #expect(
      mail["message_id"] as? String
        == SMTPHeaders.messageID(key: notice.key, domain: "biseo.example"))
    #expect(mail["defects"] as? [String] == [], "email.policy.default found defects")
    let headers = try #require(mail["headers"] as? [String: String])
    #expect(headers["from_name"] == "비서" && headers["from_address"] == "biseo@example.org")
    #expect(headers["to_name"] == "박준호" && headers["to_address"] == "citizen@example.org")
    #expect(headers["date"] == "2026-12-17T00:00:00+00:00")
    #expect(headers["list_unsubscribe"] == "<https://biseo.example/unsubscribe>")
    #expect(headers["content_type"] == "multipart/alternative")
    let body = (mail["body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n")
    #expect(body?.hasPrefix(notice.body + "\n\n") == true)
    #expect(body?.contains("알림 꺼줘") == true, "the footer says how to stop in the chat")
    let html = try #require(mail["html"] as? String).replacingOccurrences(of: "\r\n", with: "\n")
    #expect(html.contains("<p>올해 일반건강검진 마감이 14일 남았어요.<br>\n.점으로 시작하는 줄</p>"))
  }
}
