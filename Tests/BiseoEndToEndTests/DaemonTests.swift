import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `biseo daemon --once` as cron would run it, and killed at random points.
@Suite(.serialized, .ownThreads) struct DaemonTests {
  /// A corpus of `count` copies of a demo citizen who subscribed to 민방위 reminders (two
  /// notification days in November 2026), so that one run has hundreds of notices to send.
  static func corpus(count: Int) throws -> String {
    let root = NSTemporaryDirectory() + "biseo-daemon-corpus-\(UUID().uuidString)"
    let profiles = root + "/profiles"
    try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)
    let source = BiseoProcess.repositoryRoot.appendingPathComponent(
      "Corpus/profiles/c004-choi-minho.json")
    let template = try String(contentsOf: source, encoding: .utf8)
    for i in 0..<count {
      let id = String(format: "d%03d", i)
      let text = template.replacingOccurrences(of: "\"c004-choi-minho\"", with: "\"\(id)\"")
      try Data(text.utf8).write(to: URL(fileURLWithPath: "\(profiles)/\(id).json"))
    }
    return root
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

  @Test("kill -9를 아무 때나 해도 알림은 정확히 한 번씩 나간다")
  func killedAtRandomLosesAndDuplicatesNothing() throws {
    let iterations =
      Int(ProcessInfo.processInfo.environment["DAEMON_CRASH_ITERATIONS"] ?? "") ?? 200
    let corpus = try Self.corpus(count: 60)
    let data = NSTemporaryDirectory() + "biseo-daemon-crash-\(UUID().uuidString)"
    let days = ["2026-11-16", "2026-11-27"]
    func arguments(_ day: String, _ data: String) -> [String] {
      ["daemon", "--once", "--as-of", day, "--corpus", corpus, "--data", data]
    }
    // How long an uninterrupted run takes here, so that kills land all through it.
    let clock = ContinuousClock()
    let calibration = try clock.measure {
      _ = try BiseoProcess.run(arguments(days[0], data + "-calibration"))
    }
    let span = max(
      Int(
        calibration.components.seconds * 1_000_000 + calibration.components.attoseconds
          / 1_000_000_000_000), 100_000)
    var generator = SystemRandomNumberGenerator()
    var killed = 0
    for i in 0..<iterations {
      let process = Process()
      process.executableURL = try BiseoProcess.executable()
      process.arguments = arguments(days[i % 2], data)
      process.currentDirectoryURL = BiseoProcess.repositoryRoot
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
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
    for day in days {
      let final = try BiseoProcess.run(arguments(day, data))
      #expect(final.status == 0, "\(final.stderr)")
    }
    let keys = try Self.outboxKeys(data)
    #expect(Set(keys).count == keys.count, "a notice was written twice")
    #expect(keys.count == 120, "every due notice arrives: \(keys.count) of 120")
    let status = try BiseoProcess.run(["status", "--data", data, "--json"])
    #expect(status.stdout.contains("\"delivered\":120"), "\(status.stdout)")
    print("daemonCrash: iterations=\(iterations) killed=\(killed) runMicroseconds=\(span)")
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
