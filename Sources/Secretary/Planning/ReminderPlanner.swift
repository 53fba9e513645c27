import CivilCalendar
import Foundation
import RuleLanguage

/// One notification the secretary will send: which reminder, which day, by which channels.
public struct ReminderPlan: Sendable, Equatable {
  /// `citizen:rule:windowEnd:notifyDay` — the same however often it is planned, so planning
  /// twice plans nothing new; a channel suffix makes each channel's copy its own key.
  public var key: String
  public var citizen: String
  public var rule: String
  public var title: String
  public var message: String
  public var windowStart: CivilDate
  public var windowEnd: CivilDate
  public var notifyDay: CivilDate
  /// When it goes out: the send hour on the notify day, after quiet hours.
  public var sendAt: Date
  /// The channels the citizen chose for this service.
  public var channels: [String]
}

/// Turns rule results into the notifications due in a period, for consenting citizens.
public struct ReminderPlanner: Sendable {
  let rules: CitizenRules
  public var quietHours: QuietHours
  /// The hour (Korean time) a notification day's messages go out.
  public var sendHour: Int

  private let evaluators: EvaluatorPool

  public init(rules: CitizenRules, quietHours: QuietHours = .standard, sendHour: Int = 9) {
    self.rules = rules
    self.quietHours = quietHours
    self.sendHour = sendHour
    evaluators = rules.evaluators
  }

  /// Days between the evaluations a plan is made from.
  static let sampleDays = 7

  /// Every notification day in `[asOf, asOf + days]` of the citizen's reminders, soonest
  /// first — only for services the citizen subscribed to unless `subscribedOnly` is false.
  ///
  /// Rules decide "as of" a day (this year's check-up, this half's car tax), so a plan over
  /// a long period evaluates the rules once a week and takes each notification day from the
  /// latest evaluation on or before it: the message is what the rules say as of that week.
  public func plan(
    citizen id: String, asOf: CivilDate, days: Int, subscribedOnly: Bool = true
  ) -> [ReminderPlan] {
    plan(citizens: [id], asOf: asOf, days: days, subscribedOnly: subscribedOnly)[0]
  }

  /// `plan(citizen:…)` for each of `ids`, in order: the citizens' rules run together, a
  /// batch of the rule book's vector lane at a time for each sample day, which computes the
  /// reminders of the rules that hold; the general machine runs only what the lane leaves.
  public func plan(
    citizens ids: [String], asOf: CivilDate, days: Int, subscribedOnly: Bool = true
  ) -> [[ReminderPlan]] {
    var out = Array(repeating: [ReminderPlan](), count: ids.count)
    evaluators.with { evaluator in
      let names = rules.ruleNamesByIndex
      var citizens: [Citizen] = []
      var profiles: [Profile] = []
      for (k, id) in ids.enumerated() {
        // The file's bytes go straight to the rule book's decoder; the subscriptions come
        // from the decoded facts, so a profile is read once and never parsed into a JSON tree.
        guard let bytes = rules.profiles.contents(id) else { continue }
        let facts = rules.facts(of: bytes)
        let subscriptions: Subscriptions
        if let decoded = Subscriptions(fact: evaluator.fact("subscriptions", of: facts)) {
          subscriptions = decoded
        } else {
          guard let profile = try? rules.profiles.profile(id) else { continue }
          subscriptions = Subscriptions(profile)
        }
        // Only rules that can remind a citizen of a service they chose are run (with whatever
        // they read): no results, outputs or messages for the others.
        let wanted = names.indices.filter {
          evaluator.declaresReminders(rule: $0)
            && (!subscribedOnly || subscriptions.channels(for: names[$0]) != nil)
        }
        guard !wanted.isEmpty else { continue }
        citizens.append(Citizen(index: k, id: id, subscriptions: subscriptions, rules: wanted))
        profiles.append(facts)
      }
      let horizon = asOf.adding(days: days)
      let samples = stride(from: 0, through: days, by: Self.sampleDays).map {
        asOf.adding(days: $0)
      }
      profiles.withUnsafeBufferPointer { all in
        for start in stride(from: 0, to: all.count, by: Evaluator.batchCapacity) {
          let end = min(start + Evaluator.batchCapacity, all.count)
          let batch = UnsafeBufferPointer(rebasing: all[start..<end])
          // A batch's facts are laid out once, then run for each sample day.
          for (n, sample) in samples.enumerated() {
            let until = min(horizon, sample.adding(days: Self.sampleDays - 1))
            // A window that opens between two samples (next year's check-up on 1 January, a
            // birth's registration on the birth day) is seen only by the later one, after its
            // first notice days: those days since the previous sample are taken from it too.
            let since = max(asOf, sample.adding(days: 1 - Self.sampleDays))
            let ran =
              batch.count > 1
              && (n == 0
                ? evaluator.compute(batch: batch, asOf: sample, reminders: true)
                : evaluator.recompute(asOf: sample))
            for i in 0..<batch.count {
              let c = start + i
              if ran {
                evaluator.select(i, of: batch, asOf: sample, rules: citizens[c].rules)
              } else {
                evaluator.compute(batch[i], asOf: sample, rules: citizens[c].rules)
              }
              collect(
                evaluator, &citizens[c], into: &out[citizens[c].index], since: since,
                until: until)
            }
          }
        }
      }
    }
    return out.map { plans in plans.sorted { ($0.sendAt, $0.key) < ($1.sendAt, $1.key) } }
  }

  /// A citizen being planned: where its plans go, what it subscribed to, the rules that may
  /// remind it, and the keys planned so far.
  private struct Citizen {
    var index: Int
    var id: String
    var subscriptions: Subscriptions
    var rules: [Int]
    var seen: Set<String> = []
  }

  /// After an evaluation, the citizen's notifications in `since...until` not planned yet.
  private func collect(
    _ evaluator: Evaluator, _ citizen: inout Citizen, into plans: inout [ReminderPlan],
    since: CivilDate, until: CivilDate
  ) {
    let names = rules.ruleNamesByIndex
    for r in citizen.rules {
      let reminders = evaluator.reminders(ofRule: r, notifyingWithin: since...until)
      if reminders.isEmpty { continue }
      let chosen = citizen.subscriptions.channels(for: names[r]) ?? []
      for reminder in reminders {
        for day in reminder.notifyOn where day >= since && day <= until {
          // A channel closed by the day (문자 after January 2026) carries nothing.
          var channels = chosen.filter { rules.channels.isOpen($0, on: day) }
          var message = reminder.message
          // Every chosen channel closed (문자 after January 2026): the default one carries it,
          // and the reminder says so, with how to choose another.
          if let moved = rules.channels.replacement(for: chosen, on: day) {
            channels = [moved.channel]
            message = moved.note + " " + message
          }
          let key = "\(citizen.id):\(names[r]):\(reminder.end):\(day)"
          guard citizen.seen.insert(key).inserted else { continue }
          plans.append(
            ReminderPlan(
              key: key, citizen: citizen.id, rule: names[r], title: rules.ruleTitles[r],
              message: message, windowStart: reminder.start, windowEnd: reminder.end,
              notifyDay: day, sendAt: quietHours.deferring(day.instant(atHour: sendHour)),
              channels: channels))
        }
      }
    }
  }
}

/// The `subscriptions` of a profile: service → channels.
struct Subscriptions {
  private var byService: [String: [String]] = [:]

  init(_ profile: JSONValue) {
    for item in profile["subscriptions"].arrayItems {
      guard let service = item["service"]?.stringValue else { continue }
      let channels = item["channels"].arrayItems.compactMap(\.stringValue)
      byService[service, default: []] += channels
    }
  }

  /// From the rule book's decoded `subscriptions` fact, which the planner has at hand without
  /// parsing the profile a second time; nil unless every entry is well formed (an unknown
  /// fact, a missing service, a channel that is not text), so that the caller can read the
  /// JSON as above and treat the odd entries exactly as before.
  init?(fact: OutputValue?) {
    guard case .list(let items)? = fact else { return nil }
    byService.reserveCapacity(items.count)
    for item in items {
      guard case .record(let fields) = item,
        case .text(let service)? = fields.first(where: { $0.name == "service" })?.value
      else { return nil }
      var channels: [String] = []
      switch fields.first(where: { $0.name == "channels" })?.value {
      case .list(let names)?:
        for name in names {
          guard case .text(let channel) = name else { return nil }
          channels.append(channel)
        }
      case .null?, nil: break
      default: return nil
      }
      byService[service, default: []] += channels
    }
  }

  /// The channels for `service`, nil when not subscribed.
  func channels(for service: String) -> [String]? { byService[service] }
}
