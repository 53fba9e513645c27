import CivilCalendar
import Foundation
import NLU
import Hangul
import RuleLanguage

extension DialogueManager {
  /// Evaluates the citizen's rules as of `asOf`, with traces when `explain` is set.
  func evaluate(_ citizenID: String, asOf: CivilDate, explain: Bool = false) -> Evaluation? {
    runtime.rules.evaluate(citizenID, asOf: asOf, explain: explain)
  }

  func title(of topic: Topic) -> String {
    if let event = topic.event, let title = runtime.book.event(event)?.title { return title }
    return runtime.intents.intent(named: topic.intent)?.summary.nonEmpty ?? topic.intent
  }

  /// The answer to a question about a topic, in the frame it was asked (eligibility, when,
  /// how much), or the first question whose answer would decide it.
  ///
  /// The rules the question named are answered first and alone; of the topic's others only
  /// those that apply get a line. A "no" never stands alone: it says when it will apply, if it
  /// will. When the named rules are decided, the question for the next undecided one follows.
  func answer(
    _ topic: Topic, frame: QuestionFrame = .eligibility, question asked: String = "",
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply {
    guard let evaluation = evaluate(conversation.citizenID, asOf: asOf) else {
      return runtime.answers.reply("unknown_citizen", ["citizen": .text(conversation.citizenID)])
    }
    if let person = topic.person, topic.event == nil,
      let reply = answer(
        of: person, topic, frame: frame, question: asked, &conversation, asOf: asOf)
    {
      return reply
    }
    let results = topic.rules.compactMap { evaluation.rule($0) }
    var focus = topic.named.isEmpty ? results : results.filter { topic.named.contains($0.name) }
    let others = results.filter { result in
      guard !focus.contains(where: { $0.name == result.name }), case .holds = result.status
      else { return false }
      return result.reminders.contains { $0.end >= asOf }
    }
    var nextQuestion: (fact: String, rule: RuleResult)?
    for result in focus {
      guard case .unknown(let missing) = result.status else { continue }
      if let fact = missing.first(where: { isAskable($0, in: conversation) }) {
        nextQuestion = (fact, result)
        break
      }
    }
    if let (fact, _) = nextQuestion, let first = focus.first,
      case .unknown(let missing) = first.status
    {
      // What is missing only rules the citizen out (a student, an exempt occupation): the
      // usual case is answered, saying what it supposes, instead of a question for each.
      if focus.count == 1,
        let supposed = supposedAnswer(
          first, missing: Array(missing), frame: frame, question: asked, &conversation,
          asOf: asOf)
      {
        conversation.pending = PendingQuestion(
          fact: Self.supposedKey + Array(missing).joined(separator: ","), topic: topic,
          frame: frame)
        return Reply(
          paragraphs: supposed,
          quickReplies: [
            runtime.answers.button("button_none"), runtime.answers.button("button_yes"),
          ])
      }
      // "안심상속은 언제까지야" after "아버지가 돌아가셨어요", the day not yet told: the list the
      // event writes into is asked as the event's day, never as "최근 … 일이 있었나요?".
      if let event = topic.event, conversation.recordedEvents[event] == nil,
        LifeEventIntake(event: event, book: runtime.book)?.writes(fact, in: runtime.book) == true
      {
        let key = "event:\(event)"
        conversation.pending = PendingQuestion(fact: key, topic: topic, frame: frame)
        return question(
          for: key, topic: topic, prefix: runtime.answers.text("event_day_first") + " ")
      }
      conversation.pending = PendingQuestion(fact: fact, topic: topic, frame: frame)
      return question(for: fact, topic: topic)
    }
    let failing = focus.filter { if case .fails = $0.status { true } else { false } }.map(\.name)
    // Holding with its window closed (민방위 in December): the next window is the answer too.
    let closed = focus.filter { result in
      guard case .holds = result.status, !result.reminders.isEmpty else { return false }
      return !result.reminders.contains { $0.end >= asOf }
    }.map(\.name)
    var later = runtime.rules.nextHolding(
      conversation.citizenID, rules: failing + closed, after: asOf)
    // Never holding while facts are missing, but possible from some year (기초연금 at 65).
    let possible = runtime.rules.nextPossible(
      conversation.citizenID, rules: failing + closed, after: asOf)
    // "내년엔?": for what applies now, the window after this one; "9월에도 내야돼?": the one
    // after, when it opens in the month named and this one does not.
    let months = Self.monthsAsked(in: asked)
    let monthRange = months?.range
    let nextAsked =
      frame == .when && ["내년", "다음 번", "다음번", "그다음"].contains(where: asked.contains)
    // "12월에 또 내야 됨?" of a tax paid once in June: that month has no window of it.
    var noneInMonth: [(title: String, when: String)] = []
    if nextAsked || months != nil {
      for result in focus where !failing.contains(result.name) && !closed.contains(result.name) {
        let current = result.reminders.filter { $0.end >= asOf }
        guard let end = current.map(\.end).max(),
          nextAsked
            || !current.contains(where: { monthRange.map($0.overlaps) == true })
        else { continue }
        let next = runtime.rules.nextHolding(
          conversation.citizenID, rules: [result.name], after: end)
        guard let window = next[result.name],
          nextAsked || window.reminders.contains(where: { monthRange.map($0.overlaps) == true })
        else {
          if let months { noneInMonth.append((result.title ?? result.name, months.word)) }
          continue
        }
        later[result.name] = window
      }
    }
    // The service the question says by its title comes first ("건강검진 받아야 돼?" is the
    // 일반건강검진 before the cancer screening that applies); then what applies now, then
    // what will, then what cannot be decided.
    let spokenWords = TopicFocus.words(of: runtime.aliases.expanded(asked))
      .map { Josa.stripped(from: $0) }
      .filter { $0.count >= 3 }
    // Said by its head too: "예방접종" says 어르신 인플루엔자 무료 접종.
    let saysTitle = { (result: RuleResult) in
      let title = result.title ?? result.name
      let heads = TopicFocus.words(of: title).filter { $0.count >= 2 }
      return spokenWords.contains { spoken in
        title.unspaced.contains(spoken)
          || heads.contains { spoken.count > $0.count && spoken.hasSuffix($0) }
      }
    }
    // A "no" that time will not undo says what decided it: that rule's trace, and only its.
    // So does one whose next window is years away, and one the question named.
    for i in focus.indices
    where failing.contains(focus[i].name)
      && (!topic.named.isEmpty || saysTitle(focus[i]) || (frame == .when && focus.count == 1)
        || (later[focus[i].name].map { $0.day.year > asOf.year + 1 }
          ?? (possible[focus[i].name] == nil)))
    {
      focus[i].trace = runtime.rules.trace(
        conversation.citizenID, rule: focus[i].name, asOf: asOf)
    }
    var blocks: [ReplyBlock] = []
    // The bundle's title leads only the first answer after the event is told, not a question
    // about one of its deadlines.
    if topic.event != nil, asked.isEmpty {
      blocks.append(
        .paragraph(runtime.answers.say("event_intro", ["title": .text(title(of: topic))])))
    }
    for (title, when) in noneInMonth {
      blocks.append(
        .paragraph(
          runtime.answers.say("no_window_in_month", ["title": .text(title), "when": .text(when)])))
    }
    var remindable: [String] = []
    var notApplicable: [String] = []
    let holds = { (result: RuleResult) in if case .holds = result.status { true } else { false } }
    let ordered = [true, false].flatMap { said in
      focus.filter { saysTitle($0) == said && holds($0) }
        + focus.filter { saysTitle($0) == said && !holds($0) }
    }
    for result in ordered {
      if case .unknown = result.status, nextQuestion?.rule.name == result.name { continue }
      // Of a topic asked as a whole, what does not apply and will not soon shares one line.
      if topic.named.isEmpty, focus.count > 1, case .fails = result.status,
        later[result.name] == nil
      {
        notApplicable.append(result.title ?? result.name)
        continue
      }
      let choices = askedChoices(
        result, evaluation: evaluation, question: asked, citizenID: conversation.citizenID,
        asOf: asOf)
      if choices != nil { conversation.choiceAsked = (asked, true) }
      var sentences =
        choices
        ?? describe(
          result, frame: frame, later: later[result.name], possible: possible[result.name],
          evaluation: evaluation, question: asked, asOf: asOf)
      if choices == nil {
        sentences = retold(
          sentences, result, later: later[result.name], frame: frame, question: asked,
          &conversation, asOf: asOf)
      }
      blocks.append(
        .card(
          card(
            result, sentences: sentences, later: later[result.name],
            possible: possible[result.name] != nil, evaluation: evaluation, &conversation,
            asOf: asOf)))
      if isRemindable(
        result, later: later[result.name], citizenID: conversation.citizenID, asOf: asOf)
      {
        remindable.append(result.name)
      }
    }
    if !notApplicable.isEmpty {
      let all = notApplicable.count == focus.count
      blocks.append(
        .paragraph(
          runtime.answers.say(
            all ? "none_applies" : "not_applicable",
            ["titles": .text(notApplicable.joined(separator: ", "))])))
    }
    // A bundle's other services are the rest of the event's list, not something asked; and
    // what was listed once in the conversation is not listed again under every answer.
    let unlisted = others.filter { conversation.alsoDueShown.insert($0.name).inserted }
    if !unlisted.isEmpty, topic.event == nil {
      let names = unlisted.map { other in
        let end = other.reminders.filter { $0.end >= asOf }.map(\.end).min()
        return (other.title ?? other.name)
          + (end.map { " (~\(Self.shortDay($0, asOf: asOf)))" } ?? "")
      }
      blocks.append(
        .paragraph(
          runtime.answers.say("also_due", ["titles": .text(names.joined(separator: ", "))])))
    }
    if blocks.isEmpty { blocks.append(.paragraph(runtime.answers.say("nothing_found"))) }
    if let (fact, rule) = nextQuestion {
      conversation.pending = PendingQuestion(fact: fact, topic: topic, frame: frame)
      let ask = question(for: fact, topic: nil)
      let title = rule.title ?? rule.name
      blocks.append(
        .paragraph(
          runtime.answers.say("also_check", ["title": .text(title)]) + [.text(" ")]
            + (ask.paragraphs.first ?? [])))
      return Reply(blocks: blocks, quickReplies: ask.quickReplies)
    }
    var quickReplies = [
      QuickReply(title: runtime.answers.text("button_why"), payload: "/explain_why")
    ]
    let subscribed = subscribedServices(conversation.citizenID)
    let offer = remindable.filter { !subscribed.contains($0) }
    if !offer.isEmpty {
      blocks = blocks.map { block in
        guard case .card(var card) = block, offer.contains(card.rule) else { return block }
        card.offersReminder = true
        return .card(card)
      }
      // An offer let pass for another question is not asked again under every answer of the
      // thread: it stays open, with its buttons, without its sentence.
      if !conversation.offersPassed.contains(Offer.key(offer)) {
        blocks.append(.paragraph(runtime.answers.say("offer")))
      }
      let titles = offer.map { runtime.book.title(ofRule: $0) }.joined(separator: ", ")
      conversation.offer = .subscribe(rules: offer, title: titles)
      quickReplies =
        Offer.subscribe(rules: offer, title: titles).buttons(runtime.answers) + quickReplies
    }
    return Reply(blocks: blocks, quickReplies: quickReplies)
  }

  /// "언제까지?" answered by the very sentences told already in the conversation: the
  /// window's days, not the notice again ("몇시간이야", "내년엔?" still hear the notice,
  /// which says the hours and the year).
  func retold(
    _ sentences: [[ReplySegment]], _ result: RuleResult,
    later: (day: CivilDate, reminders: [Reminder])?, frame: QuestionFrame, question: String,
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> [[ReplySegment]] {
    guard let window = shownWindow(result, later: later, asOf: asOf) else { return sentences }
    // Only the same sentences again: a line naming another of its days ("서류는 언제까지?")
    // says something new.
    let key = sentences.map(TextRenderer.paragraph).joined(separator: "\n")
    let told = !conversation.windowsShown.insert(key).inserted
    guard told, runtime.frames.asksDeadline(question) else { return sentences }
    let values: [String: TemplateValue] = [
      "title": .text(result.title ?? result.name), "start": .date(window.start),
      "end": .date(window.end),
    ]
    return [runtime.answers.say("window_again", values)]
  }

  /// The one window a card about what applies tells.
  ///
  /// The next one when `later` is given, else the one still open. A bundle's several
  /// (사망신고, 상속세…) are each asked by name, so none of them is.
  private func shownWindow(
    _ result: RuleResult, later: (day: CivilDate, reminders: [Reminder])?, asOf: CivilDate
  ) -> Reminder? {
    // What does not apply is answered by its reason ("40세가 되는 해부터"), which says more
    // than the days.
    guard case .holds = result.status else { return nil }
    let windows =
      later.map { later in later.reminders.filter { $0.end >= later.day } }
      ?? result.reminders.filter { $0.end >= asOf }
    return windows.count == 1 ? windows[0] : nil
  }

  /// The topic's rules a subscription would cover, by `isRemindable`.
  func remindableRules(_ topic: Topic, citizenID: String, asOf: CivilDate) -> [String] {
    guard let evaluation = evaluate(citizenID, asOf: asOf) else { return [] }
    let results = topic.rules.compactMap { evaluation.rule($0) }
    // Not now, or applying with this year's window closed (민방위 in December): the next window
    // may notify within the year.
    let waiting = results.filter { result in
      switch result.status {
      case .fails: true
      case .holds: !result.reminders.contains { $0.end >= asOf }
      default: false
      }
    }.map(\.name)
    let later = runtime.rules.nextHolding(citizenID, rules: waiting, after: asOf)
    return results.filter {
      isRemindable($0, later: later[$0.name], citizenID: citizenID, asOf: asOf)
    }.map(\.name)
  }

  /// Whether a reminder for a service is worth offering: it holds with a notice still to come,
  /// or its next window (`later`, or the one after a window whose notices are all sent) will
  /// notify within the planner's year.
  func isRemindable(
    _ result: RuleResult, later: (day: CivilDate, reminders: [Reminder])?, citizenID: String,
    asOf: CivilDate
  ) -> Bool {
    if case .holds = result.status,
      result.reminders.contains(where: { $0.notifyOn.contains { $0 >= asOf } })
    {
      return true
    }
    if notifiesNextWindow(result, citizenID: citizenID, asOf: asOf) { return true }
    let horizon = asOf.adding(days: 365)
    return later?.reminders.contains { $0.notifyOn.contains { $0 >= asOf && $0 <= horizon } }
      == true
  }

  /// Whether a service that holds, with this window's notices all sent (장애인연금 told on
  /// 1 January, asked in March), will be told of its next window within the planner's year: a
  /// reminder is still worth offering.
  func notifiesNextWindow(_ result: RuleResult, citizenID: String, asOf: CivilDate) -> Bool {
    guard case .holds = result.status,
      let end = result.reminders.filter({ $0.end >= asOf }).map(\.end).max(),
      !result.reminders.contains(where: { $0.notifyOn.contains { $0 >= asOf } }),
      let next = runtime.rules.nextHolding(citizenID, rules: [result.name], after: end)[result.name]
    else { return false }
    let horizon = asOf.adding(days: 365)
    return next.reminders.contains { $0.notifyOn.contains { $0 > end && $0 <= horizon } }
  }

  func factAsk(_ fact: String) -> String? {
    runtime.book.facts.first { $0.name == fact }?.ask
  }

  /// Facts the chat can collect in one answer: not records or lists.
  ///
  /// A record or list (학적, 자동차, 자녀) is asked as "있으신가요?": "없어요" is an answer the
  /// chat can store (none, or an empty list); details are not collected in chat.
  func isAskable(_ fact: String, in conversation: Conversation? = nil) -> Bool {
    guard let (kind, optional) = runtime.book.factKind(fact), factAsk(fact) != nil else {
      return false
    }
    if conversation?.unanswerable.contains(fact) == true { return false }
    if case .structured(let type) = kind {
      return optional || type.hasPrefix("[") || runtime.book.askedFields(ofFact: fact) != nil
    }
    return true
  }

  /// The question for a fact, with its choices as quick replies.
  func question(for fact: String, topic: Topic?, prefix: String = "") -> Reply {
    // A pending life event asks its own question, never its key ("event:expecting").
    if fact.hasPrefix("event:") {
      let intake = LifeEventIntake(event: String(fact.dropFirst(6)), book: runtime.book)
      return Reply(prefix + (intake?.question ?? runtime.answers.text("what_else")))
    }
    if fact.hasPrefix(Self.supposedKey) {
      return Reply(
        paragraphs: [[.text(prefix)] + supposedQuestion(Self.supposedFacts(fact))],
        quickReplies: [runtime.answers.button("button_none"), runtime.answers.button("button_yes")])
    }
    let ask = factAsk(fact) ?? fact
    let framed =
      topic.flatMap { template($0.intent, "ask") }.map {
        $0.replacingOccurrences(of: "{prompt}", with: ask)
      }
      ?? ask
    var quickReplies: [QuickReply] = []
    switch runtime.book.factKind(fact)?.kind {
    case .bool?:
      quickReplies = [runtime.answers.button("button_yes"), runtime.answers.button("button_no")]
    case .structured?:
      quickReplies = [runtime.answers.button("button_none")]
    case .choice(let choices)?:
      quickReplies = choices.map {
        QuickReply(title: $0.displayName, payload: $0.displayName)
      }
      if runtime.book.factKind(fact)?.optional == true {
        quickReplies.append(runtime.answers.button("button_not_applicable"))
      }
    default:
      break
    }
    return Reply(paragraphs: [[.text(prefix + framed)]], quickReplies: quickReplies)
  }
}

extension Reminder {
  /// Whether the window falls in any of the months asked ("하반기에도?"): a window running into
  /// another year counts as every month.
  func overlaps(_ months: ClosedRange<Int>) -> Bool {
    let span = start.year == end.year ? start.month...end.month : 1...12
    return span.overlaps(months)
  }
}

extension Topic {
  /// Whether an answer about this topic speaks of `result`: every rule when the question named
  /// none, else the named ones and those that apply.
  func mentions(_ result: RuleResult) -> Bool {
    if named.isEmpty || named.contains(result.name) { return true }
    if case .holds = result.status { return true }
    return false
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}

extension Array {
  var nonEmptyArray: [Element]? { isEmpty ? nil : self }
}
