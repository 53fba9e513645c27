import Foundation

/// An endpoint that answered HTTP 410, as the ledger remembers it across restarts.
public struct DisabledEndpoint: Equatable, Sendable {
  /// The endpoint's identity (a webhook's URL).
  public var endpoint: String
  /// The configured channel that reached it.
  public var channel: String
  /// The channel's own words ("HTTP 410 from …").
  public var reason: String
  /// When the 410 came.
  public var since: Date

  /// Creates the record of a disabled endpoint.
  public init(endpoint: String, channel: String, reason: String, since: Date) {
    self.endpoint = endpoint
    self.channel = channel
    self.reason = reason
    self.since = since
  }
}

/// What a ledger's records rebuild: the entries in planning order and the disabled endpoints.
struct LedgerContents {
  var entries: [String: LedgerEntry] = [:]
  var order: [String] = []
  var disabledEndpoints: [String: DisabledEndpoint] = [:]

  /// Applies `record` idempotently (replays after compaction may repeat records).
  ///
  /// - Returns: whether anything changed.
  @discardableResult
  mutating func apply(_ record: LedgerRecord) -> Bool {
    if record.event == .erased {
      let gone = Set(entries.values.filter { $0.belongs(to: record.key) }.map(\.key))
      guard !gone.isEmpty else { return false }
      for key in gone { entries[key] = nil }
      order.removeAll { gone.contains($0) }
      return true
    }
    guard record.event == .endpointDisabled else {
      return record.apply(to: &entries, order: &order)
    }
    // The first 410 is the one to remember; later ones say nothing new.
    guard disabledEndpoints[record.key] == nil else { return false }
    disabledEndpoints[record.key] = DisabledEndpoint(
      endpoint: record.key, channel: record.channel ?? "", reason: record.detail ?? "HTTP 410",
      since: record.at)
    return true
  }

  /// The disabled endpoints, oldest first.
  var disabledInOrder: [DisabledEndpoint] {
    disabledEndpoints.values.sorted { ($0.since, $0.endpoint) < ($1.since, $1.endpoint) }
  }

  /// The records that rebuild the disabled endpoints.
  var endpointRecords: [LedgerRecord] {
    disabledInOrder.map {
      LedgerRecord(
        event: .endpointDisabled, key: $0.endpoint, at: $0.since, detail: $0.reason,
        channel: $0.channel)
    }
  }
}
