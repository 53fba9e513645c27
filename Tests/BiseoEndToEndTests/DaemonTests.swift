import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `biseo daemon --once` as cron would run it, and killed at random points.
@Suite(.serialized, .ownThreads) struct DaemonTests {
  /// A corpus of `count` copies of a demo citizen who subscribed to 민방위 reminders.
  ///
  /// Two notification days in November 2026, so that one run has hundreds of notices to send.
  /// `channels` replaces the channel names the citizen chose (`toss`, which goes to the outbox).
  static func corpus(count: Int, channels: [String]? = nil) throws -> String {
    let root = NSTemporaryDirectory() + "biseo-daemon-corpus-\(UUID().uuidString)"
    let profiles = root + "/profiles"
    try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)
    let source = BiseoProcess.repositoryRoot.appendingPathComponent(
      "Corpus/profiles/c004-choi-minho.json")
    var template = try String(contentsOf: source, encoding: .utf8)
    if let channels {
      let names = channels.map { "\"\($0)\"" }.joined(separator: ", ")
      template = template.replacingOccurrences(
        of: "\"channels\": [\"toss\"]", with: "\"channels\": [\(names)]")
    }
    for i in 0..<count {
      let id = String(format: "d%03d", i)
      let text = template.replacingOccurrences(of: "\"c004-choi-minho\"", with: "\"\(id)\"")
      try Data(text.utf8).write(to: URL(fileURLWithPath: "\(profiles)/\(id).json"))
    }
    return root
  }

  /// The keys every run of the crash loops must deliver through `channel`: both 민방위
  /// notification days (16 and 27 November 2026) of each of `count` corpus citizens.
  static func dueKeys(count: Int, channel: String) -> Set<String> {
    Set(
      (0..<count).flatMap { i in
        ["2026-11-16", "2026-11-27"].map {
          String(format: "d%03d", i) + ":civil_defense:2026-11-30:\($0):\(channel)"
        }
      })
  }

  /// Runs `biseo` with each of `runs`, each killed with SIGKILL at a random moment of an
  /// uninterrupted run's span (measured first with `calibration`).
  ///
  /// Blocking (child processes, `usleep`): call it through `offPool`.
  ///
  /// - Returns: how many runs were killed, and the span in microseconds.
  static func killAtRandom(calibration: [String], runs: [[String]]) throws -> (
    killed: Int, span: Int
  ) {
    // How long an uninterrupted run takes here, so that kills land all through it.
    let clock = ContinuousClock()
    let measured = try clock.measure { _ = try BiseoProcess.run(calibration) }
    let span = max(
      Int(
        measured.components.seconds * 1_000_000 + measured.components.attoseconds
          / 1_000_000_000_000), 100_000)
    var generator = SystemRandomNumberGenerator()
    var killed = 0
    for run in runs {
      let process = try BiseoProcess.start(run)
      // Wait for the chosen moment, or less when the run ends first: a calibration made while
      // the machine was busy must not turn every later iteration into a long idle sleep.
      let killAt = ContinuousClock.now + .microseconds(Int.random(in: 0...span, using: &generator))
      while process.isRunning, ContinuousClock.now < killAt { usleep(500) }
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        killed += 1
      }
      process.waitUntilExit()
    }
    return (killed, span)
  }

  static func outboxKeys(_ data: String) throws -> [String] {
    let text = (try? String(contentsOfFile: data + "/outbox.jsonl", encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return try #require(object?["id"] as? String)
    }
  }

  @Test("두 번 실행해도 한 번만 보낸다")
  func runningTwiceSendsOnce() throws {
    let corpus = try Self.corpus(count: 3)
    let data = NSTemporaryDirectory() + "biseo-daemon-\(UUID().uuidString)"
    func run(_ day: String) throws -> BiseoProcess.Result {
      try BiseoProcess.run(["daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data])
    }
    let first = try run("2026-11-16")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == "planned 6, due 3, delivered 3, failed 0, dead 0\n")
    #expect(try run("2026-11-16").stdout == "planned 0, due 0, delivered 0, failed 0, dead 0\n")
    #expect(try run("2026-11-27").stdout == "planned 0, due 3, delivered 3, failed 0, dead 0\n")
    let keys = try Self.outboxKeys(data)
    #expect(keys.count == 6 && Set(keys).count == 6)
    #expect(keys.contains("d000:civil_defense:2026-11-30:2026-11-16:outbox"))
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":6"))
  }

  @Test("세 샤드가 각자의 원장으로 나눠 보내도, 한 프로세스와 같은 알림을 한 번씩 보낸다")
  func shardsWithOwnLedgers() throws {
    let corpus = try Self.corpus(count: 12)
    let whole = NSTemporaryDirectory() + "biseo-daemon-\(UUID().uuidString)"
    let one = try BiseoProcess.run([
      "daemon", "--once", "--as-of", "2026-11-16", "--corpus", corpus, "--data", whole,
    ])
    #expect(one.status == 0, "\(one.stderr)")
    // The shards share the profiles' folder and keep a ledger each, as the StatefulSet does.
    let shared = NSTemporaryDirectory() + "biseo-daemon-\(UUID().uuidString)"
    for k in 0..<3 {
      let ledger = shared + "-ledgers/\(k)/ledger.journal"
      let run = try BiseoProcess.run([
        "daemon", "--once", "--as-of", "2026-11-16", "--corpus", corpus, "--data", shared,
        "--shard", "\(k)/3", "--ledger", ledger,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      let status = try BiseoProcess.run(["status", "--ledger", ledger, "--json"])
      #expect(status.status == 0, "\(status.stderr)")
      #expect(
        !status.stdout.contains("\"delivered\":0"), "each shard has citizens: \(status.stdout)")
    }
    let keys = try Self.outboxKeys(shared)
    #expect(Set(keys).count == keys.count, "no notice twice")
    #expect(Set(keys) == Set(try Self.outboxKeys(whole)), "the same notices as one process")
    #expect(!FileManager.default.fileExists(atPath: shared + "/ledger.journal"))
  }

  @Test("kill -9를 아무 때나 해도 알림은 정확히 한 번씩 나간다")
  func killedAtRandomLosesAndDuplicatesNothing() async throws {
    let iterations =
      Int(ProcessInfo.processInfo.environment["DAEMON_CRASH_ITERATIONS"] ?? "") ?? 200
    let corpus = try Self.corpus(count: 60)
    let data = NSTemporaryDirectory() + "biseo-daemon-crash-\(UUID().uuidString)"
    let days = ["2026-11-16", "2026-11-27"]
    func arguments(_ day: String, _ data: String) -> [String] {
      ["daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data]
    }
    let runs = (0..<iterations).map { arguments(days[$0 % 2], data) }
    let calibration = arguments(days[0], data + "-calibration")
    let (killed, span) = try await offPool {
      try Self.killAtRandom(calibration: calibration, runs: runs)
    }
    for day in days {
      let final = try BiseoProcess.run(arguments(day, data))
      #expect(final.status == 0, "\(final.stderr)")
    }
    let keys = try Self.outboxKeys(data)
    #expect(Set(keys).count == keys.count, "a notice was written twice")
    #expect(Set(keys) == Self.dueKeys(count: 60, channel: "outbox"), "\(keys.count) of 120")
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":120"), "\(status.stdout)")
    print("daemonCrash: iterations=\(iterations) killed=\(killed) runMicroseconds=\(span)")
  }

  /// The same loop with every citizen on two channels.
  ///
  /// The outbox and a webhook receiver that deduplicates by `webhook-id`. A kill after the receiver processed a request but before
  /// the ledger heard the 200 makes the restarted daemon send it again, with the same id: at
  /// least once to the receiver, exactly once after its deduplication.
  @Test(
    "kill -9를 아무 때나 해도 웹훅 수신자는 모든 알림을 받고, 중복은 webhook-id로 걸러진다",
    .enabled(
      if: WebhookSinkPeer.isAvailable,
      "skipped: python3 cannot import 'standardwebhooks' (pip install standardwebhooks)"))
  func killedAtRandomWebhookSinkGetsEveryReminder() async throws {
    let iterations =
      Int(ProcessInfo.processInfo.environment["DAEMON_WEBHOOK_CRASH_ITERATIONS"] ?? "") ?? 200
    let count = 40
    let sink = try WebhookSinkPeer()
    defer { sink.stop() }
    let corpus = try Self.corpus(count: count, channels: ["outbox", "hook"])
    let data = NSTemporaryDirectory() + "biseo-daemon-hook-crash-\(UUID().uuidString)"
    let calibrationData = data + "-calibration"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: calibrationData, withIntermediateDirectories: true)
    // The calibration run sends to a receiver of its own, which deduplicates separately.
    let config = data + "/daemon.json"
    try sink.config(path: "hook", data: data).write(
      toFile: config, atomically: true, encoding: .utf8)
    let calibrationConfig = calibrationData + "/daemon.json"
    try sink.config(path: "calibration", data: calibrationData).write(
      toFile: calibrationConfig, atomically: true, encoding: .utf8)
    let days = ["2026-11-16", "2026-11-27"]
    func arguments(_ day: String, _ data: String, _ config: String) -> [String] {
      [
        "daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data, "--config",
        config,
      ]
    }
    let runs = (0..<iterations).map { arguments(days[$0 % 2], data, config) }
    let calibration = arguments(days[0], calibrationData, calibrationConfig)
    let (killed, span) = try await offPool {
      try Self.killAtRandom(calibration: calibration, runs: runs)
    }
    for day in days {
      let final = try BiseoProcess.run(arguments(day, data, config))
      #expect(final.status == 0, "\(final.stderr)")
    }
    let stats = try sink.stats()
    #expect(stats.bad_signatures == 0, "\(stats.errors.prefix(5))")
    let receiver = try #require(stats.receivers["/hook"])
    #expect(Set(receiver.processed) == Self.dueKeys(count: count, channel: "hook"))
    let outbox = try Self.outboxKeys(data)
    #expect(Set(outbox).count == outbox.count, "an outbox line was written twice")
    #expect(Set(outbox) == Self.dueKeys(count: count, channel: "outbox"))
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":\(4 * count)"), "\(status.stdout)")
    print(
      "daemonWebhookCrash: iterations=\(iterations) killed=\(killed) runMicroseconds=\(span) "
        + "received=\(receiver.processed.count) duplicatesAbsorbed=\(receiver.duplicates) "
        + "tornRequests=\(stats.torn_requests)")
  }

  /// A kill while the receiver holds a request it has processed: the ledger says `attempted`,
  /// so the restarted daemon sends that `webhook-id` again and the receiver absorbs it.
  @Test(
    "받은 뒤 응답하기 전에 죽으면, 다시 시작한 데몬이 같은 webhook-id로 보내고 수신자가 걸러낸다",
    .enabled(
      if: WebhookSinkPeer.isAvailable,
      "skipped: python3 cannot import 'standardwebhooks' (pip install standardwebhooks)"))
  func aKillBeforeTheReplyIsSentAgainAndAbsorbed() async throws {
    let sink = try WebhookSinkPeer()
    defer { sink.stop() }
    let corpus = try Self.corpus(count: 3, channels: ["hook"])
    let data = NSTemporaryDirectory() + "biseo-daemon-stall-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    let config = data + "/daemon.json"
    try sink.config(path: "stall-first", data: data, timeout: 120).write(
      toFile: config, atomically: true, encoding: .utf8)
    let arguments = [
      "daemon", "--once", "--as-of", "2026-11-16", "--corpus", corpus, "--data", data,
      "--config", config,
    ]
    let port = sink.port
    let first = try await offPool { () -> String? in
      let process = try BiseoProcess.start(arguments)
      // The receiver processes the first request and then holds its reply for a minute.
      var first: String?
      for _ in 0..<1200 where first == nil && process.isRunning {
        first = try WebhookSinkPeer.stats(port: port).receivers["/stall-first"]?.processed.first
        if first == nil { usleep(50_000) }
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return first
    }
    let stalled = try #require(first, "the receiver never got a request")

    let final = try BiseoProcess.run(arguments)
    #expect(final.status == 0, "\(final.stderr)")
    let receiver = try #require(try sink.stats().receivers["/stall-first"])
    #expect(receiver.repeated.contains(stalled), "\(receiver.repeated)")
    let due = Self.dueKeys(count: 3, channel: "hook").filter { $0.contains(":2026-11-16:") }
    #expect(Set(receiver.processed) == due)
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":3"), "\(status.stdout)")
  }

  @Test(
    "410을 받은 웹훅은 데몬을 다시 시작해도 부르지 않고, 그 알림은 이유와 함께 실패로 남는다",
    .enabled(
      if: WebhookSinkPeer.isAvailable,
      "skipped: python3 cannot import 'standardwebhooks' (pip install standardwebhooks)"))
  func goneWebhookStaysDisabledAfterARestart() throws {
    let sink = try WebhookSinkPeer()
    defer { sink.stop() }
    let corpus = try Self.corpus(count: 3, channels: ["hook"])
    let data = NSTemporaryDirectory() + "biseo-daemon-gone-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    let config = data + "/daemon.json"
    try sink.config(path: "gone", data: data).write(
      toFile: config, atomically: true, encoding: .utf8)
    func run(_ day: String) throws -> BiseoProcess.Result {
      try BiseoProcess.run([
        "daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data, "--config",
        config,
      ])
    }
    let first = try run("2026-11-16")
    #expect(first.status == 1, "a failed reminder makes --once exit 1: \(first.stderr)")
    #expect(first.stdout == "planned 6, due 3, delivered 0, failed 3, dead 0\n")
    // Three sends may be in flight when the first 410 arrives; each of them may hit it.
    let calls = try sink.stats().gone_requests
    #expect((1...3).contains(calls))

    let second = try run("2026-11-27")
    #expect(second.stdout == "planned 0, due 3, delivered 0, failed 3, dead 0\n")
    #expect(try sink.stats().gone_requests == calls, "the restarted daemon called a gone endpoint")

    let url = "http://127.0.0.1:\(sink.port)/gone"
    let json = try BiseoProcess.run(["status", "--data", data, "--json"]).stdout
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let disabled = try #require(object["disabledEndpoints"] as? [[String: Any]])
    #expect(disabled.count == 1)
    #expect(disabled.first?["endpoint"] as? String == url)
    #expect(disabled.first?["channel"] as? String == "hook")
    let letters = try #require(object["deadLetters"] as? [[String: Any]])
    #expect(letters.count == 6 && letters.allSatisfy { $0["state"] as? String == "failed" })
    let restartedKey = "d000:civil_defense:2026-11-30:2026-11-27:hook"
    let restarted = try #require(letters.first { $0["key"] as? String == restartedKey })
    let detail = try #require(restarted["detail"] as? String)
    #expect(detail.hasPrefix("endpoint gone: HTTP 410 from \(url); disabled since "), "\(detail)")
    let text = try BiseoProcess.run(["status", "--data", data]).stdout
    #expect(text.contains("disabled endpoint: \(url) (channel hook) since "), "\(text)")
  }
}

/// The long-running service: systemd notifications and a clean stop on SIGTERM.
@Suite(.ownThreads) struct DaemonServiceTests {
  /// A datagram socket standing in for systemd's notify socket.
  final class NotifySocket {
    let path: String
    let fd: Int32

    init() throws {
      path = NSTemporaryDirectory() + "biseo-notify-\(UUID().uuidString.prefix(8)).sock"
      fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
      }
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      try #require(fd >= 0 && bound == 0)
      var timeout = timeval(tv_sec: 20, tv_usec: 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next message, or nil after the timeout.
    func receive() -> String? {
      var buffer = [UInt8](repeating: 0, count: 512)
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }

    deinit {
      close(fd)
      unlink(path)
    }
  }

  @Test("systemd에 READY와 STOPPING을 알리고 SIGTERM에 깨끗이 멈춘다")
  func notifiesSystemdAndStopsOnSigterm() throws {
    let notify = try NotifySocket()
    let corpus = try DaemonTests.corpus(count: 2)
    let process = Process()
    process.executableURL = try BiseoProcess.executable()
    process.arguments = [
      "daemon", "--corpus", corpus, "--data",
      NSTemporaryDirectory() + "biseo-svc-\(UUID().uuidString)",
    ]
    process.currentDirectoryURL = BiseoProcess.repositoryRoot
    process.environment = ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "2000000"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    #expect(notify.receive() == "READY=1")
    #expect(notify.receive() == "WATCHDOG=1")
    kill(process.processIdentifier, SIGTERM)
    #expect(notify.receive() == "STOPPING=1")
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(log.contains("biseo daemon: stopped"))
  }
}
