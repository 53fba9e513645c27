import Foundation
import Testing

/// The whole delivery path under kill -9, through an SMTP peer and a webhook receiver at once.
///
/// `biseo daemon --once` is killed with SIGKILL at random moments while it sends through an
/// SMTP peer (aiosmtpd) and a Standard Webhooks receiver together. Every reminder arrives at
/// least once at each, and exactly once after deduplication — by Message-ID at the mail peer,
/// by `webhook-id` at the receiver.
@Suite(.serialized, .ownThreads) struct DaemonMailCrashTests {
  @Test(
    "kill -9를 아무 때나 해도 메일과 웹훅 모두 모든 알림을 받고, 중복은 Message-ID와 webhook-id로 걸러진다",
    .enabled(
      if: SMTPSinkPeer.isAvailable && WebhookSinkPeer.isAvailable,
      "skipped: python3 needs aiosmtpd and standardwebhooks"))
  func killedAtRandomMailAndWebhookGetEveryReminder() async throws {
    let iterations =
      Int(ProcessInfo.processInfo.environment["DAEMON_MAIL_CRASH_ITERATIONS"] ?? "") ?? 60
    let count = 20
    let corpus = try DaemonTests.corpus(count: count, channels: ["hook", "email"])
    // Every citizen gives an address, with consent, so no reminder is parked.
    try DaemonEmailTests.giveAddresses(corpus)
    let data = NSTemporaryDirectory() + "biseo-daemon-mail-crash-\(UUID().uuidString)"
    let calibrationData = data + "-calibration"
    for folder in [data, calibrationData] {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let hook = try WebhookSinkPeer()
    defer { hook.stop() }
    let mail = try SMTPSinkPeer(received: data + "/mail.jsonl")
    defer { mail.stop() }
    let calibrationMail = try SMTPSinkPeer(received: calibrationData + "/mail.jsonl")
    defer { calibrationMail.stop() }
    func config(_ folder: String, path: String, mailPort: Int) throws -> String {
      try DaemonEmailTests.peersConfig(
        in: folder, hookPort: hook.port, path: path, mailPort: mailPort)
    }
    let main = try config(data, path: "hook", mailPort: mail.port)
    let calibration = try config(
      calibrationData, path: "calibration", mailPort: calibrationMail.port)
    let days = ["2026-11-16", "2026-11-27"]
    @Sendable func arguments(_ day: String, _ data: String, _ config: String) -> [String] {
      ["daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data, "--config", config]
    }
    let runs = (0..<iterations).map { arguments(days[$0 % 2], data, main) }
    let calibrationRun = arguments(days[0], calibrationData, calibration)
    let (killed, span) = try await offPool {
      try DaemonTests.killAtRandom(calibration: calibrationRun, runs: runs)
    }
    for day in days {
      let final = try BiseoProcess.run(arguments(day, data, main))
      #expect(final.status == 0, "\(final.stderr)")
    }
    // Webhooks: every key, once after deduplication.
    let receiver = try #require(try hook.stats().receivers["/hook"])
    #expect(Set(receiver.processed) == DaemonTests.dueKeys(count: count, channel: "hook"))
    // Mail: two reminders a citizen, each one Message-ID, at least once and nothing else.
    let messages = try mail.messages()
    var ids: [String: Set<String>] = [:]
    for message in messages {
      let to = try #require((message["to"] as? [String])?.first)
      let id = try #require(message["message_id"] as? String)
      ids[to, default: []].insert(id)
      #expect(message["defects"] as? [String] == [], "\(message)")
    }
    #expect(ids.count == count, "\(ids.keys.sorted())")
    #expect(ids.values.allSatisfy { $0.count == 2 }, "\(ids)")
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":\(4 * count)"), "\(status.stdout)")
    #expect(status.stdout.contains("\"parked\":0"), "\(status.stdout)")
    let unique = ids.values.reduce(0) { $0 + $1.count }
    print(
      "daemonMailCrash: iterations=\(iterations) killed=\(killed) runMicroseconds=\(span) "
        + "mails=\(messages.count) uniqueMessageIDs=\(unique) "
        + "duplicatesAbsorbedByMessageID=\(messages.count - unique) "
        + "webhooks=\(receiver.processed.count) duplicatesAbsorbedByWebhookID=\(receiver.duplicates)"
    )
  }
}
