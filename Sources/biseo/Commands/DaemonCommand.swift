import CivilCalendar
import Delivery
import Diagnostics
import Foundation
import Gateways
import RuleLanguage
import Secretary

#if canImport(Glibc)
  import Glibc
#endif

/// `biseo daemon`: plans consenting citizens' reminders and delivers them when due.
enum DaemonCommand: BiseoCommand {
  static let name = "daemon"
  static let summary = "plan and deliver reminders: a long-running service, or one run (--once)"
  static let usage = [
    "daemon [--data DIR] [--config FILE] [--shard K/N]",
    "daemon --once [--as-of DATE] [--data DIR] [--config FILE] [--shard K/N]",
  ]
  static let discussion = """
    Each cycle plans every subscribed reminder of the next horizonDays (config, default 30)
    into the durable ledger DATA/ledger.journal and delivers those whose time has come through
    the configured channels (default: the outbox DATA/outbox.jsonl). Planning twice plans
    nothing new; a crash at any point loses and duplicates nothing (each notice has an
    idempotency key). The service sleeps until the next notice is due (an hour at most);
    SIGTERM or SIGINT stops it after the send in flight; SIGHUP reloads the rules, profiles
    and config, keeping the old ones if the new ones have errors. Under systemd it sends
    READY=1, WATCHDOG=1 and STOPPING=1 (see docs/biseo.service).

    --once runs one cycle and exits, for cron and tests; with --as-of it acts as at the end of
    that day in Korea, and retries are compressed to seconds. --shard K/N serves only the
    citizens whose id hashes to K (run N daemons, each with its own --data).
    Exit status: 0, 1 when a reminder failed or went dead (--once), 2 on bad input,
    75 when the ledger could not be written (restart to recover).
    """
  static let options: [OptionSpec] = [
    .flag("--once", "run one cycle and exit"),
    .value("--as-of", "DATE", "with --once: act as at the end of this day (YYYY-MM-DD)"),
    .value("--data", "DIR", "ledger, outbox and learned profiles (default ./data)"),
    .value("--config", "FILE", "channels, quiet hours, horizon, retries (JSON)"),
    .value("--shard", "K/N", "serve only shard K of N"),
    .value("--ledger", "FILE", "the ledger (default DATA/ledger.journal): one per shard"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
    .flag("--quiet", "with --once: no planning progress line (shown only on a terminal)"),
  ]

  struct Loaded {
    let daemon: ReminderDaemon
    let ledger: DeliveryLedger
  }

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    let data = arguments.value("--data") ?? "data"
    let once = arguments.has("--once")
    var asOf: CivilDate?
    if let text = arguments.value("--as-of") {
      guard once else { throw CommandError.usage("--as-of needs --once") }
      guard let date = CivilDate(iso: text) else {
        throw CommandError.usage("'\(text)' is not a date; write YYYY-MM-DD")
      }
      asOf = date
    }
    let shard = try arguments.shard()
    let ledger = try openLedger(data, path: arguments.value("--ledger"))
    let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
    var loaded = try load(
      arguments, data: data, ledger: ledger, once: once, shard: shard, console: console)

    if once {
      // As at the end of the as-of day in Korea, so that every notice of that day is due.
      let now = asOf.map { $0.adding(days: 1).instant(atHour: 0).addingTimeInterval(-1) } ?? Date()
      let line = ProgressLine(quiet: arguments.has("--quiet"))
      let report = try await loaded.daemon.cycle(now: now) { planned, of in
        line?.update(citizens: planned, done: Double(planned) / Double(max(of, 1)))
      }
      line?.finish()
      console.line(describe(report))
      return report.failed + report.dead > 0 ? 1 : 0
    }

    let signals = SignalWatcher()
    notifier.notify("READY=1")
    console.error("biseo daemon: ready\n")
    while !signals.stopRequested {
      if signals.take() == .reload {
        do {
          loaded = try load(
            arguments, data: data, ledger: ledger, once: false, shard: shard, console: console)
          console.error("biseo daemon: reloaded rules, profiles and config\n")
        } catch {
          console.error("biseo daemon: reload failed, keeping the running configuration\n")
        }
      }
      let daemon = loaded.daemon
      var next = Date().addingTimeInterval(3600)
      do {
        let report = try await signals.run { try await daemon.cycle(now: Date()) }
        console.error("biseo daemon: \(describe(report))\n")
        if let due = report.nextDue { next = min(next, due) }
      } catch is CancellationError {
        break
      } catch let error as JournalError {
        console.error("biseo daemon: the ledger cannot be written (\(error)); exiting to recover\n")
        _exit(75)
      } catch {
        console.error("biseo daemon: cycle failed: \(error)\n")
      }
      notifier.notify("WATCHDOG=1")
      var wait = max(1, next.timeIntervalSinceNow)
      if let interval = notifier.watchdogInterval { wait = min(wait, interval) }
      await signals.sleep(seconds: wait)
    }
    notifier.notify("STOPPING=1")
    ledger.close()
    console.error("biseo daemon: stopped\n")
    return 0
  }

  /// The ledger at `path`, or DATA/ledger.journal; its folder is made if need be.
  static func openLedger(_ data: String, path: String? = nil) throws -> DeliveryLedger {
    let path = path ?? (data as NSString).appendingPathComponent("ledger.journal")
    do {
      try DataFolder.ensure(data)
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty { try DataFolder.ensure(folder) }
    } catch {
      throw CommandError.failure(error.description)
    }
    var options = Journal.Options()
    // A failed write or fsync cannot be retried safely: exit at once, recover on restart.
    options.onFailure = { _ in _exit(75) }
    do {
      return try DeliveryLedger(path: path, options: options)
    } catch {
      throw CommandError.failure("cannot open the ledger '\(path)': \(error)")
    }
  }

  static func load(
    _ arguments: ParsedArguments, data: String, ledger: DeliveryLedger, once: Bool, shard: Shard?,
    console: Console
  ) throws -> Loaded {
    let corpus = arguments.value("--corpus") ?? "Corpus"
    let (rules, report) = CitizenRules.load(
      rules: arguments.value("--rules") ?? "Rules", profiles: corpus + "/profiles", data: data)
    if !report.isEmpty { console.error(report) }
    guard let rules else { throw CommandError.badInput("cannot start: fix the errors above") }
    var config = DaemonConfig.standard(dataDirectory: data)
    if let path = arguments.value("--config") {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw CommandError.badInput("cannot read the config '\(path)'")
      }
      switch DaemonConfig.parse(text, path: path, dataDirectory: data) {
      case .success(let parsed): config = parsed
      case .failure(let d):
        throw CommandError.badInput(DiagnosticRenderer(sources: [path: text]).render(d))
      }
    }
    let clock = SystemDeliveryClock()
    // A mail's footer says how to stop reminders in the chat: the catalog's words unless the
    // channel's own config says otherwise.
    for i in config.channels.indices where config.channels[i].settings["footer"] == nil {
      config.channels[i].settings["footer"] = rules.channels.mailFooter
    }
    let channels: [String: any Channel]
    do {
      channels = try ChannelRegistry.builtIn(clock: clock, onStorageFailure: { _ in _exit(75) })
        .makeAll(config.channels)
    } catch {
      throw CommandError.badInput("channel configuration: \(error)")
    }
    // One run from cron must finish: retries there are seconds apart, not up to an hour.
    let policy =
      once
      ? RetryPolicy(
        maxAttempts: config.retry.maxAttempts, baseDelay: 0.2, maxDelay: 2, maxRetryAfter: 5)
      : config.retry
    let dispatcher = Dispatcher(
      ledger: ledger, channels: channels, policy: policy, limits: config.limits, clock: clock,
      seed: UInt64.random(in: .min ... .max),
      events: { event in
        console.error("biseo daemon: \(PersonalDataMasker.mask(String(describing: event)))\n")
      })
    return Loaded(
      daemon: ReminderDaemon(
        rules: rules, config: config, ledger: ledger, dispatcher: dispatcher, shard: shard),
      ledger: ledger)
  }

  static func describe(_ report: CycleReport) -> String {
    "planned \(report.planned), due \(report.due), delivered \(report.delivered), "
      + "failed \(report.failed), dead \(report.dead)"
      // Only when there are any, so the usual line stays as it was.
      + (report.parked > 0 ? ", parked \(report.parked) (no address; see biseo status)" : "")
  }
}
