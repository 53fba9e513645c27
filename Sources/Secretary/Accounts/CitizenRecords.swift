import Delivery
import Foundation

/// Everything held about one citizen, for the data subject's rights (개인정보 보호법 §35–§37):
/// an export of all of it, and an erasure that leaves only a record that it happened.
///
/// What is held: the learned profile (`citizens/ID.json`, or the shipped demo one), the consent
/// log's entries, the platform identities linked and whether a calendar feed is open (links
/// journal), and the reminders planned and sent (the delivery ledger).
public struct CitizenRecords: Sendable {
  public let profiles: ProfileStore
  public let links: LinkBook

  public init(profiles: ProfileStore, links: LinkBook) {
    self.profiles = profiles
    self.links = links
  }

  /// What an erasure removed, and the receipt number the citizen can quote.
  public struct Erasure: Sendable, Equatable {
    /// `E-` and 16 random hex digits; says nothing about whom it was for.
    public var receipt: String
    public var profile: Bool
    public var consents: Int
    public var identities: Int
    public var reminders: Bool
  }

  /// Everything held about `citizen`, as one JSON object.
  ///
  /// - Parameters:
  ///   - citizen: the citizen id.
  ///   - ledger: the delivery ledger, when the caller has it open (the daemon's data folder).
  public func export(_ citizen: String, ledger: DeliveryLedger?) -> JSONValue {
    let profile = (try? profiles.profile(citizen)) ?? .null
    let consents = ConsentLog(dataDirectory: profiles.dataDirectory).entries(of: citizen)
    let identities = links.identities(of: citizen).map { JSONValue.string($0) }
    let reminders = (ledger?.entries(of: citizen) ?? []).map(Self.reminder)
    return .object([
      ("citizen", .string(citizen)), ("profile", profile), ("consents", .array(consents)),
      ("linkedIdentities", .array(identities)),
      ("calendarFeed", .bool(FeedSecrets.secret(of: citizen, in: links) != nil)),
      ("reminders", .array(reminders)),
    ])
  }

  /// Erases the citizen's learned profile, consent entries, links, codes and feed, and (with
  /// the ledger) their reminders and the default outbox's copies of those sent, then compacts
  /// the links journal and the ledger so no file keeps them; appends a record of the erasure
  /// without the id (`erasures.jsonl`).
  ///
  /// A running `biseo daemon` that holds the ledger erases the citizen's pending reminders at
  /// its next cycle (their profile is gone), before it sends anything.
  ///
  /// - Parameters:
  ///   - citizen: the citizen id.
  ///   - ledger: the delivery ledger, when the caller owns it.
  ///   - now: the time of the erasure.
  public func forget(_ citizen: String, ledger: DeliveryLedger?, now: Date) async throws
    -> Erasure
  {
    var generator = SystemRandomNumberGenerator()
    let receipt =
      "E-"
      + (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
      .hexString
    let identities = links.identities(of: citizen).count
    let profile = try profiles.removeLearned(citizen)
    let consents = try ConsentLog(dataDirectory: profiles.dataDirectory).remove(citizen: citizen)
    let seconds = Int(now.timeIntervalSince1970)
    try links.append([.forgotten(citizen: citizen, at: seconds)])
    try links.compact(now: seconds)
    var reminders = false
    if let ledger {
      reminders = try await ledger.erase(citizen: citizen, at: now)
      try await ledger.compact()
      // The default outbox (DATA/outbox.jsonl) holds the text of reminders already "sent";
      // only the ledger's owner may rewrite it, as the daemon appends to it.
      let outbox = (profiles.dataDirectory as NSString).appendingPathComponent("outbox.jsonl")
      if try JSONLines.remove(from: outbox, where: { $0["citizen"]?.stringValue == citizen }) > 0 {
        reminders = true
      }
    }
    let erasure = Erasure(
      receipt: receipt, profile: profile, consents: consents, identities: identities,
      reminders: reminders)
    try JSONLines.append(
      .object([
        ("time", .string(DialogueManager.timestamp(now))), ("receipt", .string(receipt)),
        ("profile", .bool(profile)), ("consents", .number(String(consents))),
        ("identities", .number(String(identities))), ("reminders", .bool(reminders)),
      ]), to: (profiles.dataDirectory as NSString).appendingPathComponent("erasures.jsonl"))
    return erasure
  }

  /// The citizen's reminders among ledger entries read elsewhere (`LedgerSnapshot`).
  public static func reminders(_ entries: [LedgerEntry], of citizen: String) -> [JSONValue] {
    entries.filter {
      $0.notice.map { $0.citizen == citizen } ?? $0.key.hasPrefix(citizen + ":")
    }.map(reminder)
  }

  private static func reminder(_ entry: LedgerEntry) -> JSONValue {
    var fields: [(key: String, value: JSONValue)] = [
      ("key", .string(entry.key)), ("state", .string(entry.state.rawValue)),
      ("attempts", .number(String(entry.attempts))),
      ("updatedAt", .string(DialogueManager.timestamp(entry.updatedAt))),
    ]
    if let notice = entry.notice {
      fields += [
        ("channel", .string(notice.channel)), ("title", .string(notice.title)),
        ("body", .string(notice.body)), ("due", .string(DialogueManager.timestamp(notice.due))),
      ]
    }
    return .object(fields)
  }
}
