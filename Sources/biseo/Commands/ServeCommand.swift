import CivilCalendar
import Delivery
import Foundation
import Gateways
import Secretary

/// `biseo serve …`: the HTTP and line-JSON gateways.
enum ServeCommand: BiseoCommand {
  static let name = "serve"
  static let summary = "serve chat over HTTP (REST, Rasa, Kakao i, speaker) and line-JSON sockets"
  static let usage = [
    "serve [--http HOST:PORT] [--tcp HOST:PORT] [--unix PATH] [--data DIR] [--config FILE] [LIMITS…]",
    "serve --echo [--http HOST:PORT] …",
  ]
  static let discussion = """
    Listens on any combination of sockets (none given: --http 127.0.0.1:8080) until SIGTERM
    or SIGINT (SIGHUP reloads rules and intents, as POST /admin/reload does), then stops
    accepting, finishes the requests in flight (up to --grace seconds) and exits 0. Hosts
    default to loopback (127.0.0.1); a bare PORT or :PORT binds loopback. Port 0 picks a free
    port; the bound addresses are printed on stdout, one per line, once the server is ready
    (and READY=1 goes to $NOTIFY_SOCKET under systemd Type=notify).

      --http  HTTP/1.1: POST /chat, POST /webhooks/rest/webhook, GET /webhooks/rest/,
              POST /kakao/skill, POST /nugu/{action}, POST /speaker, GET /,
              POST /session (the page's signed session token),
              GET /citizens/{id}/{secret}/reminders.ics (biseo ical --feed-url),
              GET /healthz, GET /metrics, and
              POST /admin/reload, POST /admin/link when an admin token is configured
      --tcp   line-JSON: one {"sender", "text", "speaker"} object per line, one reply per line
      --unix  line-JSON on a Unix socket (a stale socket file is replaced)

    Each sender is a platform identity with its own session, never a citizen id: it is a guest
    with facts of its own (kept in --data) until the citizen links it by typing a one-time code
    ("인증번호 123456") from `biseo link --citizen ID`; "연결 끊어줘" unlinks. --demo lets a
    sender id that names a demo citizen (Corpus/profiles) talk as that citizen, with a warning
    at start. --echo swaps the secretary for a demo that repeats each message (load tests of
    the server alone). The wire formats are in docs/protocol.md, what each endpoint trusts in
    docs/security.md.

    Tokens: $BISEO_ADMIN_TOKEN (or "adminToken" in the --config JSON file) enables
    POST /admin/reload with "Authorization: Bearer TOKEN"; without one there is no admin
    endpoint. $BISEO_NUGU_API_KEY (or "nuguApiKey") makes NUGU requests carry
    "Authorization: token KEY". The environment wins over the file.
    """
  static let options: [OptionSpec] = [
    .flag("--echo", "answer with the echo demo instead of the secretary (server load tests)"),
    .flag("--demo", "let a sender id name a shipped demo citizen (never with real citizens)"),
    .value("--http", "HOST:PORT", "serve HTTP/1.1 here (repeatable)", repeatable: true),
    .value("--tcp", "HOST:PORT", "serve line-JSON on TCP here (repeatable)", repeatable: true),
    .value(
      "--unix", "PATH", "serve line-JSON on a Unix socket here (repeatable)", repeatable: true),
    .value("--data", "DIR", "learned facts and consents (default ./data)"),
    .value("--config", "FILE", "JSON with adminToken and nuguApiKey (environment wins)"),
    .value("--as-of", "DATE", "answer as of this date (demos and tests; default: the clock)"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--intents", "DIR", "the intent folder (default Intents)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ and faq/ (default Corpus)"),
    .value("--max-connections", "N", "open connections before 503 (default 1024)"),
    .value("--idle-timeout", "SECONDS", "keep-alive idle timeout (default 5)"),
    .value("--header-timeout", "SECONDS", "deadline for a request head (default 10)"),
    .value("--kakao-path", "PATH", "path of the Kakao i skill endpoint (default /kakao/skill)"),
    .value("--loops", "N", "event-loop threads (default: half the cores, at most 4)"),
    .value("--grace", "SECONDS", "how long shutdown waits for requests in flight (default 10)"),
    .value("--max-sessions", "N", "conversations kept in memory, least recent dropped (10000)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    var addresses: [ListenAddress] = []
    do throws(GatewayError) {
      for text in arguments.all("--http") { addresses.append(try .tcp(text, wire: .http)) }
      for text in arguments.all("--tcp") { addresses.append(try .tcp(text, wire: .lines)) }
    } catch {
      throw CommandError.usage(error.description)
    }
    for path in arguments.all("--unix") {
      addresses.append(ListenAddress(.unix(path: path), wire: .lines))
    }
    if addresses.isEmpty {
      addresses.append(ListenAddress(.tcp(host: "127.0.0.1", port: 8080), wire: .http))
    }
    var configuration = ServerConfiguration(addresses: addresses)
    // Half the cores: the rest go to responder tasks that suspend and to the kernel's network
    // work. Measured on 2 cores with wrk alongside: 1 loop p99 9 ms, 2 loops p99 23 ms, at the
    // same throughput.
    configuration.loopCount = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount / 2))
    if let value = try number(arguments, "--max-connections") {
      configuration.maxConnections = Int(value)
    }
    if let value = try number(arguments, "--idle-timeout") {
      configuration.idleTimeout = .seconds(value)
    }
    if let value = try number(arguments, "--header-timeout") {
      configuration.headerTimeout = .seconds(value)
    }
    if let value = try number(arguments, "--loops") { configuration.loopCount = max(1, Int(value)) }
    if let path = arguments.value("--kakao-path") {
      guard path.hasPrefix("/"), !path.contains(" ") else {
        throw CommandError.usage("--kakao-path must start with '/' and contain no spaces")
      }
      configuration.kakaoSkillPath = path
    }
    let grace = try number(arguments, "--grace") ?? 10
    let secrets = try ServeSecrets.load(
      configPath: arguments.value("--config"), environment: ProcessInfo.processInfo.environment,
      console: console)
    configuration.adminToken = secrets.admin
    configuration.nuguAPIKey = secrets.nugu
    let data = arguments.value("--data") ?? "data"
    do {
      try DataFolder.ensure(data)
      let key = try ServerKey.load(dataDirectory: data)
      configuration.sessionTokens = SessionTokens(key: key) { Int(Date().timeIntervalSince1970) }
    } catch {
      throw CommandError.failure("\(error)")
    }

    let responder: any ChatResponder
    var services: (any SecretaryServices)?
    var counters: GatewayMetrics.Counters?
    if arguments.has("--echo") {
      responder = EchoResponder()
    } else {
      let corpus = arguments.value("--corpus") ?? "Corpus"
      let paths = SecretaryPaths(
        rules: arguments.value("--rules") ?? "Rules",
        intents: arguments.value("--intents") ?? "Intents", profiles: corpus + "/profiles",
        faq: corpus + "/faq", data: data)
      let (runtime, report) = SecretaryRuntime.load(paths)
      if !report.isEmpty { console.error(report) }
      guard let runtime else { throw CommandError.badInput("cannot start: fix the errors above") }
      // The edge: the server reads the clock for each message (or a fixed day for demos and
      // tests); the dialogue never does.
      let clock: @Sendable () -> Date
      if let fixed = try arguments.value("--as-of").map({ _ in try arguments.asOfDate(now: Date()) }
      ) {
        let instant = fixed.instant(atHour: 9)
        clock = { instant }
      } else {
        clock = { Date() }
      }
      let demo = arguments.has("--demo")
      if demo {
        console.error(
          "biseo serve: warning: --demo: any sender may talk as a demo citizen by naming its id;"
            + " never serve real citizens this way\n")
      }
      let maxSessions = try number(arguments, "--max-sessions").map { max(1, Int($0)) } ?? 10_000
      let secretary = SecretaryResponder(
        runtime: runtime, paths: paths, clock: clock, demo: demo, maxSessions: maxSessions)
      responder = secretary
      services = secretary
      counters = { secretary.counters }
    }
    let systemd = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
    var onHangUp: (@Sendable () -> Void)?
    if let services {
      onHangUp = { reloadOnHangUp(services, systemd: systemd, console: console) }
    }
    let signals = ServeSignals(onHangUp: onHangUp)
    let server = GatewayServer(
      configuration: configuration, responder: responder, services: services,
      metrics: GatewayMetrics(reminderStates: ledgerStates(data: data), counters: counters))
    let bound: [ListenAddress]
    do throws(GatewayError) {
      bound = try server.start()
    } catch {
      throw CommandError.failure(error.description)
    }
    for address in bound { console.line(address.description) }
    console.flush()
    systemd.notify("READY=1\nSTATUS=" + bound.map(\.description).joined(separator: ", "))
    await signals.terminated()
    systemd.notify("STOPPING=1")
    console.error("biseo serve: stopping (grace \(Int(grace)) s)\n")
    server.shutdown(grace: .seconds(grace))
    await server.stopped()
    return 0
  }

  /// Reminders by state from the daemon's ledger in the data folder, read without writing (a
  /// daemon may be appending); nil while there is no ledger.
  private static func ledgerStates(data: String) -> GatewayMetrics.ReminderStates {
    let path = (data as NSString).appendingPathComponent("ledger.journal")
    return {
      guard FileManager.default.fileExists(atPath: path),
        let snapshot = try? LedgerSnapshot(path: path)
      else { return nil }
      let counts = snapshot.counts
      return LedgerState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }
    }
  }

  private static func number(_ arguments: ParsedArguments, _ option: String) throws -> Double? {
    guard let text = arguments.value(option) else { return nil }
    guard let value = Double(text), value >= 0, value.isFinite else {
      throw CommandError.usage("option '\(option)' needs a non-negative number, not '\(text)'")
    }
    return value
  }

  /// SIGHUP: the same reload as `POST /admin/reload` (conventions.md §10), reported on stderr.
  private static func reloadOnHangUp(
    _ services: any SecretaryServices, systemd: SystemdNotifier, console: Console
  ) {
    let microseconds = ServerConfiguration.monotonicNanoseconds() / 1000
    systemd.notify("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    let outcome = services.reload()
    if !outcome.report.isEmpty { console.error(outcome.report) }
    console.error(
      outcome.applied
        ? "biseo serve: reloaded rules and intents\n"
        : "biseo serve: reload failed, keeping the running rules and intents\n")
    systemd.notify("READY=1")
  }
}
