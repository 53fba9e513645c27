import Delivery
import Diagnostics
import Foundation
import Secretary

/// `biseo status`: what the ledger says, safe to run beside a running daemon.
enum StatusCommand: BiseoCommand {
  static let name = "status"
  static let summary =
    "reminders by delivery state, the oldest pending, dead letters, disabled endpoints"
  static let usage = ["status [--data DIR | --ledger FILE] [--json]"]
  static let discussion = """
    Reads DATA/ledger.journal without writing it (a running daemon may be appending).
    A webhook endpoint that answered 410 Gone stays disabled, also after a restart, until
    the config names another URL for it.
    """
  static let options: [OptionSpec] = [
    .value("--data", "DIR", "the daemon's data folder (default ./data)"),
    .value("--ledger", "FILE", "the ledger, when not DATA/ledger.journal (a shard's)"),
    .flag("--json", "one JSON object"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let data = arguments.value("--data") ?? "data"
    let path =
      arguments.value("--ledger") ?? (data as NSString).appendingPathComponent("ledger.journal")
    let snapshot: LedgerSnapshot
    do {
      snapshot = try LedgerSnapshot(path: path)
    } catch {
      throw CommandError.failure("cannot read the ledger '\(path)': \(error)")
    }
    let counts = snapshot.counts
    let pending = snapshot.entries.filter { !$0.state.isTerminal }
    let oldest = pending.compactMap { entry in entry.notice.map { (entry.key, $0.due) } }
      .min { $0.1 < $1.1 }
    let dead = snapshot.entries.filter { $0.state == .dead || $0.state == .failed }
    let parked = snapshot.entries.filter { $0.state == .parked }
    if arguments.has("--json") {
      let stateCounts = LedgerState.allCases.map {
        ($0.rawValue, JSONValue.number(String(counts[$0] ?? 0)))
      }
      let object = JSONValue.object([
        ("counts", .object(stateCounts)),
        (
          "oldestPending",
          oldest.map { .object([("key", .string($0.0)), ("due", .string(iso($0.1)))]) } ?? .null
        ),
        (
          "deadLetters",
          .array(
            dead.map {
              .object([
                ("key", .string($0.key)), ("state", .string($0.state.rawValue)),
                ("detail", .string(PersonalDataMasker.mask($0.detail ?? ""))),
              ])
            })
        ),
        (
          "parked",
          .array(
            parked.map {
              .object([
                ("key", .string($0.key)),
                ("detail", .string(PersonalDataMasker.mask($0.detail ?? ""))),
              ])
            })
        ),
        (
          "disabledEndpoints",
          .array(
            snapshot.disabledEndpoints.map {
              .object([
                ("endpoint", .string($0.endpoint)), ("channel", .string($0.channel)),
                ("since", .string(iso($0.since))), ("reason", .string($0.reason)),
              ])
            })
        ),
      ])
      console.line(object.text)
      return 0
    }
    for state in LedgerState.allCases { console.line("\(state.rawValue): \(counts[state] ?? 0)") }
    if let oldest { console.line("oldest pending: \(oldest.0) due \(iso(oldest.1))") }
    for entry in dead {
      console.line(
        "\(entry.state.rawValue): \(entry.key) — \(PersonalDataMasker.mask(entry.detail ?? ""))")
    }
    for entry in parked {
      console.line(
        "parked: \(entry.key) — \(PersonalDataMasker.mask(entry.detail ?? ""))"
          + " (delivered once the profile has it)")
    }
    for gone in snapshot.disabledEndpoints {
      console.line(
        "disabled endpoint: \(gone.endpoint) (channel \(gone.channel)) since \(iso(gone.since))"
          + " — \(gone.reason)")
    }
    return 0
  }

  static func iso(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(timeZoneSeparator: .colon, includingFractionalSeconds: false))
  }
}
