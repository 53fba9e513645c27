import Foundation

/// Where one reminder is on its way: planned → attempted → delivered / failed / dead, or
/// parked (no address yet) → planned again once the citizen gives one.
public enum LedgerState: String, Codable, Sendable, CaseIterable {
  /// Recorded as due; no attempt yet.
  case planned
  /// At least one attempt started; may be waiting for a retry.
  case attempted
  /// A channel confirmed it (2xx, 250, exit 0, fsync'd line).
  case delivered
  /// A permanent failure (4xx, 5xx SMTP reply, gone endpoint): never retried.
  case failed
  /// Retries exhausted: dead-lettered, needs a human.
  case dead
  /// Waiting for an address (the channel had none or a malformed one); never sent as it is,
  /// re-planned with the address once the citizen's profile has one.
  case parked

  /// Whether nothing more will happen to the reminder.
  public var isTerminal: Bool { self == .delivered || self == .failed || self == .dead }
}

/// What the ledger knows about one idempotency key.
public struct LedgerEntry: Equatable, Sendable {
  /// The idempotency key.
  public var key: String
  /// The notice, or nil once compaction dropped it from a finished entry.
  public var notice: Notice?
  /// The current state.
  public var state: LedgerState
  /// Attempts started so far.
  public var attempts: Int
  /// When the last event happened.
  public var updatedAt: Date
  /// Earliest time for the next attempt (after a transient failure).
  public var notBefore: Date?
  /// The receipt (delivered) or the reason (failed, dead, retry).
  public var detail: String?
}

extension LedgerEntry {
  /// Whether the entry is the citizen's: by its notice, or, for a tombstone that kept only its
  /// key, by the key's first field (keys are `citizen:rule:…`).
  func belongs(to citizen: String) -> Bool {
    if let notice { return notice.citizen == citizen }
    return key.hasPrefix(citizen + ":")
  }
}

/// One journal record of the ledger, stored as sorted-key JSON inside a frame.
struct LedgerRecord: Codable, Equatable {
  enum Event: String, Codable {
    case planned, attempted, retry, delivered, failed, dead
    /// No usable address: the entry waits (`detail` says why); not terminal.
    case parked
    /// A parked entry gets its address: `notice` replaces the parked one, state `planned`.
    case readdressed
    /// An endpoint answered 410: `key` is the endpoint (its URL), `channel` the channel name.
    case endpointDisabled
    /// A citizen's data was erased: `key` is the citizen; every entry of theirs goes, pending
    /// ones unsent, and compaction writes none of them (nor this record) again.
    case erased
  }

  var event: Event
  var key: String
  var at: Date
  var notice: Notice?
  var attempt: Int?
  var notBefore: Date?
  var detail: String?
  var channel: String?

  /// Applies the record to `entries`; records are idempotent and terminal states are final, so
  /// replaying a record twice (possible after compaction) changes nothing.
  ///
  /// - Returns: whether the record changed anything.
  @discardableResult
  func apply(to entries: inout [String: LedgerEntry], order: inout [String]) -> Bool {
    if event == .planned {
      guard entries[key] == nil, let notice else { return false }
      entries[key] = LedgerEntry(
        key: key, notice: notice, state: .planned, attempts: 0, updatedAt: at)
      order.append(key)
      return true
    }
    if var entry = entries[key] {
      if entry.state.isTerminal { return false }
      switch event {
      case .planned, .endpointDisabled, .erased: return false
      case .parked:
        entry.state = .parked
        entry.notBefore = nil
      case .readdressed:
        guard entry.state == .parked, let notice, notice.key == key else { return false }
        entry.notice = notice
        entry.state = .planned
      case .attempted:
        entry.state = .attempted
        entry.attempts = max(entry.attempts, attempt ?? entry.attempts + 1)
        entry.notBefore = nil
      case .retry:
        entry.state = .attempted
        entry.notBefore = notBefore
      case .delivered, .failed, .dead:
        entry.state = LedgerState(rawValue: event.rawValue) ?? .dead
        entry.notBefore = nil
      }
      entry.updatedAt = at
      if let detail { entry.detail = detail }
      entries[key] = entry
      return true
    }
    // A finished key whose planned record compaction dropped: keep it as a tombstone for dedup.
    guard let state = LedgerState(rawValue: event.rawValue), state.isTerminal else { return false }
    entries[key] = LedgerEntry(
      key: key, notice: nil, state: state, attempts: attempt ?? 0, updatedAt: at, detail: detail)
    order.append(key)
    return true
  }

  /// The fewest records that rebuild `entry`.
  static func snapshot(of entry: LedgerEntry) -> [LedgerRecord] {
    if entry.state.isTerminal {
      let event = Event(rawValue: entry.state.rawValue) ?? .dead
      return [
        LedgerRecord(
          event: event, key: entry.key, at: entry.updatedAt, attempt: entry.attempts,
          detail: entry.detail)
      ]
    }
    guard let notice = entry.notice else { return [] }
    var records = [
      LedgerRecord(event: .planned, key: entry.key, at: entry.updatedAt, notice: notice)
    ]
    if entry.attempts > 0 {
      records.append(
        LedgerRecord(
          event: .attempted, key: entry.key, at: entry.updatedAt, attempt: entry.attempts))
    }
    if entry.state == .parked {
      records.append(
        LedgerRecord(event: .parked, key: entry.key, at: entry.updatedAt, detail: entry.detail))
    }
    if let notBefore = entry.notBefore {
      records.append(
        LedgerRecord(
          event: .retry, key: entry.key, at: entry.updatedAt, notBefore: notBefore,
          detail: entry.detail))
    }
    return records
  }
}
