import Foundation
import Testing

/// The daemon's e-mail path: the address comes from the citizen's contact points; without one
/// the reminder is parked (reported by `biseo status`), and delivered once the profile has it.
@Suite(.serialized) struct DaemonEmailTests {
  /// A daemon config in `folder` sending the app channels (the default `hook`) to the webhook
  /// sink at `path` and `email` to the SMTP peer; returns its path.
  static func peersConfig(in folder: String, hookPort: Int, path: String, mailPort: Int) throws
    -> String
  {
    let file = folder + "/daemon.json"
    try """
    {"channels": [
      {"name": "hook", "kind": "webhook",
       "settings": {"url": "http://127.0.0.1:\(hookPort)/\(path)",
                    "secret": "\(WebhookSinkPeer.secret)", "timeout": "5"}},
      {"name": "email", "kind": "smtp",
       "settings": {"host": "127.0.0.1", "port": "\(mailPort)", "from": "biseo@biseo.example",
                    "fromName": "비서", "domain": "biseo.example", "timeout": "5"}}
    ], "defaultChannel": "hook"}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  /// Every citizen of a `DaemonTests.corpus` gives an e-mail address, with consent.
  static func giveAddresses(_ corpus: String) throws {
    let profiles = corpus + "/profiles"
    for file in try FileManager.default.contentsOfDirectory(atPath: profiles) {
      let path = profiles + "/" + file
      let id = String(file.dropLast(5))
      let contacts =
        "\"contacts\": {\"email\": {\"address\": \"\(id)@example.com\", "
        + "\"consentedAt\": \"2026-11-01\"}},\n  \"subscriptions\""
      let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
        of: "\"subscriptions\"", with: contacts)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }

  @Test(
    "주소가 없으면 보류되고(실패가 아니다), 주소를 넣으면 다음 실행에 보낸다",
    .enabled(
      if: SMTPSinkPeer.isAvailable,
      "skipped: python3 cannot import 'aiosmtpd' (pip install aiosmtpd)"))
  func parkedUntilTheProfileHasAnAddress() throws {
    let corpus = try DaemonTests.corpus(count: 3, channels: ["email"])
    let data = NSTemporaryDirectory() + "biseo-daemon-mail-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    let sink = try SMTPSinkPeer(received: data + "/mail.jsonl")
    defer { sink.stop() }
    let config = data + "/daemon.json"
    try """
    {"channels": [
      {"name": "outbox", "kind": "outbox", "settings": {"path": "\(data)/outbox.jsonl"}},
      {"name": "email", "kind": "smtp",
       "settings": {"host": "127.0.0.1", "port": "\(sink.port)", "from": "biseo@biseo.example",
                    "fromName": "비서", "domain": "biseo.example", "timeout": "5"}}
    ], "defaultChannel": "outbox"}
    """.write(toFile: config, atomically: true, encoding: .utf8)
    func run(_ day: String) throws -> BiseoProcess.Result {
      try BiseoProcess.run([
        "daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data, "--config",
        config,
      ])
    }
    let first = try run("2026-11-16")
    #expect(first.status == 0, "parked is not a failure: \(first.stderr)")
    #expect(
      first.stdout
        == "planned 6, due 0, delivered 0, failed 0, dead 0, parked 6 (no address; see biseo status)\n"
    )
    let status = try BiseoProcess.run(["status", "--data", data])
    #expect(status.stdout.contains("parked: 6\n"), "\(status.stdout)")
    #expect(status.stdout.contains("failed: 0\n"))
    #expect(
      status.stdout.contains(
        "parked: d000:civil_defense:2026-11-30:2026-11-16:email — no contacts.email"),
      "\(status.stdout)")
    #expect(try sink.messages().isEmpty)

    // The citizens give their addresses (with consent); the next pass re-plans and sends.
    try Self.giveAddresses(corpus)
    let second = try run("2026-11-16")
    #expect(
      second.stdout == "planned 0, due 3, delivered 3, failed 0, dead 0\n", "\(second.stderr)")
    let mail = try sink.messages()
    #expect(mail.count == 3)
    #expect(Set(mail.compactMap { ($0["to"] as? [String])?.first }).count == 3)
    #expect(mail.allSatisfy { ($0["defects"] as? [String]) == [] }, "\(mail)")
    // The footer comes from Rules/channels.txt (`mail footer:`): how to stop, in the chat.
    #expect(mail.allSatisfy { ($0["body"] as? String)?.contains("알림 꺼줘") == true }, "\(mail)")
    let json = try BiseoProcess.run(["status", "--data", data, "--json"]).stdout
    #expect(json.contains("\"parked\":0"), "all readdressed: \(json)")
    #expect(json.contains("\"planned\":3"), "the 27 November ones wait for their day")
    #expect(json.contains("\"delivered\":3"))
  }

  /// The demo citizens as they ship: every reminder due reaches a real peer, e-mail for the one
  /// who chose it (한지수, with her address), the webhook for the app channels.
  @Test(
    "데모 시민의 알림이 실제 메일·웹훅 수신자에게 모두 간다",
    .enabled(
      if: SMTPSinkPeer.isAvailable && WebhookSinkPeer.isAvailable,
      "skipped: python3 needs aiosmtpd and standardwebhooks"))
  func demoCitizensReachRealPeers() throws {
    let data = NSTemporaryDirectory() + "biseo-daemon-demo-peers-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    let mail = try SMTPSinkPeer(received: data + "/mail.jsonl")
    defer { mail.stop() }
    let hook = try WebhookSinkPeer()
    defer { hook.stop() }
    let config = try Self.peersConfig(
      in: data, hookPort: hook.port, path: "hook", mailPort: mail.port)
    let run = try BiseoProcess.run([
      "daemon", "--once", "--as-of", "2026-11-21", "--data", data, "--config", config,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasSuffix("failed 0, dead 0\n"), "\(run.stdout)")
    #expect(!run.stdout.contains("parked"), "\(run.stdout)")
    let messages = try mail.messages()
    #expect(messages.count == 1, "\(messages)")
    #expect((messages.first?["to"] as? [String]) == ["jisoo.han@example.com"])
    #expect((messages.first?["defects"] as? [String]) == [])
    let received = try #require(try hook.stats().receivers["/hook"])
    #expect(received.processed.contains("c008-han-jisoo:moving_in:2026-12-04:2026-11-21:hook"))
    #expect(received.processed.contains { $0.hasPrefix("c001-lee-jiwoo:national_scholarship:") })
    let due = run.stdout.split(separator: ",").first { $0.contains("due") }
    #expect(due == " due \(messages.count + received.processed.count)", "\(run.stdout)")
  }
}
