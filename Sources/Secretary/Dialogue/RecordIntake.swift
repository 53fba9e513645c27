import CivilCalendar
import Foundation
import Hangul
import NLU
import RuleLanguage

/// A record being collected one field at a time ("여권 있어요" → "만료일이 언제인가요?"), with
/// the rule file's questions; for a list (children, cars) one item after another.
struct RecordCollection: Sendable, Equatable {
  var fact: String
  /// The field being asked, by position among the asked fields.
  var next = 0
  /// The item so far: the answer of each field asked, as the profile stores it.
  var values: JSONValue = .object([])
  var topic: Topic?
  var frame: QuestionFrame = .eligibility
  var misses = 0
  /// A list's item is done and "더 있으신가요?" was asked.
  var askingMore = false
}

extension DialogueManager {
  /// Starts collecting a record fact when the citizen says they have one.
  ///
  /// The first field is read from the same line when it is there ("2030년 5월 3일 만료예요").
  /// Nil when the fact has no field questions.
  func startCollecting(
    _ pending: PendingQuestion, _ understood: Interpretation, _ conversation: inout Conversation,
    asOf: CivilDate
  ) -> Reply? {
    guard runtime.book.askedFields(ofFact: pending.fact) != nil else { return nil }
    conversation.pending = nil
    conversation.collecting = RecordCollection(
      fact: pending.fact, topic: pending.topic, frame: pending.frame)
    if let reply = collect(understood, &conversation, asOf: asOf, quietWhenUnread: true) {
      return reply
    }
    return askField(conversation)
  }

  /// Reads the answer to the field being asked; nil when the line is not an answer (the
  /// caller lets it interrupt) and `quietWhenUnread` is set.
  func collect(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate,
    quietWhenUnread: Bool = false
  ) -> Reply? {
    guard var state = conversation.collecting,
      let (fields, isList) = runtime.book.askedFields(ofFact: state.fact)
    else { return nil }
    if state.askingMore {
      conversation.collecting = nil
      let yes = understood.answerToOffer() == .accept || understood.intent.intent == "affirm"
      guard yes else { return finishCollecting(state, &conversation, asOf: asOf) }
      conversation.collecting = RecordCollection(
        fact: state.fact, topic: state.topic, frame: state.frame)
      return askField(conversation)
    }
    let field = fields[state.next]
    guard
      let value = AnswerReader.read(
        understood, kind: field.kind, optional: field.optional, fact: field.key)
    else {
      if quietWhenUnread { return nil }
      state.misses += 1
      conversation.collecting = state.misses < 3 ? state : nil
      guard state.misses < 3 else {
        conversation.unanswerable.insert(state.fact)
        return runtime.answers.reply("give_up_record")
      }
      return askField(conversation, prefix: runtime.answers.text("not_understood") + " ")
    }
    if field.past, case .string(let text) = value, let day = CivilDate(iso: text), day > asOf {
      return askField(conversation, prefix: runtime.answers.text("future_date") + " ")
    }
    state.values = state.values.setting(field.key, to: value)
    state.next += 1
    state.misses = 0
    guard state.next >= fields.count else {
      conversation.collecting = state
      return askField(conversation)
    }
    // The item is complete: saved now, so nothing told is lost if the talk stops here.
    do {
      let profile = try runtime.profiles.profile(conversation.citizenID)
      guard let info = runtime.book.facts.first(where: { $0.name == state.fact }) else {
        return nil
      }
      let stored: JSONValue
      if isList {
        var list = profile.value(at: info.keyPath).arrayItems
        list.append(state.values)
        stored = .array(list)
      } else {
        stored = state.values
      }
      try runtime.profiles.save(
        conversation.citizenID, profile.setting(path: info.keyPath, to: stored))
    } catch {
      conversation.collecting = nil
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    let saved = savedLine(state)
    if isList {
      state.askingMore = true
      conversation.collecting = state
      let label = runtime.book.facts.first { $0.name == state.fact }?.label ?? state.fact
      return Reply(
        paragraphs: [[.text(saved)], runtime.answers.say("record_more", ["label": .text(label)])],
        quickReplies: [runtime.answers.button("button_yes"), runtime.answers.button("button_no")])
    }
    conversation.collecting = nil
    var reply = finishCollecting(state, &conversation, asOf: asOf)
    reply.prepend([.text(saved)])
    return reply
  }

  /// The line that shows a saved record back: "여권 정보를 저장했어요: 2030년 5월 3일".
  private func savedLine(_ state: RecordCollection) -> String {
    let label = runtime.book.facts.first { $0.name == state.fact }?.label ?? state.fact
    guard case .object(let members) = state.values else {
      return runtime.answers.text("record_saved", ["label": .text(label)])
    }
    let shown = members.compactMap { member -> String? in
      switch member.value {
      case .string(let text):
        if let day = CivilDate(iso: text) { return TextRenderer.text(of: .date(day)) }
        return displayed(text, fact: state.fact)
      case .number(let text): return text
      default: return nil
      }
    }
    return runtime.answers.text(
      "record_saved_values",
      ["label": .text(label), "values": .text(shown.joined(separator: ", "))])
  }

  /// A stored choice shown by its label ("2_ordinary" → 2종 보통).
  private func displayed(_ json: String, fact: String) -> String {
    for field in runtime.book.askedFields(ofFact: fact)?.fields ?? [] {
      if case .choice(let choices) = field.kind,
        let choice = choices.first(where: { $0.json == json })
      {
        return choice.displayName
      }
    }
    return json
  }

  private func finishCollecting(
    _ state: RecordCollection, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply {
    conversation.collecting = nil
    guard let topic = state.topic else { return runtime.answers.reply("thanks_what_else") }
    return answer(topic, frame: state.frame, &conversation, asOf: asOf)
  }

  /// The question for the field being collected, with its choices as quick replies.
  func askField(_ conversation: Conversation, prefix: String = "") -> Reply {
    guard let state = conversation.collecting,
      let (fields, _) = runtime.book.askedFields(ofFact: state.fact), state.next < fields.count
    else { return runtime.answers.reply("what_else") }
    let field = fields[state.next]
    var quickReplies: [QuickReply] = []
    if case .choice(let choices) = field.kind {
      quickReplies = choices.map { QuickReply(title: $0.displayName, payload: $0.displayName) }
    }
    if field.optional { quickReplies.append(runtime.answers.button("button_skip")) }
    return Reply(paragraphs: [[.text(prefix + field.ask)]], quickReplies: quickReplies)
  }
}
