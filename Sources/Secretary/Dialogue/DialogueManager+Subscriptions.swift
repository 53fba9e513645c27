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
      return Reply("알림 신청을 저장하지 못했어요: \(error)")
    }
    let via = ChannelChoice.spoken(choice.channels, catalog: runtime.rules.channels)
    var reply = Reply(paragraphs: choice.notes.map { [.text($0)] })
    reply.paragraphs.append(
      [.text("\(title) 알림을 신청했어요. 기한 전에 \(via)" + Josa.direction.form(after: via) + " 알려 드릴게요.")])
    if let next = nextReminder(id, of: Set(rules), asOf: asOf) {
      reply.paragraphs.append([
        .text("다음 알림: "), .date(next.notifyDay), .text(" — \(next.message)"),
      ])
    }
    reply.quickReplies =
      choice.closedAsked
      ? channelButtons(asOf: asOf) : [QuickReply(title: "내 알림 보기", payload: "/list_reminders")]
    // Reminders open with the citizen's name: the one moment a nameless citizen is asked it.
    let named = (try? runtime.profiles.profile(id))?["name"]?.stringValue != nil
    if !named, isAskable("name"), let ask = factAsk("name") {
      conversation.pending = PendingQuestion(fact: "name", topic: nil)
      reply.paragraphs.append([.text("알림에서 " + ask)])
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
        return Reply("신청된 알림이 없어요. 알림을 신청할 때 받을 곳을 함께 말씀해 주세요.")
      }
      let current = currentChannels(of: profile)
      choice = ChannelChoice(text, current: current, catalog: catalog, asOf: asOf)
      if choice.channels == current {
        let via = ChannelChoice.spoken(current, catalog: catalog)
        return Reply(
          paragraphs: choice.notes.map { [.text($0)] } + [
            [.text("지금 \(via)" + Josa.direction.form(after: via) + " 받고 계세요.")]
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
      return Reply("받는 곳을 바꾸지 못했어요: \(error)")
    }
    let via = ChannelChoice.spoken(choice.channels, catalog: catalog)
    return Reply(
      paragraphs: choice.notes.map { [.text($0)] }
        + [[.text("이제 알림을 \(via)" + Josa.direction.form(after: via) + " 보내 드릴게요.")]])
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
      guard !removed.isEmpty else { return Reply("신청된 알림이 없어요.") }
      try runtime.profiles.save(id, profile.setting("subscriptions", to: .array(kept)))
      try ConsentLog(dataDirectory: runtime.profiles.dataDirectory).append(
        citizen: id, action: "unsubscribe", services: removed, at: now, sentence: text)
      let names = removed.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
      var reply = Reply("알림을 끊었어요: \(names). 다시 받으려면 \"알림 켜줘\"라고 하세요.")
      if !kept.isEmpty {
        reply.quickReplies = [QuickReply(title: "남은 알림 보기", payload: "/list_reminders")]
      }
      return reply
    } catch {
      return Reply("알림 해지를 저장하지 못했어요: \(error)")
    }
  }

  /// The subscribed reminders of the coming year, from the planner that `biseo plan` and
  /// `biseo ical` use: one paragraph per reminder window, with every day it will be sent.
  func listReminders(_ conversation: Conversation, asOf: CivilDate) -> Reply {
    guard !subscribedServices(conversation.citizenID).isEmpty else {
      return Reply(template("list_reminders", "none") ?? "예정된 알림이 없어요.")
    }
    let plans = upcoming(conversation.citizenID, asOf: asOf)
    guard !plans.isEmpty else { return Reply("앞으로 1년 안에 보낼 알림이 없어요.") }
    var order: [String] = []
    var windows: [String: [ReminderPlan]] = [:]
    for plan in plans {
      let window = "\(plan.rule):\(plan.windowEnd)"
      if windows[window] == nil { order.append(window) }
      windows[window, default: []].append(plan)
    }
    var paragraphs: [[ReplySegment]] = [[.text("예정된 알림 \(order.count)건이에요.")]]
    for window in order.prefix(5) {
      let sent = windows[window] ?? []
      let when = sent.map { Self.shortDay($0.notifyDay, asOf: asOf) }.joined(separator: ", ")
      paragraphs.append([.text("\(sent[0].message) (알림: \(when))")])
    }
    if order.count > 5 {
      paragraphs.append(runtime.answers.say("more_items", ["count": .number(order.count - 5)]))
    }
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
