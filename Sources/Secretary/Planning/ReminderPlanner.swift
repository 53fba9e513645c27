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

  public init(rules: CitizenRules, quietHours: QuietHours = .standard, sendHour: Int = 9) {
    self.rules = rules
    self.quietHours = quietHours
    self.sendHour = sendHour
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
    guard let profile = try? rules.profiles.profile(id) else { return [] }
    let subscriptions = Subscriptions(profile)
    let horizon = asOf.adding(days: days)
    var plans: [ReminderPlan] = []
    var seen: Set<String> = []
    let samples = stride(from: 0, through: days, by: Self.sampleDays).map { asOf.adding(days: $0) }
    for (sample, evaluation) in zip(samples, rules.evaluations(of: profile, on: samples)) {
      let until = min(horizon, sample.adding(days: Self.sampleDays - 1))
      for result in evaluation.rules where !result.reminders.isEmpty {
        let channels = subscriptions.channels(for: result.name)
        if subscribedOnly, channels == nil { continue }
        for reminder in result.reminders {
          for day in reminder.notifyOn where day >= sample && day <= until {
            let key = "\(id):\(result.name):\(reminder.end):\(day)"
            guard seen.insert(key).inserted else { continue }
            plans.append(
              ReminderPlan(
                key: key, citizen: id, rule: result.name, title: result.title ?? result.name,
                message: reminder.message, windowStart: reminder.start, windowEnd: reminder.end,
                notifyDay: day, sendAt: quietHours.deferring(day.instant(atHour: sendHour)),
                channels: channels ?? []))
          }
        }
      }
    }
    return plans.sorted { ($0.sendAt, $0.key) < ($1.sendAt, $1.key) }
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

  /// The channels for `service`, nil when not subscribed.
  func channels(for service: String) -> [String]? { byService[service] }
}
