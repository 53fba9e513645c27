import CivilCalendar
import Foundation
import NLU
import Hangul
import RuleLanguage

/// What the citizen tells: a life event recorded, the answer to a pending question, and
/// the subject answered again with it.
extension DialogueManager {
  /// Saves a life event into the profile and answers with the event's bundle.
  func record(
    _ intake: LifeEventIntake, date: CivilDate, utterance: String,
    _ conversation: inout Conversation,
    asOf: CivilDate, multiple: Int? = nil, order: Int? = nil
  ) -> Reply {
    do {
      let profile = try runtime.profiles.profile(conversation.citizenID)
      try runtime.profiles.save(
        conversation.citizenID,
        intake.record(profile, date, utterance: utterance, multiple: multiple, order: order))
    } catch {
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    conversation.recordedEvents[intake.event] = date
    conversation.lastSaved = .event(intake.event, date, topic: conversation.topic)
    guard let topic = conversation.topic else { return runtime.answers.reply("understood") }
    var reply = answer(topic, &conversation, asOf: asOf)
    // A date that decides deadlines is shown back, and how to correct it.
    let example = date.adding(days: 1)
    reply.prepend(
      runtime.answers.say(
        "recorded", ["date": .date(date), "example": .text("\(example.month)월 \(example.day)일")]))
    return reply
  }

  /// How many babies the line says ("쌍둥이" 2), if it says.
  static func multiple(in understood: Interpretation) -> Int? {
    understood.entities.first { $0.kind == .multipleBirth }.flatMap { Int($0.value) }
  }

  /// "한 명이에요", "두 명이래요": a count alone, which after a pregnancy or a birth is the
  /// number of babies ("바우처 얼마야?" asked how many).
  static func babies(in understood: Interpretation) -> Int? {
    guard let count = understood.entities.first(where: { $0.kind == .count }),
      understood.text.replacingOccurrences(of: count.text, with: "").filter(\.isHangulSyllable)
        .count <= 4
    else { return nil }
    return Int(count.value)
  }

  /// The place a line says ("둘째 낳았어요" 2), if it says one.
  static func ordinal(in understood: Interpretation) -> Int? {
    understood.entities.first { $0.kind == .ordinal }.flatMap { Int($0.value) }
  }

  /// "둘째예요" said right after a birth was told: the child's place is kept (첫만남이용권 is
  /// larger from the second), and the event answered again.
  func recordOrder(
    _ understood: Interpretation, after saved: SavedAnswer?, _ conversation: inout Conversation,
    asOf: CivilDate
  ) -> Reply? {
    guard let order = Self.ordinal(in: understood),
      let ordinal = understood.entities.first(where: { $0.kind == .ordinal }),
      understood.text.replacingOccurrences(of: ordinal.text, with: "")
        .filter(\.isHangulSyllable).count <= 4,
      case .event(let event, _, let topic)? = saved, let topic,
      let intake = LifeEventIntake(event: event, book: runtime.book),
      let profile = try? runtime.profiles.profile(conversation.citizenID),
      let ordered = intake.settingOrder(order, in: profile)
    else { return nil }
    do {
      try runtime.profiles.save(conversation.citizenID, ordered)
    } catch {
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    conversation.offer = nil
    var reply = answer(topic, &conversation, asOf: asOf)
    reply.prepend(runtime.answers.say("recorded_order", ["ordinal": .text(ordinal.text)]))
    return reply
  }

  /// "쌍둥이예요" said after a pregnancy or a birth was told: the count is kept with it, and
  /// the subject answered again (the voucher for twins is larger).
  func recordMultiple(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    guard let count = Self.multiple(in: understood) ?? Self.babies(in: understood),
      let topic = conversation.topic,
      let intake = LifeEventIntake(event: topic.event, book: runtime.book), intake.countsMultiples,
      let profile = try? runtime.profiles.profile(conversation.citizenID),
      conversation.recordedEvents[intake.event] != nil || intake.isKnown(in: profile, asOf: asOf)
    else { return nil }
    do {
      try runtime.profiles.save(
        conversation.citizenID, intake.settingMultiple(count, in: profile))
    } catch {
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    var reply = answer(
      topic, frame: conversation.lastFrame, question: understood.text, &conversation, asOf: asOf)
    reply.prepend(
      runtime.answers.say("recorded_multiple", ["count": .text(String(count))]))
    return reply
  }

  /// The pending question "이 중 해당하는 게 있으신가요?" of a supposed answer: this prefix,
  /// then the rare facts it supposed, by name.
  static let supposedKey = "supposed:"

  static func supposedFacts(_ key: String) -> [String] {
    key.dropFirst(supposedKey.count).split(separator: ",").map(String.init)
  }

  /// Reads the answer to a pending question; saves it and answers the topic, or nil.
  func answerReply(
    _ pending: PendingQuestion, _ understood: Interpretation, _ conversation: inout Conversation,
    asOf: CivilDate
  ) -> Reply? {
    if pending.fact.hasPrefix(Self.supposedKey) {
      return answerSupposed(
        pending, facts: Self.supposedFacts(pending.fact), understood, &conversation, asOf: asOf)
    }
    if pending.fact.hasPrefix("event:") {
      guard
        let intake = LifeEventIntake(event: String(pending.fact.dropFirst(6)), book: runtime.book)
      else { return nil }
      guard let date = intake.date(in: understood, asOf: asOf) else {
        // "11월 30일이요" for a move not made yet: a day, on the wrong side of today.
        guard understood.entities.contains(where: { $0.kind == .date }) else { return nil }
        let key = intake.spec.ahead ? "past_date" : "future_date"
        return Reply(runtime.answers.text(key) + " " + intake.question)
      }
      conversation.pending = nil
      conversation.topic = pending.topic
      return record(
        intake, date: date, utterance: conversation.eventUtterance, &conversation, asOf: asOf,
        multiple: Self.multiple(in: understood),
        order: Self.ordinal(in: understood) ?? conversation.eventOrder)
    }
    guard let (kind, optional) = runtime.book.factKind(pending.fact),
      let info = runtime.book.facts.first(where: { $0.name == pending.fact })
    else { return nil }
    // "카톡" while the name is asked: where reminders go, not what to call them.
    if pending.fact == "name", !runtime.rules.channels.mentions(in: understood.text).isEmpty {
      return nil
    }
    guard
      var value = AnswerReader.read(
        understood, kind: kind, optional: optional, fact: pending.fact, monthEnough: info.month)
    else {
      // "네, 있어요" to a record or list: its fields are asked one by one, when the rule file
      // gives their questions.
      if case .structured = kind,
        let reply = startCollecting(pending, understood, &conversation, asOf: asOf)
      {
        return reply
      }
      if case .structured = kind, understood.intent.intent == "affirm" {
        conversation.pending = nil
        conversation.unanswerable.insert(pending.fact)
        let note = runtime.answers.reply("record_not_in_chat")
        guard let topic = pending.topic else { return note }
        var reply = answer(topic, frame: pending.frame, &conversation, asOf: asOf)
        reply.prepend(contentsOf: note)
        return reply
      }
      return nil
    }
    // "3월 15일" after "85년생": the month and day of the year already said.
    if let year = pending.heardYear, case .string(let text) = value,
      let day = CivilDate(iso: text),
      let said = understood.entities.first(where: { $0.kind == .date })?.text,
      !said.contains("년"), !said.contains(where: \.isNumber) || said.contains("월"),
      let dated = CivilDate(year: year, month: day.month, day: day.day)
    {
      value = .string(dated.description)
    }
    if runtime.book.mustBePast(fact: pending.fact), case .string(let text) = value,
      let day = CivilDate(iso: text), day > asOf
    {
      return question(
        for: pending.fact, topic: pending.topic, prefix: runtime.answers.text("future_date") + " ")
    }
    do {
      let profile = try runtime.profiles.profile(conversation.citizenID)
      var stored = value
      if case .flags = kind, case .object(let told) = value {
        // What the line did not name stays as it was ("간이과세자예요" keeps 사업소득).
        stored = told.reduce(profile.value(at: info.keyPath) ?? .object([])) {
          $0.setting($1.key, to: $1.value)
        }
      }
      try runtime.profiles.save(
        conversation.citizenID, profile.setting(path: info.keyPath, to: stored))
    } catch {
      conversation.pending = nil
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    conversation.pending = nil
    conversation.lastSaved = .fact(pending.fact, topic: pending.topic, frame: pending.frame)
    let volunteered =
      pending.topic.map {
        keepVolunteered(understood, besides: pending.fact, topic: $0, conversation, asOf: asOf)
      } ?? []
    guard let topic = pending.topic else {
      var reply =
        value.stringValue.map { runtime.answers.reply("named", ["name": .text($0)]) }
        ?? runtime.answers.reply("thanks_for_answer")
      reply.quickReplies = [remindersButton("button_reminders")]
      return reply
    }
    var reply = answer(topic, frame: pending.frame, &conversation, asOf: asOf)
    if !volunteered.isEmpty {
      reply.prepend(
        runtime.answers.say("volunteered", ["labels": .text(volunteered.joined(separator: ", "))]))
    }
    return reply
  }

  /// Asks again, with a hint; after three misses the question is dropped.
  func reask(
    _ pending: PendingQuestion, _ understood: Interpretation, _ conversation: inout Conversation,
    asOf: CivilDate, answer: String = ""
  ) -> Reply {
    if case .choice(let choices)? = runtime.book.factKind(pending.fact)?.kind {
      let tied = AnswerReader.candidates(answer, among: choices)
      if tied.count > 1 {
        // "회사원" is a real answer that fits two choices: ask between those, as a person would.
        conversation.pending = pending
        let names = tied.map(\.displayName)
        return Reply(
          paragraphs: [
            [
              .text(
                names.map { runtime.answers.text("which_one", ["choice": .text($0)]) }
                  .joined(separator: ", ") + "?")
            ]
          ],
          quickReplies: names.map { QuickReply(title: $0, payload: $0) })
      }
    }
    // "2017년 2월에 전역했어 회사원이고" while 국적 is asked: what fits another fact the rules
    // lack is kept, and the subject is answered again with it (a discharge tells the
    // nationality too), or the question asked again without a miss.
    let everything = Topic(intent: "", rules: runtime.book.ruleNames)
    let kept = keepVolunteered(
      understood, besides: pending.fact, topic: everything, conversation, asOf: asOf)
    let said = runtime.answers.say("volunteered", ["labels": .text(kept.joined(separator: ", "))])
    // "85년생 여자" while the birth date is asked: the year is heard, and the rest asked for
    // by it, not the same question again as if nothing was said.
    if runtime.book.factKind(pending.fact)?.kind == .date,
      let year = understood.entities.first(where: { $0.kind == .birthYear }).map(\.value)
    {
      conversation.pending = pending
      conversation.pending?.heardYear = Int(year)
      let ask = runtime.answers.say("date_needs_day", ["year": .text(year)])
      return Reply(paragraphs: (kept.isEmpty ? [] : [said]) + [ask])
    }
    if !kept.isEmpty, let topic = pending.topic {
      conversation.pending = nil
      var reply = self.answer(topic, frame: pending.frame, &conversation, asOf: asOf)
      reply.prepend(said)
      return reply
    }
    if !kept.isEmpty {
      conversation.pending = pending
      let again = question(for: pending.fact, topic: pending.topic)
      return Reply(paragraphs: [said] + again.paragraphs, quickReplies: again.quickReplies)
    }
    var next = pending
    next.misses += 1
    guard next.misses < 3 else {
      conversation.pending = nil
      return runtime.answers.reply("give_up")
    }
    conversation.pending = next
    if pending.fact.hasPrefix("event:"),
      let intake = LifeEventIntake(event: String(pending.fact.dropFirst(6)), book: runtime.book)
    {
      return Reply(runtime.answers.text("not_understood") + " " + intake.question)
    }
    return question(
      for: pending.fact, topic: pending.topic, prefix: runtime.answers.text("not_understood") + " ")
  }
}
