import CivilCalendar
import Foundation
import NLU
import RuleLanguage

/// Names: a name said unasked is kept; a word the rules know as an answer is nobody's name.
extension DialogueManager {
  /// "프리랜서", "회사원", "전세": a word the rules know as an answer to one of their
  /// questions, which nobody is called.
  func isChoiceWord(_ word: String) -> Bool {
    runtime.book.facts.contains { info in
      guard case .choice(let choices)? = runtime.book.factKind(info.name)?.kind else {
        return false
      }
      return choices.contains { choice in
        choice.name == word
          || (choice.label?.split { "·/,".contains($0) }.contains { $0.unspaced == word } ?? false)
      }
    }
  }

  /// "제 이름은 김민준이에요" said unasked: the name is kept, and a question left open is asked
  /// again so the thread goes on.
  func introduction(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    let profile = try? runtime.profiles.profile(conversation.citizenID)
    let nameless = profile?["name"]?.stringValue == nil
    guard let profile, isAskable("name"),
      let name = AnswerReader.introducedName(in: understood, nameless: nameless),
      !isChoiceWord(name),
      // "몇시간이야", "언제까지야": a question in the form of a name.
      !runtime.frames.asksFrame(understood.text),
      let info = runtime.book.facts.first(where: { $0.name == "name" })
    else { return nil }
    do {
      try runtime.profiles.save(
        conversation.citizenID, profile.setting(path: info.keyPath, to: .string(name)))
    } catch {
      return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
    }
    let welcome = runtime.answers.say("welcome", ["name": .text(name)])
    guard let pending = conversation.pending else {
      return Reply(paragraphs: [welcome + [.text(" ")] + runtime.answers.say("what_now")])
    }
    let again = question(for: pending.fact, topic: pending.topic)
    return Reply(paragraphs: [welcome] + again.paragraphs, quickReplies: again.quickReplies)
  }

  /// Whether the line reads as an answer to the question pending.
  func answersPending(_ understood: Interpretation, _ conversation: Conversation) -> Bool {
    guard let pending = conversation.pending,
      let (kind, optional) = runtime.book.factKind(pending.fact)
    else { return false }
    if AnswerReader.read(understood, kind: kind, optional: optional, fact: pending.fact) != nil {
      return true
    }
    if case .choice(let choices) = kind {
      return !AnswerReader.candidates(understood.text, among: choices).isEmpty
    }
    return false
  }

  /// "카톡" while the name is asked: the channel is handled, and the name asked again.
  func channelWhileNaming(
    _ pending: PendingQuestion, _ understood: Interpretation, _ conversation: inout Conversation,
    now: Date, asOf: CivilDate
  ) -> Reply? {
    guard pending.fact == "name",
      !runtime.rules.channels.mentions(in: understood.text).isEmpty
    else { return nil }
    var reply = requestSubscription(
      understood, text: understood.text, &conversation, now: now, asOf: asOf)
    conversation.pending = pending
    reply.append(question(for: "name", topic: nil).paragraphs.first ?? [])
    return reply
  }
}
