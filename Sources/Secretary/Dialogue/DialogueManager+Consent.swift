import CivilCalendar
import Foundation
import NLU
import RuleLanguage

/// Consent a regulator would accept: a subscription needs a plain yes to an offer the citizen
/// heard, or a request naming the service; any refusal, however casual, never subscribes;
/// stopping reminders says exactly what stops and asks unless the request was unmistakable.
extension DialogueManager {
  /// The wording of the consent exchanges, from the intents' `reply` lines.
  static let consentReplies: [(intent: String, key: String)] = [
    ("subscribe", "confirm"), ("subscribe", "declined"), ("subscribe", "ask_again"),
    ("unsubscribe", "confirm"), ("unsubscribe", "kept"), ("unsubscribe", "ask_again"),
    ("unsubscribe", "none"), ("affirm", "no_offer"), ("deny", "no_offer"),
  ]

  /// The line as the answer to the open offer; nil when it is not one (a question about the
  /// offer, a new subject), and then the caller goes on as if no offer were open.
  func answerOffer(
    _ offer: Offer, _ understood: Interpretation, text: String, intent: String,
    _ conversation: inout Conversation, now: Date, asOf: CivilDate
  ) -> Reply? {
    var answer = understood.answerToOffer()
    // "보내줘", "알려 줘" to "보내 드릴까요?" is the yes it asks for; "ㄱㅊ" (괜찮아) a no.
    if answer == .unclear, offer.isSubscription, !text.contains("?"),
      understood.polarity != .negative,
      ["보내", "알려", "부탁"].contains(where: text.contains), text.count <= 12
    {
      answer = .accept
    }
    if ["ㄱㅊ", "ㄱㅊㄱㅊ", "ㄱㅊㅇ"].contains(text) { answer = .refuse }
    let command = reminderCommand(in: understood.text)
    // "청년월세 알림 해줘", "독감 알림 좀 해주이소" to "보내 드릴까요?": the wish, said outright.
    if offer.isSubscription, command == "subscribe" || intent == "subscribe",
      understood.polarity != .negative, !text.contains("?")
    {
      answer = .accept
    }
    // "알림 다 끊어줘" while a reminder is offered: no to the offer, and a stop to handle.
    if offer.isSubscription, command == "unsubscribe" {
      conversation.offer = nil
      return nil
    }
    // Buttons: "/affirm" and "/deny" are the offer's own yes and no.
    if text == "/affirm" { answer = .accept }
    if text == "/deny" { answer = .refuse }
    // To "끊을까요?", a stop said again ("알림 그만", "끊어", "안 받을래요") is a yes, though it
    // sounds like a no; only a line that opens with a no ("아니, 그냥 둬") keeps them.
    let opensWithNo = ["아니", "아뇨", "ㄴㄴ", "노노", "no"].contains(where: text.hasPrefix)
    if !offer.isSubscription, !opensWithNo,
      intent == "unsubscribe" || Self.saysStopOutright(text)
    {
      answer = .accept
    }
    // "자동차세 알림 켜줘" while the check-up's offer is open asks for something else; while
    // only 연납's is, for more than that (정기분 too): the wish is taken as said.
    if answer == .accept,
      namesOtherService(understood, than: offer, asOf: asOf)
        || namesMore(understood, than: offer, citizenID: conversation.citizenID, asOf: asOf)
    {
      return nil
    }
    if answer == .accept, offer.isSubscription, text != "/affirm", Self.restsOnSlang(text) {
      return Reply(
        paragraphs: [[.text(phrase(offer.intent, "ask_again", ["title": offer.title]))]],
        quickReplies: offer.buttons(runtime.answers))
    }
    switch answer {
    case .accept:
      conversation.offer = nil
      switch offer {
      case .subscribe(let rules, let title):
        return subscribe(
          rules: rules, title: title, &conversation, now: now, asOf: asOf, text: text)
      case .unsubscribe(let rules, _):
        return unsubscribe(rules: rules, conversation, now: now, text: text)
      }
    case .refuse:
      // "왜 안돼?", "5월 31일 아니었어?": a question with a no in it is still a question; the
      // offer waits.
      // So is "안 하면 어떻게 돼" without its question mark: a how-question is never a no.
      if !opensWithNo,
        intent == "explain_why" || text.contains("?")
          || runtime.frames.frame(of: understood.text) == .how
      {
        return nil
      }
      // "폐암은" read as a no: a service named without a no in it is the next question; and
      // "건강검진 올해 안 받았는데" while 민방위 is offered speaks of another service.
      if understood.polarity == .neutral, namesService(understood.text) { return nil }
      if namesOtherService(understood, than: offer, asOf: asOf) {
        conversation.offer = nil
        return nil
      }
      conversation.offer = nil
      // "됐고 간암검진은 언제까지": no to the offer, and a question to answer.
      let asks = runtime.frames.asksFrame(understood.text) || text.contains("?")
      if asks, runtime.intents.intent(named: intent)?.rules.isEmpty == false { return nil }
      return Reply(phrase(offer.intent, offer.isSubscription ? "declined" : "kept"))
    case .unclear:
      // A question ("그럼 언제?", "왜?") is not an answer; the offer waits or lapses.
      if intent == "explain_why" || text.contains("?") || runtime.frames.asksFrame(text) {
        return nil
      }
      let aside = ["affirm", "deny", "subscribe", "unsubscribe", "out_of_scope"].contains(intent)
      if !aside, understood.intent.confidence >= Self.interruptConfidence,
        understood.polarity == .neutral
      {
        return nil
      }
      // "유방암은" after the screening's offer: a service or one of its choices, named, is the
      // next question however unsure the classifier is.
      if understood.polarity == .neutral, namesService(understood.text) { return nil }
      return Reply(
        paragraphs: [[.text(phrase(offer.intent, "ask_again", ["title": offer.title]))]],
        quickReplies: offer.buttons(runtime.answers))
    }
  }

  /// "알림 신청해줘" with no offer open: done at once when it names the service (or follows an
  /// answer about one) in so many words; otherwise offered, to be answered yes or no.
  func requestSubscription(
    _ understood: Interpretation, text: String, _ conversation: inout Conversation, now: Date,
    asOf: CivilDate
  ) -> Reply {
    let named = namedTopic(in: understood.text, asOf: asOf)
    // "여권 만료 알림 왜 안 와?": a why about a service's reminder is its reason (the passport
    // expired on 1 December), then whether it is on — not a wish to stop or start.
    if let named, Self.whyWords.contains(where: text.contains) {
      conversation.topic = named
      var reply = explain(conversation, asOf: asOf)
      let rules = named.named.isEmpty ? named.rules : named.named
      let on = rules.filter(subscribedServices(conversation.citizenID).contains)
      let title = runtime.book.title(ofRule: (on.first ?? rules.first) ?? "")
      if on.isEmpty {
        reply.append(runtime.answers.say("not_subscribed", ["title": .text(title)]))
      } else if let profile = try? runtime.profiles.profile(conversation.citizenID) {
        let via = ChannelChoice.spoken(
          currentChannels(of: profile), catalog: runtime.rules.channels)
        reply.append(
          runtime.answers.say("already_subscribed", ["title": .text(title), "via": .text(via)]))
      }
      return reply
    }
    if !runtime.rules.channels.mentions(in: text).isEmpty, named == nil,
      !subscribedServices(conversation.citizenID).isEmpty
    {
      // "네이버로 오지?" asks where they go; only a wish changes it.
      if text.contains("?"), !Self.channelWishWords.contains(where: text.contains),
        let profile = try? runtime.profiles.profile(conversation.citizenID)
      {
        let via = ChannelChoice.spoken(
          currentChannels(of: profile), catalog: runtime.rules.channels)
        return runtime.answers.reply("channel_current", ["via": .text(via)])
      }
      return changeChannels(conversation, now: now, asOf: asOf, text: text)
    }
    // "알림 어디로 와?": the channels they go to now.
    if text.contains("알림"), ["어디로", "어디서", "어디에"].contains(where: text.contains) {
      return changeChannels(conversation, now: now, asOf: asOf, text: text)
    }
    // "알림 안 받을래" reads as a subscription to a classifier; it is the opposite wish.
    if understood.polarity == .negative {
      return requestUnsubscription(understood, text: text, &conversation, now: now, asOf: asOf)
    }
    guard let topic = named ?? conversation.topic, !topic.rules.isEmpty else {
      // "문자로만 받고 싶어" before any subscription: a closed channel is explained now.
      let choice = ChannelChoice(
        text, current: [], catalog: runtime.rules.channels, asOf: asOf)
      let open = runtime.rules.channels.choosable(on: asOf).map(\.spoken).joined(
        separator: ", ")
      if choice.closedAsked {
        return Reply(
          paragraphs: notes(of: choice) + [
            runtime.answers.say("channel_before_subscribing", ["open": .text(open)])
          ], quickReplies: channelButtons(asOf: asOf))
      }
      return runtime.answers.reply("subscribe_what")
    }
    conversation.topic = topic
    // "종합소득세 알림 신청해줘": the service named, not all of its subject's.
    var asked = topic
    if !topic.named.isEmpty { asked.rules = topic.named }
    let remindable = remindableRules(asked, citizenID: conversation.citizenID, asOf: asOf)
    guard !remindable.isEmpty else {
      // Not decided yet: the reminder needs the answer first, so its question is asked.
      let undecided = evaluate(conversation.citizenID, asOf: asOf).map { evaluation in
        topic.rules.contains {
          if case .unknown? = evaluation.rule($0)?.status { true } else { false }
        }
      }
      guard undecided == true else {
        let (said, passed) = noticesPassed(asked, conversation, asOf: asOf)
        // "여권 알림 받을게": a wish said outright is kept for the next time (the next passport's
        // expiry), though this time's notice has gone.
        guard let passed, named != nil, reminderCommand(in: understood.text) == "subscribe",
          !Self.asksStatus(understood.text),
          !subscribedServices(conversation.citizenID).contains(passed)
        else { return said }
        var reply = subscribe(
          rules: [passed], title: runtime.book.title(ofRule: passed), &conversation, now: now,
          asOf: asOf, text: text)
        reply.prepend(contentsOf: said)
        return reply
      }
      var reply = answer(topic, &conversation, asOf: asOf)
      reply.prepend(runtime.answers.say("remind_needs_facts"))
      return reply
    }
    // "알림 오고있지?", or asked twice: what is already on, and where it goes. A question
    // is about the whole subject (the renewal's reminder, asked while its course is named),
    // and what of it is not on yet is offered after.
    let subscribed = subscribedServices(conversation.citizenID)
    let asksStatus = text.contains("?")
    let on =
      (asksStatus
      ? remindableRules(topic, citizenID: conversation.citizenID, asOf: asOf)
      : remindable).filter(subscribed.contains)
    let fresh = remindable.filter { !subscribed.contains($0) }
    let titles = fresh.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
    if !on.isEmpty, fresh.isEmpty || asksStatus,
      let profile = try? runtime.profiles.profile(conversation.citizenID)
    {
      let onTitles = on.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
      let via = ChannelChoice.spoken(currentChannels(of: profile), catalog: runtime.rules.channels)
      var reply = Reply(
        paragraphs: [
          runtime.answers.say("already_subscribed", ["title": .text(onTitles), "via": .text(via)])
        ], quickReplies: [remindersButton("button_reminders")])
      if !fresh.isEmpty {
        let offer = Offer.subscribe(rules: fresh, title: titles)
        conversation.offer = offer
        reply.append([.text(phrase("subscribe", "confirm", ["title": titles]))])
        reply.quickReplies = offer.buttons(runtime.answers)
      }
      return reply
    }
    if reminderCommand(in: understood.text) == "subscribe", !Self.asksStatus(understood.text) {
      return subscribe(
        rules: fresh, title: titles, &conversation, now: now, asOf: asOf, text: text)
    }
    let offer = Offer.subscribe(rules: fresh, title: titles)
    conversation.offer = offer
    return Reply(
      paragraphs: [[.text(phrase("subscribe", "confirm", ["title": titles]))]],
      quickReplies: offer.buttons(runtime.answers))
  }

  /// Words that make a line naming channels a wish to change them, even as a question
  /// ("카톡으로 바꿔줄래?").
  static let channelWishWords = [
    "바꿔", "바꾸", "추가", "받을래", "받고 싶", "해줘", "해 줘", "보내줘", "보내 줘", "로도", "말고", "빼",
  ]

  /// "알림 끊어줘": what will stop is said and confirmed, unless the line names the service and
  /// the wish outright ("자동차세 알림 해지해줘").
  func requestUnsubscription(
    _ understood: Interpretation, text: String, _ conversation: inout Conversation, now: Date,
    asOf: CivilDate
  ) -> Reply {
    let subscribed = subscribedServices(conversation.citizenID)
    // "민방위 알림 끊지마": a stop that is forbidden is no wish to stop; nothing is asked.
    if Self.forbidsStop(text) { return Reply(phrase("unsubscribe", "kept")) }
    guard !subscribed.isEmpty else { return Reply(phrase("unsubscribe", "none")) }
    let named = namedTopic(in: understood.text, asOf: asOf)
    let order = runtime.book.ruleNames
    var scope: [String]
    if let named {
      // The subject now: "아 다시 켜줘" right after means this one.
      conversation.topic = named
      scope = named.rules.filter(subscribed.contains)
      guard !scope.isEmpty else {
        let asked = named.rules.first.map { runtime.book.title(ofRule: $0) } ?? title(of: named)
        return runtime.answers.reply("not_subscribed", ["title": .text(asked)])
      }
    } else if let topic = conversation.topic, topic.rules.contains(where: subscribed.contains) {
      scope = topic.rules.filter(subscribed.contains)
    } else {
      scope = order.filter(subscribed.contains)
    }
    scope = order.filter(scope.contains)
    if named != nil, Self.saysStopOutright(text) {
      return unsubscribe(rules: scope, conversation, now: now, text: text)
    }
    let titles = scope.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
    let offer = Offer.unsubscribe(rules: scope, title: titles)
    conversation.offer = offer
    return Reply(
      paragraphs: [[.text(phrase("unsubscribe", "confirm", ["title": titles]))]],
      quickReplies: offer.buttons(runtime.answers))
  }

  /// "끊지마", "해지하지 마세요", "안 꺼도 돼": the line forbids stopping.
  static func forbidsStop(_ text: String) -> Bool {
    let joined = text.unspaced
    return ["지마", "지말", "안끊", "안꺼", "안해지", "않아도", "안해도"].contains(where: joined.contains)
  }

  /// A verb that switches reminders off, not negated ("끊지 마", "안 꺼도 돼" keep them).
  static func saysStopOutright(_ text: String) -> Bool {
    let verbs = ["끊어", "꺼줘", "꺼 줘", "해지", "취소", "중지", "그만 받", "그만 보내", "안 받을래"]
    let negated = ["지 마", "지마", "안 끊", "안 꺼", "안 해지", "말아", "않", "말고"]
    return verbs.contains(where: text.contains) && !negated.contains(where: text.contains)
  }

  /// A reply line from the intents' templates, placeholders filled.
  ///
  /// Every key the dialogue reads is checked when the secretary loads
  /// (`DialogueManager.requiredReplies`), so a missing line stops the load instead of
  /// reaching a citizen.
  func phrase(_ intent: String, _ key: String, _ values: [String: String] = [:]) -> String {
    let template = ReplyTemplate(self.template(intent, key) ?? "")
    return template.render(values.mapValues { .text($0) }).segments.map {
      TextRenderer.text(of: $0)
    }
    .joined()
  }
}

extension Offer {
  var rules: [String] {
    switch self {
    case .subscribe(let rules, _), .unsubscribe(let rules, _): rules
    }
  }

  var title: String {
    switch self {
    case .subscribe(_, let title), .unsubscribe(_, let title): title
    }
  }

  var isSubscription: Bool {
    if case .subscribe = self { return true }
    return false
  }

  /// The intent whose reply lines word this offer.
  var intent: String { isSubscription ? "subscribe" : "unsubscribe" }

  /// Yes and no, worded by `answers.txt`; they send the intents, not their words.
  func buttons(_ answers: AnswerPhrases) -> [QuickReply] {
    let yes = answers.text(isSubscription ? "button_yes_subscribe" : "button_yes_unsubscribe")
    return [
      QuickReply(title: yes, payload: "/affirm"),
      QuickReply(title: answers.text("button_no"), payload: "/deny"),
    ]
  }
}

extension DialogueManager {
  /// Whether the line names a service by a word of its title, or one of the things a rule
  /// decides by its label ("유방암").
  func namesService(_ text: String) -> Bool {
    let said = SaidWords(text, aliases: runtime.aliases, frames: runtime.frames)
    return runtime.book.ruleNames.contains { rule in
      titleWordSaid(of: rule, in: said, besides: []) || namesChoice(said, of: rule)
    }
  }

  /// Whether the line is about a service the offer does not cover.
  func namesOtherService(_ understood: Interpretation, than offer: Offer, asOf: CivilDate) -> Bool {
    guard let named = namedTopic(in: understood.text, asOf: asOf) else { return false }
    return Set(named.named.isEmpty ? named.rules : named.named).isDisjoint(with: offer.rules)
  }

  /// Whether the line asks for reminders of more than the offer covers: "자동차세 알림 켜줘"
  /// while only 연납's is offered also wants 정기분's.
  func namesMore(
    _ understood: Interpretation, than offer: Offer, citizenID: String, asOf: CivilDate
  ) -> Bool {
    guard var named = namedTopic(in: understood.text, asOf: asOf) else { return false }
    if !named.named.isEmpty { named.rules = named.named }
    let wanted = remindableRules(named, citizenID: citizenID, asOf: asOf)
    return !Set(wanted).isSubset(of: offer.rules)
  }

  /// Why no reminder can be offered for a service that applies: its notices were all sent
  /// ("여권 만료 안내는 11월 28일에 보내는 것이라 이미 지났어요"), with the deadline still to
  /// keep; otherwise that there is nothing to remind.
  func noticesPassed(_ topic: Topic, _ conversation: Conversation, asOf: CivilDate) -> (
    Reply, rule: String?
  ) {
    guard let evaluation = evaluate(conversation.citizenID, asOf: asOf),
      let (result, window) = topic.rules.lazy.compactMap({ evaluation.rule($0) }).compactMap({
        result -> (RuleResult, Reminder)? in
        guard case .holds = result.status,
          let window = result.reminders.first(where: { $0.end >= asOf && !$0.notifyOn.isEmpty })
        else { return nil }
        return (result, window)
      }).first
    else { return (runtime.answers.reply("nothing_to_remind"), nil) }
    let days = window.notifyOn.map { Self.shortDay($0, asOf: asOf) }.joined(separator: ", ")
    let said = runtime.answers.reply(
      "notices_sent",
      [
        "title": .text(result.title ?? result.name), "days": .text(days), "end": .date(window.end),
      ])
    return (said, result.name)
  }
}
