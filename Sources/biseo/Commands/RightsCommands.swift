import Delivery
import Foundation
import Gateways
import Secretary

/// `biseo export`: everything held about a citizen, as JSON (개인정보 보호법 §35).
enum ExportCommand: BiseoCommand {
  static let name = "export"
  static let summary = "everything held about a citizen, as JSON (the right of access)"
  static let usage = ["export --citizen ID [--data DIR] [--corpus DIR]"]
  static let discussion = """
    Prints one JSON object: the profile (learned facts, or the demo profile), the consent log's
    entries with their times, the linked chat identities, whether a calendar feed is open, and
    every reminder planned or sent from the delivery ledger (DATA/ledger.journal), read without
    writing, so it is safe beside a running daemon.
    """
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "the citizen"),
    .value("--data", "DIR", "the data folder (default ./data)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let citizen = try LinkCommand.knownCitizen(arguments)
    var export = RightsCommands.records(arguments).export(citizen, ledger: nil)
    let path = RightsCommands.ledgerPath(arguments)
    if FileManager.default.fileExists(atPath: path) {
      // A snapshot reads the journal without opening it for writing (a daemon may append).
      guard let snapshot = try? LedgerSnapshot(path: path) else {
        throw CommandError.failure("cannot read the ledger '\(path)'")
      }
      export = export.setting(
        "reminders", to: .array(CitizenRecords.reminders(snapshot.entries, of: citizen)))
    }
    console.line(export.prettyText)
    return 0
  }
}

/// `biseo forget`: erase a citizen (개인정보 보호법 §36).
enum ForgetCommand: BiseoCommand {
  static let name = "forget"
  static let summary = "erase everything held about a citizen (the right to erasure)"
  static let usage = ["forget --citizen ID --yes [--data DIR] [--corpus DIR]"]
  static let discussion = """
    Erases the learned profile, the consent log's entries, every link, code and calendar feed,
    and the citizen's reminders in the delivery ledger (pending ones are never sent), then
    compacts the links journal and the ledger so no file keeps them. What stays is a line in
    DATA/erasures.jsonl with the time, a receipt number and counts, without the id. A demo
    profile shipped in Corpus/profiles is code and stays.

    Stop `biseo daemon` first, or let it do the ledger part: a running daemon erases the
    pending reminders of a citizen without a profile at its next cycle. --yes is required.
    """
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "the citizen"),
    .flag("--yes", "really erase (there is no undo)"),
    .value("--data", "DIR", "the data folder (default ./data)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let citizen = try LinkCommand.knownCitizen(arguments)
    guard arguments.has("--yes") else {
      throw CommandError.usage("forget erases for good: add --yes")
    }
    let records = RightsCommands.records(arguments)
    let path = RightsCommands.ledgerPath(arguments)
    let ledger =
      FileManager.default.fileExists(atPath: path) ? try DeliveryLedger(path: path) : nil
    defer { ledger?.close() }
    let erasure = try await records.forget(citizen, ledger: ledger, now: Date())
    // The web page's threads (Gateways keeps them; the records know nothing of sessions).
    ThreadStore(dataDirectory: arguments.value("--data") ?? "data").erase(citizen: citizen)
    console.line(
      "erased (receipt \(erasure.receipt)): profile \(erasure.profile ? "removed" : "none"), "
        + "\(erasure.consents) consent entries, \(erasure.identities) linked identities, "
        + "reminders \(erasure.reminders ? "removed" : "none")")
    return 0
  }
}

enum RightsCommands {
  static func records(_ arguments: ParsedArguments) -> CitizenRecords {
    let data = arguments.value("--data") ?? "data"
    let profiles = ProfileStore(
      demoDirectory: (arguments.value("--corpus") ?? "Corpus") + "/profiles", dataDirectory: data)
    return CitizenRecords(profiles: profiles, links: LinkBook(dataDirectory: data))
  }

  static func ledgerPath(_ arguments: ParsedArguments) -> String {
    ((arguments.value("--data") ?? "data") as NSString).appendingPathComponent("ledger.journal")
  }
}
