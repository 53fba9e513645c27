import CivilCalendar
import Foundation
import Hangul
import NLU

extension DialogueManager {
  /// Words that open a correction: "아니 5월 2일이야", "정정할게요, 1990년생이에요".
  static let correctionOpeners = ["아니", "아뇨", "아니요", "정정", "틀렸", "잘못", "그게 아니라"]
  /// Words that say a correction wherever they stand: "아 이사날짜 틀렸어 11월 22일이야".
  static let correctionWords = ["틀렸", "잘못", "정정", "바뀌었", "바뀜", "착각"]

  /// A date given again for a life event told earlier in the conversation, with words of
  /// correction ("아 잘못말했다 4월 5일이야") — however many turns ago it was told.
  func correctEvent(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    let text = understood.text
    let opening = String(text.prefix(6))
    guard
      Self.correctionWords.contains(where: text.contains)
        || Self.correctionOpeners.contains(where: opening.contains)
    else { return nil }
    let recorded = conversation.recordedEvents
    let event =
      conversation.topic?.event.flatMap { recorded[$0] != nil ? $0 : nil }
      ?? (recorded.count == 1 ? recorded.keys.first : nil)
    // Or the event of the subject being talked about, as the profile already tells it
    // ("전입신고 언제까지야" then "아 이사날짜 틀렸어 11월 22일이야").
    guard let event = event ?? conversation.topic?.event,
      let old = recorded[event] ?? profileDay(of: event, conversation, asOf: asOf)
    else { return nil }
    let topic = conversation.topic?.event == event ? conversation.topic : nil
    return correct(.event(event, old, topic: topic), understood, &conversation, asOf: asOf)
  }

  private func profileDay(of event: String, _ conversation: Conversation, asOf: CivilDate)
    -> CivilDate?
  {
    guard let intake = LifeEventIntake(event: event, book: runtime.book),
      let profile = try? runtime.profiles.profile(conversation.citizenID)
    else { return nil }
    return intake.knownDay(in: profile, asOf: asOf)
  }

  /// "아니 5월 2일이야" right after a date or a fact was saved replaces it.
  ///
  /// The topic is then answered again with the new answer. Nil when the line corrects nothing.
  func correct(
    _ saved: SavedAnswer, _ understood: Interpretation, _ conversation: inout Conversation,
    asOf: CivilDate, confirmed: Bool = false
  ) -> Reply? {
    let text = understood.text
    // "아 아니다 12월 4일이야": an interjection may come first.
    let opening = String(text.prefix(6))
    guard
      confirmed || Self.correctionOpeners.contains(where: opening.contains)
        || Self.correctionWords.contains(where: text.contains)
    else { return nil }
    switch saved {
    case .event(let event, let old, let topic):
      guard let intake = LifeEventIntake(event: event, book: runtime.book),
        let date = intake.date(in: understood, asOf: asOf), date != old
      else { return nil }
      do {
        let profile = try runtime.profiles.profile(conversation.citizenID)
        try runtime.profiles.save(
          conversation.citizenID, intake.replacing(old, with: date, in: profile))
      } catch {
        return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
      }
      conversation.recordedEvents[event] = date
      conversation.lastSaved = .event(event, date, topic: topic)
      var reply = topic.map { answer($0, &conversation, asOf: asOf) } ?? Reply(paragraphs: [])
      reply.prepend(runtime.answers.say("corrected_date", ["date": .date(date)]))
      return reply
    case .fact(let fact, let topic, let frame):
      guard let (kind, optional) = runtime.book.factKind(fact),
        let info = runtime.book.facts.first(where: { $0.name == fact }),
        let value = AnswerReader.read(
          understood, kind: kind, optional: optional, fact: fact, monthEnough: info.month),
        value != .null
      else { return nil }
      do {
        let profile = try runtime.profiles.profile(conversation.citizenID)
        try runtime.profiles.save(
          conversation.citizenID, profile.setting(path: info.keyPath, to: value))
      } catch {
        return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
      }
      conversation.lastSaved = saved
      var reply =
        topic.map { answer($0, frame: frame, &conversation, asOf: asOf) } ?? Reply(paragraphs: [])
      reply.prepend(
        runtime.answers.say("corrected", ["label": .text(info.label ?? fact)]))
      return reply
    }
  }
}
