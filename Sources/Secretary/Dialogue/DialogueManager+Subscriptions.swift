import CivilCalendar
import Foundation
import Hangul
import RuleLanguage

extension DialogueManager {
  /// Services the citizen has consented to be reminded of.
  func subscribedServices(_ citizenID: String) -> Set<String> {
    guard let profile = try? runtime.profiles.profile(citizenID),
      case .array(let items)? = profile["subscriptions"]
    else { return [] }
    return Set(items.compactMap { $0["service"]?.stringValue })
  }

  /// Records consent for `rules` (time and scope) in the profile and the consent log.
  ///
  /// The channels are those the line names ("네이버로 보내줘"), else those the citizen chose
  /// before, else the catalog's default; the reply says which, and how to change them.
  func subscribe(
    rules: [String], title: String, _ conversation: inout Conversation, now: Date, asOf: CivilDate,
    text: String = ""
  ) -> Reply {
    let id = conversation.citizenID
    let choice: ChannelChoice
    do {
      let profile = try runtime.profiles.profile(id)
      var items = profile["subscriptions"].arrayItems
      choice = ChannelChoice(
        text, current: currentChannels(of: profile), catalog: runtime.rules.channels, asOf: asOf)
      let already = Set(items.compactMap { $0["service"]?.stringValue })
      let added = rules.filter { !already.contains($0) }
      for rule in added {
        items.append(
          .object([
            ("service", .string(rule)), ("channels", .array(choice.channels.map { .string($0) })),
            ("consentedAt", .string(asOf.description)),
            ("consentedTime", .string(Self.timestamp(now))),
          ]))
      }
      try runtime.profiles.save(id, profile.setting("subscriptions", to: .array(items)))
      try ConsentLog(dataDirectory: runtime.profiles.dataDirectory).append(
        citizen: id, action: "subscribe", services: added, at: now, sentence: text)
    } catch {
      return runtime.answers.reply("subscribe_failed", ["error": .text("\(error)")])
    }
    let via = ChannelChoice.spoken(choice.channels, catalog: runtime.rules.channels)
    var reply = Reply(paragraphs: notes(of: choice))
    reply.append(
      runtime.answers.say("subscribed", ["title": .text(title), "via": .text(via)]))
    if let next = nextReminder(id, of: Set(rules), asOf: asOf) {
      reply.append(
        runtime.answers.say(
          "next_reminder", ["day": .date(next.notifyDay), "message": .text(next.message)]))
    }
    reply.quickReplies =
      choice.closedAsked ? channelButtons(asOf: asOf) : [remindersButton("button_reminders")]
    // Reminders open with the citizen's name: the one moment a nameless citizen is asked it.
    let named = (try? runtime.profiles.profile(id))?["name"]?.stringValue != nil
    if !named, isAskable("name"), let ask = factAsk("name") {
      conversation.pending = PendingQuestion(fact: "name", topic: nil)
      reply.append(runtime.answers.say("channel_ask_after", ["ask": .text(ask)]))
      reply.quickReplies = []
    }
    return reply
  }

  /// "네이버로 받을래", "카톡도 추가해줘", "문자 말고 네이버로": every subscription's channels
  /// change as the line says, within the catalog's limit and never to a closed channel.
  func changeChannels(_ conversation: Conversation, now: Date, asOf: CivilDate, text: String)
    -> Reply
  {
    let id = conversation.citizenID
    let catalog = runtime.rules.channels
    let choice: ChannelChoice
    do {
      let profile = try runtime.profiles.profile(id)
      let items = profile["subscriptions"].arrayItems
      guard !items.isEmpty else {
        return runtime.answers.reply("channel_none_subscribed")
      }
      let current = currentChannels(of: profile)
      choice = ChannelChoice(text, current: current, catalog: catalog, asOf: asOf)
      if choice.channels == current {
        let via = ChannelChoice.spoken(current, catalog: catalog)
        return Reply(
          paragraphs: notes(of: choice) + [
            runtime.answers.say("channel_current", ["via": .text(via)])
          ],
          quickReplies: channelButtons(asOf: asOf))
      }
      let moved = items.map {
        $0.setting("channels", to: .array(choice.channels.map { .string($0) }))
      }
      try runtime.profiles.save(id, profile.setting("subscriptions", to: .array(moved)))
      try ConsentLog(dataDirectory: runtime.profiles.dataDirectory).append(
        citizen: id, action: "channels:" + choice.channels.joined(separator: ","),
        services: items.compactMap { $0["service"]?.stringValue }, at: now, sentence: text)
    } catch {
      return runtime.answers.reply("channel_failed", ["error": .text("\(error)")])
    }
    let via = ChannelChoice.spoken(choice.channels, catalog: catalog)
    return Reply(
      paragraphs: notes(of: choice)
        + [runtime.answers.say("channel_changed", ["via": .text(via)])])
  }

  /// Revokes consent for exactly `rules` (those of them subscribed), recording the sentence.
  func unsubscribe(
    rules: [String], _ conversation: Conversation, now: Date, text: String
  ) -> Reply {
    let id = conversation.citizenID
    do {
      let profile = try runtime.profiles.profile(id)
      let items = profile["subscriptions"].arrayItems
      let scope = Set(rules)
      let kept = items.filter { !scope.contains($0["service"]?.stringValue ?? "") }
      let removed = items.compactMap { $0["service"]?.stringValue }.filter(scope.contains)
      guard !removed.isEmpty else { return Reply(phrase("unsubscribe", "none")) }
      try runtime.profiles.save(id, profile.setting("subscriptions", to: .array(kept)))
      try ConsentLog(dataDirectory: runtime.profiles.dataDirectory).append(
        citizen: id, action: "unsubscribe", services: removed, at: now, sentence: text)
      let names = removed.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
      var reply = runtime.answers.reply("unsubscribed", ["titles": .text(names)])
      if !kept.isEmpty { reply.quickReplies = [remindersButton("button_remaining")] }
      return reply
    } catch {
      return runtime.answers.reply("unsubscribe_failed", ["error": .text("\(error)")])
    }
  }

  /// The subscribed reminders of the coming year, from the planner that `biseo plan` and
  /// `biseo ical` use: one paragraph per reminder window, with every day it will be sent.
  func listReminders(_ conversation: Conversation, asOf: CivilDate) -> Reply {
    let subscribed = subscribedServices(conversation.citizenID)
    guard !subscribed.isEmpty else {
      return Reply(phrase("list_reminders", "none"))
    }
    let plans = upcoming(conversation.citizenID, asOf: asOf)
    // What is on and has nothing to send this year (a voucher's use-by two years away) is still
    // on: the list says so rather than "nothing".
    let known = runtime.book.ruleNames.filter(subscribed.contains)
    let quiet = (known + subscribed.subtracting(known).sorted()).filter { rule in
      !plans.contains { $0.rule == rule }
    }
    let quietTitles = TemplateValue.text(
      quiet.map { runtime.book.title(ofRule: $0) }.joined(separator: ", "))
    // Where they go closes the list: a speaker says the first reminders before it.
    var via: [ReplySegment] = []
    if let profile = try? runtime.profiles.profile(conversation.citizenID) {
      let channels = currentChannels(of: profile)
      if !channels.isEmpty {
        let spoken = ChannelChoice.spoken(channels, catalog: runtime.rules.channels)
        via = runtime.answers.say("reminders_via", ["via": .text(spoken)])
      }
    }
    guard !plans.isEmpty else {
      let none = runtime.answers.say("reminders_none_within_year", ["titles": quietTitles])
      return Reply(paragraphs: via.isEmpty ? [none] : [none, via])
    }
    var order: [String] = []
    var windows: [String: [ReminderPlan]] = [:]
    for plan in plans {
      let window = "\(plan.rule):\(plan.windowEnd)"
      if windows[window] == nil { order.append(window) }
      windows[window, default: []].append(plan)
    }
    var paragraphs = [runtime.answers.say("reminders_count", ["count": .text(String(order.count))])]
    for window in order.prefix(5) {
      let sent = windows[window] ?? []
      let when = sent.map { Self.shortDay($0.notifyDay, asOf: asOf) }.joined(separator: ", ")
      paragraphs.append(
        runtime.answers.say(
          "reminder_line", ["message": .text(sent[0].message), "when": .text(when)]))
    }
    if order.count > 5 {
      paragraphs.append(
        runtime.answers.say("more_items", ["count": .text(String(order.count - 5))]))
    }
    if !quiet.isEmpty {
      paragraphs.append(runtime.answers.say("reminders_also_on", ["titles": quietTitles]))
    }
    if !via.isEmpty { paragraphs.append(via) }
    return Reply(paragraphs: paragraphs)
  }

  /// The citizen's notifications of the coming year, soonest first, for the subscribed
  /// services (all of them unless `only` narrows it).
  func upcoming(_ citizenID: String, only services: Set<String>? = nil, asOf: CivilDate)
    -> [ReminderPlan]
  {
    let plans = runtime.planner.plan(citizen: citizenID, asOf: asOf, days: 365)
    guard let services else { return plans }
    return plans.filter { services.contains($0.rule) }
  }

  /// The first notification of `services`: planned for a month first, which most often has
  /// it, and for the year only when it does not (a plan's cost grows with its length).
  func nextReminder(_ citizenID: String, of services: Set<String>, asOf: CivilDate)
    -> ReminderPlan?
  {
    for days in [31, 365] {
      let plans = runtime.planner.plan(citizen: citizenID, asOf: asOf, days: days)
      if let first = plans.first(where: { services.contains($0.rule) }) { return first }
    }
    return nil
  }

  /// The button that lists the citizen's reminders, titled by `answers.txt`.
  func remindersButton(_ key: String) -> QuickReply {
    QuickReply(title: runtime.answers.text(key), payload: "/list_reminders")
  }

  /// "7월 25일", with the year when it is not this year's.
  static func shortDay(_ day: CivilDate, asOf: CivilDate) -> String {
    day.year == asOf.year ? "\(day.month)월 \(day.day)일" : "\(day.year)년 \(day.month)월 \(day.day)일"
  }

  /// `2026-03-02T09:00:00+09:00`: consents are recorded in Korean time.
  static func timestamp(_ now: Date) -> String {
    var style = Date.ISO8601FormatStyle(
      timeZoneSeparator: .colon, includingFractionalSeconds: false)
    style.timeZone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
    return now.formatted(style)
  }
}

extension RuleBook {
  /// A rule's title, or its name when it has none.
  func title(ofRule name: String) -> String { ruleTitle(name) ?? name }
}
