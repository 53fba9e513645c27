import CivilCalendar
import Foundation
import Hangul
import NLU
import RuleLanguage

/// The secretary's side of a conversation: understands a line, decides, and replies.
///
/// One turn is a pure function of the runtime, the conversation, the profile store and the
/// injected time: `respond` reads no clock. Facts learned are saved to the profile before
/// the reply is returned.
public struct DialogueManager: Sendable {
  let runtime: SecretaryRuntime
  /// Below this confidence a domain intent does not interrupt a question being answered.
  static let interruptConfidence = 0.6
  /// Above this confidence an out-of-scope line also drops a pending question.
  static let offTopicConfidence = 0.8
  /// Above this the classifier's service wins over a fuzzy match with the last subject's.
  static let sureConfidence = 0.9

  public init(runtime: SecretaryRuntime) {
    self.runtime = runtime
  }

  /// Answers one line of the citizen.
  ///
  /// - Parameters:
  ///   - line: what the citizen typed or said (normalized here).
  ///   - conversation: the thread so far; updated.
  ///   - asOf: today in Asia/Seoul.
  ///   - now: the instant, recorded with consents.
  public func respond(
    to line: String, in conversation: inout Conversation, asOf: CivilDate, now: Date
  ) -> Reply {
    conversation.lastIntent = nil
    // What the last turn saved can be corrected in this one, and no later.
    let correctable = conversation.lastSaved
    conversation.lastSaved = nil
    conversation.choiceAsked?.fresh = false
    let reply = turn(line, &conversation, correctable: correctable, asOf: asOf, now: now)
    if conversation.choiceAsked?.fresh == false { conversation.choiceAsked = nil }
    conversation.lastReply = reply
    conversation.spokenSentences = 0
    return reply
  }

  private func turn(
    _ line: String, _ conversation: inout Conversation, correctable: SavedAnswer?,
    asOf: CivilDate, now: Date
  ) -> Reply {
    let text = TextNormalizer.normalize(line)
    guard !text.isEmpty else {
      return runtime.answers.reply("empty")
    }
    let understood = understand(text, asOf: asOf)
    // "안녕하세요 저 임신했어요": the greeting is manners; what follows is the message.
    if ["greeting", "thanks"].contains(understood.intent.intent),
      let rest = Self.afterCourtesy(text)
    {
      return turn(rest, &conversation, correctable: correctable, asOf: asOf, now: now)
    }
    let intent = checkedIntent(understood, text: text, conversation, asOf: asOf)
    conversation.lastIntent = intent
    // The prepared text: "dkehdtnekd djfakdi" asks 얼마 once typed as 아동수당 얼마야.
    var frame = runtime.frames.frame(of: understood.text)

    if conversation.pending == nil, let reply = childName(understood, &conversation) {
      return reply
    }
    // "사무직이요" to "사무직인가요, 비사무직인가요?" answers the question; it is no name.
    if conversation.pending?.fact != "name", !answersPending(understood, conversation),
      let reply = introduction(understood, &conversation, asOf: asOf)
    {
      return reply
    }
    if let correctable,
      let reply = correct(correctable, understood, &conversation, asOf: asOf)
    {
      return reply
    }
    if let reply = correctEvent(understood, &conversation, asOf: asOf) { return reply }
    if let reply = recordMultiple(understood, &conversation, asOf: asOf) { return reply }
    if let reply = recordOrder(understood, after: correctable, &conversation, asOf: asOf) {
      return reply
    }
    let said = SaidWords(understood.text, aliases: runtime.aliases, frames: runtime.frames)
    // "안 하면 어떻게 돼?" or "몇시간이야" while a fact is asked for: a question of its own, not
    // an answer. "왜 12월 14일이야?" asks back whatever dates it holds.
    let asksWhy = Self.whyWords.contains(where: understood.text.lowercased().contains)
    let asksBack =
      (text.contains("?") && asksWhy)
      || (frame != .eligibility
        && !understood.entities.contains { [.date, .number, .amount, .count].contains($0.kind) })
    if asksBack, conversation.collecting != nil {
      conversation.collecting = nil
      conversation.pending = nil
    }
    if let collecting = conversation.collecting {
      // An answer first ("갱신한 적 없어요" sounds like the licence topic, and answers it);
      // then a confident question about another subject, or one that names another subject's
      // service as written ("청년월세도 받을수 있나"), leaves the record unfinished.
      if let reply = collect(understood, &conversation, asOf: asOf, quietWhenUnread: true) {
        return reply
      }
      let current = collecting.topic ?? Topic(intent: "", rules: [])
      let otherSubject =
        (understood.intent.confidence >= Self.interruptConfidence
          && !["affirm", "deny", "out_of_scope"].contains(intent)
          && runtime.intents.intent(named: intent)?.rules.isEmpty == false
          && intent != collecting.topic?.intent)
        || topicNamed(in: said, outside: current) != nil
      if !otherSubject, let reply = collect(understood, &conversation, asOf: asOf) { return reply }
      conversation.collecting = nil
    }
    if let pending = conversation.pending {
      // A record or list asked for, and a line naming another subject's service as written
      // ("청년월세도 받을수 있나"): no answer to it, however it sounds.
      let structured =
        if case .structured? = runtime.book.factKind(pending.fact)?.kind { true } else { false }
      let elsewhere = pending.topic.map { topicNamed(in: said, outside: $0) != nil } == true
      if let reply = channelWhileNaming(pending, understood, &conversation, now: now, asOf: asOf) {
        return reply
      }
      if !(structured && elsewhere), !asksBack,
        let answer = answerReply(pending, understood, &conversation, asOf: asOf)
      {
        return answer
      }
      // "됐어", "몰라요", "말 안 할래": no answer is coming; asking again would nag.
      if intent == "deny" || ["몰라", "모르"].contains(where: text.contains) {
        conversation.pending = nil
        return runtime.answers.reply("question_dropped")
      }
      // A confident change of subject ("내일 날씨 어때") drops the question, and so does a
      // line about reminders ("카톡으로 해줘"); a vague or yes/no line, or a one-word answer
      // the reader missed ("군필"), does not.
      let words = text.split(separator: " ").count
      let interrupts =
        reminderCommand(in: text) != nil || asksBack
        || elsewhere
        || (intent == "out_of_scope"
          ? understood.intent.confidence >= Self.offTopicConfidence && words >= 2
          : understood.intent.confidence >= Self.interruptConfidence
            && !["affirm", "deny"].contains(intent))
      if !interrupts {
        return reask(pending, understood, &conversation, asOf: asOf, answer: text)
      }
      conversation.pending = nil
    }

    if let offer = conversation.offer,
      let reply = answerOffer(
        offer, understood, text: text, intent: intent, &conversation, now: now, asOf: asOf)
    {
      return reply
    }
    // A question about the offer ("왜?") keeps it open; anything else moves on.
    if intent != "explain_why", case .subscribe(let rules, _)? = conversation.offer {
      conversation.offersPassed.insert(Offer.key(rules))
    }
    if intent != "explain_why" { conversation.offer = nil }
    // "5월 31일 아니었어?", "왜 8월이야": a deadline the law moved past days off.
    if text.contains("?") || text.contains("아니") || intent == "explain_why",
      let moved = movedDeadline(in: text, conversation, asOf: asOf)
    {
      return Reply(paragraphs: [moved])
    }
    // "남편은 1950년생인데 언제부터?": the last subject, for someone else.
    if !Self.commands.contains(intent),
      let reply = whatIfBirthYear(understood, &conversation, asOf: asOf)
    {
      return reply
    }
    // "그럼 나는?" after asking for someone else: the last question, for the citizen.
    if let topic = conversation.topic, Self.asksForSelf(text) {
      return answer(
        topic, frame: conversation.lastFrame, question: text, &conversation, asOf: asOf)
    }

    // "주민세는요?" after 자동차세, "그럼 자동차세는 얼마?" after 검사: a short line naming a
    // service of another subject moves there, asked as the last question was.
    // A service of its own: the classifier is sure ("자동차새 얼마?" is 자동차세 at 1.00), or
    // the line says a word of that service's title as written — unless it says one of the last
    // subject's own ("과태료 얼마야" after the inspection's 검사 지연 과태료).
    let focus = conversation.topic.map { $0.named.isEmpty ? $0.rules : $0.named } ?? []
    let labelled = focus.filter { namesChoice(said, of: $0, anyLabel: true) }
    let saysCurrent = !labelled.isEmpty
    let current = conversation.topic ?? Topic(intent: "", rules: [])
    let elsewhere = topicNamed(in: said, outside: current)
    // "위암 검사는?" after 간암: a choice the last subject decides, though "검사" leans to cars.
    let choosesCurrent = current.rules.contains { namesChoice(said, of: $0) }
    let ownService =
      understood.intent.confidence >= Self.interruptConfidence && !saysCurrent && !choosesCurrent
      && intent != conversation.topic?.intent
      && (runtime.intents.intent(named: intent).map { definition in
        let rules = self.topic(for: definition).rules
        return !rules.isEmpty
          && (rules.contains { titleWordSaid(of: $0, in: said, besides: current.rules) }
            || (understood.intent.confidence >= Self.sureConfidence
              && elsewhere.map { $0.intent == intent } ?? true))
      } ?? false)
    // "빚이 더 많으면 어떻게 해?", "재산 조회는?" after a death: a word that picks one of the
    // event's deadlines asks about it, whatever else the classifier hears.
    // (When the line is the event's own question, or one the FAQ answers by itself, those
    // paths answer it.)
    if var topic = conversation.topic, intent != topic.intent,
      !Self.commands.contains(intent) || intent == "help",
      frame != .how || runtime.faq.answer(text) == nil,
      let picked = rulesPicked(
        of: topic, by: understood.text, citizenID: conversation.citizenID, asOf: asOf)
    {
      topic.named = picked
      topic.rules = picked + topic.rules.filter { !picked.contains($0) }
      conversation.topic = topic
      // "부모급여는?" after "첫만남이용권 얼마야?": a short line is asked as the last one was.
      let short = understood.text.split(separator: " ").count <= 3
      let asked =
        frame == .how ? .when : frame == .eligibility && short ? conversation.lastFrame : frame
      conversation.lastFrame = asked
      return answer(topic, frame: asked, question: text, &conversation, asOf: asOf)
    }
    // (With no subject yet, a confident classifier decides; "폐암 검사 받아야 돼?" read as
    // the car inspection at 0.51 goes to the screening it names, and so does a longer line
    // the classifier is unsure of: "간암 검사 언제까지 받아야 돼?" at 0.64.)
    if understood.text.split(separator: " ").count <= 4
      || understood.intent.confidence < Self.sureConfidence, !Self.commands.contains(intent),
      !ownService, !saysCurrent, let other = elsewhere
    {
      conversation.topic = other
      let asked = frame == .eligibility ? conversation.lastFrame : frame
      conversation.lastFrame = asked
      return answer(other, frame: asked, question: text, &conversation, asOf: asOf)
    }
    // "만료일은요?", "과태료는?": an output of the last subject named by its label asks its
    // value; "12월에도 또 내?": a month asks that subject's window in it.
    // ("왜 폐암은 안 돼?" names a choice too, and its criterion is the answer; "왜 12월 14일이야?"
    // is a why, not a month.)
    if frame == .eligibility, let topic = conversation.topic,
      !Self.commands.contains(intent) || (intent == "explain_why" && saysCurrent)
    {
      if saysCurrent {
        frame = labelFrame(said, of: labelled) ?? conversation.lastFrame
      } else if TopicFocus.words(of: understood.text).contains(where: Self.isMonth),
        isFollowUp(understood, intent: intent, on: topic)
      {
        frame = .when
      }
    }
    // "그럼 언제?", "그건 얼마야?": the last subject, asked in another frame ("왜 그날까지야?"
    // asks why, not when).
    if [.when, .amount].contains(frame), intent != "explain_why" || !asksWhy,
      var topic = conversation.topic,
      saysCurrent || isFollowUp(understood, intent: intent, on: topic)
    {
      // "과태료 얼마야": the rule whose output it names, first and alone.
      if saysCurrent, Set(labelled) != Set(topic.named) {
        topic.named = labelled
        topic.rules = labelled + topic.rules.filter { !labelled.contains($0) }
        conversation.topic = topic
      }
      conversation.lastFrame = frame
      return answer(topic, frame: frame, question: text, &conversation, asOf: asOf)
    }
    if !["subscribe", "unsubscribe", "list_reminders", "explain_why"].contains(intent),
      let reply = whatIfChildOrder(understood, &conversation, asOf: asOf)
    {
      return reply
    }
    // "안 하면 어떻게 돼?" after a move, "빚이 더 많으면 어떻게 해요?" after a death: a how
    // question no rule answers, asked of the FAQ with the subject it follows ("안하면?" reads
    // as a no to a classifier).
    if frame == .how, ["help", "deny", IntentModel.fallback].contains(intent),
      let topic = conversation.topic, let faq = faqReply(text, about: topic)
    {
      return faq
    }
    // "주민세는요?", "부모급여는?": another service of the last subject, asked as it was.
    // (A longer line too, when the classifier cannot place it: "교육 먼저 받아야 되제?".)
    if let topic = conversation.topic, !Self.commands.contains(intent), !ownService,
      understood.text.split(separator: " ").count <= 3
        || (intent == IntentModel.fallback
          && understood.intent.confidence < Self.interruptConfidence)
    {
      // "폐암은?" after "위내시경은?": one of the things a rule decides, by its label.
      let choices = topic.rules.filter { namesChoice(said, of: $0) }
      let focus = TopicFocus(rules: topic.rules, title: runtime.book.title(ofRule:))
      let expanded = runtime.aliases.expanded(understood.text)
      // "교육 받아야 한다던데" after 면허 갱신: the head of a title word (교통안전교육) names
      // that service among the subject's own, where it tells them apart.
      let named =
        !choices.isEmpty
        ? choices : focus.named(in: expanded).nonEmptyArray ?? focus.namedByHead(in: expanded)
      if !named.isEmpty, Set(named) != Set(topic.named) || !choices.isEmpty {
        var next = topic
        next.named = named
        next.rules = named + topic.rules.filter { !named.contains($0) }
        // "부모급여는?" after "도윤이는 아동수당 받지?": a new service is of the child it names.
        next.person = personNamed(in: understood.text, citizenID: conversation.citizenID)
        conversation.topic = next
        if frame == .how, let faq = faqReply(text, about: next) { return faq }
        // "첫만남이용권 얼마야?" then "부모급여는?": the second is asked as the first was.
        let asked = frame == .eligibility ? conversation.lastFrame : frame
        conversation.lastFrame = asked
        return answer(next, frame: asked, question: text, &conversation, asOf: asOf)
      }
    }
    // "뭐 따로 해야 되는 거 있어?" after the licence renewal: the subject's other services
    // (the senior drivers' course), not every reminder.
    if frame == .also, var topic = conversation.topic {
      let answered = topic.named.isEmpty ? Array(topic.rules.prefix(1)) : topic.named
      let others = topic.rules.filter { !answered.contains($0) }
      if !others.isEmpty {
        topic.named = others
        topic.rules = others + answered
        conversation.topic = topic
        return answer(topic, frame: .eligibility, question: text, &conversation, asOf: asOf)
      }
    }
    // "지금 뭐 해야 돼": what is due, unless the line is surely about one subject.
    if frame == .agenda || frame == .also, !isAboutOwnSubject(understood, intent: intent) {
      return agenda(conversation, asOf: asOf)
    }

    switch intent {
    case "explain_why": return explain(conversation, line: text, asOf: asOf)
    case "subscribe":
      return requestSubscription(understood, text: text, &conversation, now: now, asOf: asOf)
    case "unsubscribe":
      return requestUnsubscription(understood, text: text, &conversation, now: now, asOf: asOf)
    case "list_reminders": return listReminders(conversation, asOf: asOf)
    case "greeting", "thanks", "goodbye", "help", "human_agent", "affirm", "deny":
      return smallTalk(intent)
    case "out_of_scope":
      // "1990년 3월 2일생 남자고 회사 사무직 다녀" before any question: kept, then asked on.
      if conversation.topic == nil {
        let everything = Topic(intent: "", rules: runtime.book.ruleNames)
        let kept = keepVolunteered(
          understood, besides: "", topic: everything, conversation, asOf: asOf)
        if !kept.isEmpty {
          return Reply(paragraphs: [
            runtime.answers.say("volunteered", ["labels": .text(kept.joined(separator: ", "))]),
            runtime.answers.say("what_now"),
          ])
        }
      }
      return outOfScope(text, about: conversation.topic)
    default: break
    }

    // A how-question reads the FAQ with its subject: the service it names, else the thread's.
    if frame == .how {
      var subject = conversation.topic
      if let definition = runtime.intents.intent(named: intent) {
        let named = topic(for: definition)
        if !named.rules.isEmpty { subject = named }
      }
      if let faq = faqReply(text, about: subject) { return faq }
    }
    guard let definition = runtime.intents.intent(named: intent), !definition.rules.isEmpty else {
      return outOfScope(text)
    }
    var topic = self.topic(for: definition)
    // An intent whose rules are not in the book yet is answered like any other question.
    guard !topic.rules.isEmpty else { return outOfScope(text) }
    // "출생신고 언제까지?" names one service of the birth bundle, as "위암" does of 검진.
    topic.named = TopicFocus(rules: topic.rules, title: runtime.book.title(ofRule:)).named(
      in: runtime.aliases.expanded(understood.text))
    topic.rules = topic.named + topic.rules.filter { !topic.named.contains($0) }
    topic.person = personNamed(in: understood.text, citizenID: conversation.citizenID)
    // "부모급여는?" after "첫만남이용권 얼마야?": a line that names a service and asks nothing
    // of its own is asked as the last one was.
    if frame == .eligibility, !topic.named.isEmpty, conversation.topic != nil,
      Self.isElliptical(understood.text)
    {
      frame = conversation.lastFrame
    }
    conversation.topic = topic
    conversation.lastFrame = frame
    if let intake = LifeEventIntake(event: topic.event, book: runtime.book) {
      // A sentence that tells the event ("임신했어요", "2019년에 첫째 낳았어요") rather than
      // asks about it or gives a day.
      let tells = ["했어", "했습니다", "했는데", "했다", "셨어", "셨습니다", "셨는데", "낳았", "생겼"]
        .contains(where: understood.text.contains)
      if let date = intake.date(in: understood, asOf: asOf),
        conversation.recordedEvents[intake.event] != date
      {
        // Another day for the event told in this conversation, without telling it again: a
        // correction ("아 근데 태어난날 4월 13일이야"); "2022년에 둘째 낳았어요" is a second.
        if let old = conversation.recordedEvents[intake.event], !tells {
          return correct(
            .event(intake.event, old, topic: topic), understood, &conversation, asOf: asOf,
            confirmed: true) ?? answer(topic, frame: frame, &conversation, asOf: asOf)
        }
        return record(
          intake, date: date, utterance: text, &conversation, asOf: asOf,
          multiple: Self.multiple(in: understood), order: Self.ordinal(in: understood))
      }
      // Told once, never asked again: "상속세는 언제까지야?" after the death was told, or a
      // birth, move or due date the profile already holds (a rule of the bundle applies).
      // Only a sentence that tells the event asks its day again; a question about it ("상속세
      // 신고는") uses the one the profile holds.
      // A question naming one service of the bundle ("첫만남이용권 아직 신청할 수 있어?") is
      // answered from an event of any age the profile holds: that its window closed is the
      // answer.
      let asks = frame != .eligibility || understood.text.contains("?") || !tells
      guard
        conversation.recordedEvents[intake.event] != nil
          || (asks && eventKnown(topic, conversation, asOf, anyTime: !topic.named.isEmpty))
      else {
        // "출산하면 머 받아": what the event brings, without a day to ask for.
        if !tells, topic.named.isEmpty,
          Self.eventSupposing.contains(where: understood.text.contains)
        {
          let titles = topic.rules.map { runtime.book.title(ofRule: $0) }
          return runtime.answers.reply(
            "event_services",
            ["title": .text(title(of: topic)), "titles": .text(titles.joined(separator: ", "))])
        }
        conversation.pending = PendingQuestion(fact: "event:\(intake.event)", topic: topic)
        conversation.eventUtterance = text
        conversation.eventOrder = Self.ordinal(in: understood)
        return Reply(intake.question)
      }
    }
    // Facts the question itself gives ("1990-03-02 남자인데 민방위 대상이야?") are kept first.
    let volunteered =
      topic.event == nil
      ? keepVolunteered(understood, besides: "", topic: topic, conversation, asOf: asOf) : []
    var reply = answer(topic, frame: frame, question: text, &conversation, asOf: asOf)
    if !volunteered.isEmpty {
      reply.prepend(
        runtime.answers.say("volunteered", ["labels": .text(volunteered.joined(separator: ", "))]))
    }
    return reply
  }

  /// Whether the profile already holds the event a topic is about, recent enough to be the
  /// one asked of (a birth in October, a due date ahead, a move this month).
  private func eventKnown(
    _ topic: Topic, _ conversation: Conversation, _ asOf: CivilDate, anyTime: Bool = false
  ) -> Bool {
    guard let intake = LifeEventIntake(event: topic.event, book: runtime.book),
      let profile = try? runtime.profiles.profile(conversation.citizenID)
    else { return false }
    return intake.isKnown(in: profile, asOf: asOf, anyTime: anyTime)
  }

  /// Whether a line asking what is due is about its intent's own subject: a life event it
  /// tells of ("아버지 돌아가셨는데 뭐 해야 돼?") or a service it names ("자동차세 뭐 내야 돼?"),
  /// surely; "세금 뭐 내야 돼" names none, however sure the classifier is of 자동차세.
  private func isAboutOwnSubject(_ understood: Interpretation, intent: String) -> Bool {
    guard let definition = runtime.intents.intent(named: intent), !definition.rules.isEmpty,
      understood.intent.confidence >= Self.interruptConfidence
    else { return false }
    let topic = self.topic(for: definition)
    if topic.event != nil { return true }
    let focus = TopicFocus(rules: topic.rules, title: runtime.book.title(ofRule:))
    return !focus.named(in: runtime.aliases.expanded(understood.text)).isEmpty
  }

  /// Whether a line asking a frame ("언제?") is about the last topic: it names no other
  /// service, or names the same one.
  private func isFollowUp(_ understood: Interpretation, intent: String, on topic: Topic) -> Bool {
    // "기초연금 얼마야?" after 아동수당 names its own service, though the intent is the same.
    if let definition = runtime.intents.intent(named: intent), !definition.rules.isEmpty {
      let rules = self.topic(for: definition).rules
      let named = TopicFocus(rules: rules, title: runtime.book.title(ofRule:)).named(
        in: runtime.aliases.expanded(understood.text))
      if !named.isEmpty { return Set(named) == Set(topic.named) }
    }
    if intent == topic.intent { return true }
    // "언제까지야", "그럼 얼마야?": a line of frame words alone is about the last subject,
    // whatever topic its words lean to ("자동차새 얼마?" is not: it says a service).
    // Fillers and verbs any question has ("얼마 받을 수 있어?").
    let fillers: Set<String> = [
      "그럼", "그건", "그거", "그러면", "근데", "그래서", "그럼요", "수", "좀", "또", "다", "나", "저",
      "제가", "내가", "받을", "받아", "받나", "받나요", "받는", "받을까", "있어", "있어요", "있나", "있나요",
      "나와", "나와요", "나오나", "내야", "내야돼", "돼", "되나", "되나요", "해", "해야", "해야돼", "줘", "주나",
      "주나요",
    ]
    let frameWords = runtime.frames.frames.flatMap(\.words)
    // "얼마 지원돼", "언제 신청해": words every service shares say nothing of which.
    let rest = TopicFocus.words(of: understood.text).filter { word in
      !fillers.contains(word) && !frameWords.contains { word.hasPrefix($0) || $0.hasPrefix(word) }
        && !TopicFocus.generic.contains { word.hasPrefix($0) }
        && !Self.verbStems.contains { word.hasPrefix($0) } && !Self.isMonth(word)
    }
    if rest.isEmpty { return true }
    let namesService = runtime.intents.intent(named: intent)?.rules.isEmpty == false
    return !namesService || understood.intent.confidence < Self.interruptConfidence
  }

  /// Slash payloads (`/affirm`) name an intent directly, as Rasa's buttons do.
  func understand(_ text: String, asOf: CivilDate) -> Interpretation {
    var result = runtime.interpreter.interpret(text, asOf: asOf)
    if text.hasPrefix("/"), runtime.intents.intent(named: String(text.dropFirst())) != nil {
      let name = String(text.dropFirst())
      result.intent = IntentPrediction(
        intent: name, confidence: 1, topLabel: name, fellBack: false, ranking: [])
    }
    return result
  }

  /// Intents that do something rather than ask about a service.
  static let commands: Set<String> = [
    "subscribe", "unsubscribe", "list_reminders", "explain_why", "greeting", "thanks", "goodbye",
    "help", "human_agent",
  ]

  /// The topic of another subject whose service the line names by its title ("주민세는요?"),
  /// if one does and the current topic has no such service; life events are told, not named.
  private func topicNamed(in said: SaidWords, outside current: Topic) -> Topic? {
    let named = { (rule: String) in
      self.titleWordSaid(of: rule, in: said, besides: current.rules)
        || (self.namesChoice(said, of: rule) && !current.rules.contains(rule))
    }
    for var topic in runtime.subjects.topics where topic.intent != current.intent {
      guard topic.event == nil, !topic.rules.isEmpty else { continue }
      let rules = topic.rules.filter(named)
      guard !rules.isEmpty else { continue }
      topic.named = rules
      topic.rules = rules + topic.rules.filter { !rules.contains($0) }
      return topic
    }
    return nil
  }

  /// Whether the line says a word of `rule`'s title as it is written ("주민세", "자동차세")
  /// that no title of the rules `besides` holds ("건강검진" is in 일반건강검진 too): a fuzzy
  /// match would wander from one subject to another.
  func titleWordSaid(of rule: String, in said: SaidWords, besides current: [String]) -> Bool {
    let index = runtime.subjects
    let currentTitles = current.compactMap { index.titles[$0] }
    // The word ends its token or a particle follows: "주민세는요", not "자동차쎄" for 자동차.
    func ends(_ word: String, in token: String) -> Bool {
      guard let range = token.range(ofText: word) else { return false }
      let rest = token[range.upperBound...]
      return rest.isEmpty
        || (rest.count <= 2 && rest.first.map(Self.particleStarts.contains) == true)
        || said.frameWords.contains { rest.hasPrefix($0) }
    }
    return (index.titleWords[rule] ?? []).contains { word in
      said.tokens.contains { ends(word, in: $0) } && !currentTitles.contains { $0.contains(word) }
    }
  }

  /// The rules behind an intent: names in its `rules:` line that are rules, and the bundles
  /// of those that are life events (`childbirth` → 출생신고, 첫만남이용권, …).
  func topic(for definition: IntentDefinition) -> Topic {
    runtime.subjects.topic(of: definition.name) ?? Topic(intent: definition.name, rules: [])
  }

  func template(_ intent: String, _ key: String) -> String? {
    runtime.intents.intent(named: intent)?.replies[key]
  }

  private func smallTalk(_ intent: String) -> Reply {
    switch intent {
    case "greeting": return Reply(phrase(intent, "hello"))
    case "thanks": return Reply(phrase(intent, "ok"))
    case "goodbye":
      var reply = Reply(phrase(intent, "bye"))
      reply.endsConversation = true
      return reply
    case "human_agent": return runtime.answers.reply("human_agent")
    // A yes or no with no offer open consents to nothing, and says so by asking what next.
    case "affirm", "deny": return Reply(phrase(intent, "no_offer"))
    default:
      return Reply(phrase("help", "menu"), runtime.answers.text("help_examples"))
    }
  }

  /// A question no rule answers: the FAQ when it is confident, else a polite pointer to 110.
  private func outOfScope(_ text: String, about topic: Topic? = nil) -> Reply {
    if let faq = faqReply(text, about: topic) { return faq }
    return Reply(paragraphs: [
      [.text(phrase("out_of_scope", "sorry"))], runtime.answers.say("call_center"),
    ])
  }
}
