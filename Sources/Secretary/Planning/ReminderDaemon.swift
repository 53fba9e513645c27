import CivilCalendar
import Delivery
import Foundation
import RuleLanguage

/// What one cycle of the daemon did.
public struct CycleReport: Sendable, Equatable {
  /// Notices newly written to the ledger (already known keys are not counted).
  public var planned = 0
  /// Notices whose time had come this cycle.
  public var due = 0
  public var delivered = 0
  public var failed = 0
  public var dead = 0
  /// Notices parked for want of an address, in the ledger after the cycle (waiting, not lost).
  public var parked = 0
  /// Parked notices that got their address this cycle and went back to `planned`.
  public var readdressed = 0
  /// The earliest planned notice still to go, for the daemon's next wake-up.
  public var nextDue: Date?
}

/// Plans every consenting citizen's reminders into the ledger and delivers those due.
///
/// A cycle is idempotent: planning writes only keys the ledger does not know, and delivery
/// drives each due key once (a crash mid-send retries it; receivers deduplicate by key).
public final class ReminderDaemon: Sendable {
  let rules: CitizenRules
  let config: DaemonConfig
  let ledger: DeliveryLedger
  let dispatcher: Dispatcher
  let shard: Shard?
  /// Notification days this far back are still planned after downtime, if their window is
  /// still open: a daemon that was down over a notification day sends it late, not never.
  static let catchUpDays = 3
  /// Citizens planned together (`ReminderPlanner.plan(citizens:…)`).
  static let planningBatch = 256

  public init(
    rules: CitizenRules, config: DaemonConfig, ledger: DeliveryLedger, dispatcher: Dispatcher,
    shard: Shard?
  ) {
    self.rules = rules
    self.config = config
    self.ledger = ledger
    self.dispatcher = dispatcher
    self.shard = shard
  }

  /// - Parameter progress: told after each planning batch the citizens planned so far and
  ///   how many there are (a progress line).
  public func cycle(
    now: Date, progress: (@Sendable (_ planned: Int, _ of: Int) -> Void)? = nil
  ) async throws -> CycleReport {
    var report = CycleReport()
    let today = CivilDate(instant: now, timeZone: CivilDate.seoul)
    let from = today.adding(days: -Self.catchUpDays)
    let planner = ReminderPlanner(
      rules: rules, quietHours: config.quietHours, sendHour: config.sendHour)
    let ids = rules.profiles.citizenIDs().filter { shard?.contains($0) ?? true }
    // Citizens are planned a batch at a time (the rules run for the batch together), and
    // their notices go to the ledger in the same order as one by one.
    for start in stride(from: 0, to: ids.count, by: Self.planningBatch) {
      let batch = Array(ids[start..<min(start + Self.planningBatch, ids.count)])
      let planned = planner.plan(
        citizens: batch, asOf: from, days: config.horizonDays + Self.catchUpDays)
      for plans in planned {
        guard let citizen = plans.first?.citizen else { continue }
        let profile = (try? rules.profiles.profile(citizen)) ?? .null
        let contacts = ContactPoints(profile)
        let name = profile["name"]?.stringValue
        for plan in plans where plan.windowEnd >= today {
          for (notice, missing) in notices(for: plan, contacts: contacts, name: name) {
            if try await ledger.plan(notice, at: now) {
              report.planned += 1
              // No address yet: parked at once, with the profile key to fill, and delivered
              // once a later cycle finds the address (below). Never sent to nobody, never lost.
              if let missing {
                try await ledger.markParked(notice.key, reason: missing.description, at: now)
              }
            } else if missing == nil, try await ledger.readdress(notice, at: now) {
              report.readdressed += 1
            }
          }
        }
      }
      progress?(start + batch.count, ids.count)
    }
    // A citizen erased meanwhile (`biseo forget`, "내 정보 삭제해줘" on a server) has no
    // profile: their pending notices go before anything is sent.
    // No profile at all is likelier an unreadable folder than everyone erased: then keep all.
    let known = Set(rules.profiles.citizenIDs())
    let orphans =
      known.isEmpty ? [] : Set(ledger.unfinished().compactMap(\.notice?.citizen)).subtracting(known)
    for citizen in orphans.sorted() { try await ledger.erase(citizen: citizen, at: now) }
    let waiting = ledger.unfinished().filter { $0.state != .parked }
    let due = waiting.compactMap(\.notice).filter { $0.due <= now }
    report.due = due.count
    for (_, state) in try await dispatcher.deliverAll(due) {
      switch state {
      case .delivered: report.delivered += 1
      case .failed: report.failed += 1
      case .dead: report.dead += 1
      default: break
      }
    }
    report.nextDue = waiting.compactMap { $0.notice?.due }.filter { $0 > now }.min()
    report.parked = ledger.counts()[.parked] ?? 0
    return report
  }

  /// One notice per configured channel the citizen chose (the default one if none), addressed
  /// from the citizen's contact points; with what is missing when the channel needs an address
  /// and the profile has none it can use.
  func notices(
    for plan: ReminderPlan, contacts: ContactPoints = ContactPoints(.null),
    name citizen: String? = nil
  ) -> [(Notice, ContactPoints.Missing?)] {
    let chosen = plan.channels.isEmpty ? [config.defaultChannel] : plan.channels
    let channels = Set(chosen.map(config.channel(for:))).sorted()
    return channels.map { channel in
      var notice = Notice(
        key: "\(plan.key):\(channel)", citizen: plan.citizen, channel: channel,
        title: plan.title, body: plan.message, due: plan.sendAt,
        metadata: [
          "rule": plan.rule, "windowStart": plan.windowStart.description,
          "windowEnd": plan.windowEnd.description, "notifyDay": plan.notifyDay.description,
        ])
      // E-mail channels need an e-mail address whatever the subscription called them; other
      // kinds take the contact point of the first chosen name that maps to them, if any.
      let mail = config.channels.first { $0.name == channel }?.kind == "smtp"
      let name = chosen.first { config.channel(for: $0) == channel } ?? channel
      let kind = mail ? .email : rules.channels.contactKind(of: name)
      switch contacts.address(kind: kind, channel: name) {
      case .success(let address):
        notice.recipient = address
        // The To display name; only e-mail gets it (other receivers have the body already).
        if mail, let citizen { notice.metadata["name"] = citizen }
        return (notice, nil)
      case .failure(let missing):
        return (notice, mail ? missing : nil)
      }
    }
  }
}
