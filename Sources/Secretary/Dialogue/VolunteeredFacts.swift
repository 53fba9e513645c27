import CivilCalendar
import NLU
import RuleLanguage

extension DialogueManager {
  /// Facts a line gives beyond the one asked, saved so they are never asked.
  ///
  /// "1990-03-02 남자" while the birth date is asked also says the sex. Only the topic's other
  /// missing facts count, and only choices named by a word of two letters or more: a line is
  /// never stretched to fit a fact.
  ///
  /// - Returns: the labels of the facts saved, in the order they were read.
  func keepVolunteered(
    _ understood: Interpretation, besides asked: String, topic: Topic,
    _ conversation: Conversation, asOf: CivilDate
  ) -> [String] {
    guard let evaluation = evaluate(conversation.citizenID, asOf: asOf) else { return [] }
    var missing: [String] = []
    for rule in topic.rules {
      guard case .unknown(let facts)? = evaluation.rule(rule)?.status else { continue }
      missing += facts.filter { $0 != asked && !missing.contains($0) }
    }
    var kept: [String] = []
    // A date long past in a line that asks ("1990-03-02 남자인데 민방위 대상이야?") is the birth
    // date the rules are missing; any nearer date could be anything (a move, a due date).
    let dates = understood.entities.filter { $0.kind == .date }.compactMap {
      CivilDate(iso: $0.value)
    }
    if asked.isEmpty, missing.contains("birth_date"), dates.count == 1, let born = dates.first,
      born <= asOf.adding(days: -14 * 365),
      let info = runtime.book.facts.first(where: { $0.name == "birth_date" })
    {
      do {
        let profile = try runtime.profiles.profile(conversation.citizenID)
        try runtime.profiles.save(
          conversation.citizenID, profile.setting(path: info.keyPath, to: .string(born.description))
        )
        kept.append(info.label ?? "birth_date")
      } catch {}
    }
    // "2017년 2월에 전역했어" while the nationality is asked: a date the line ties to a
    // missing date fact by its label's word (전역일 → 전역).
    if dates.count <= 1, let said = understood.entities.first(where: { $0.kind == .date }) {
      for fact in missing where fact != "birth_date" {
        guard case .date? = runtime.book.factKind(fact)?.kind,
          let info = runtime.book.facts.first(where: { $0.name == fact }),
          let label = info.label, label.hasSuffix("일"), label.count >= 3,
          understood.text.unspaced.contains(String(label.dropLast()).unspaced),
          let day = AnswerReader.day(said.value, monthEnough: info.month),
          !info.past || day <= asOf
        else { continue }
        do {
          let profile = try runtime.profiles.profile(conversation.citizenID)
          try runtime.profiles.save(
            conversation.citizenID,
            profile.setting(path: info.keyPath, to: .string(day.description)))
          kept.append(label)
        } catch {}
        break
      }
    }
    for fact in missing where isAskable(fact, in: conversation) {
      guard case .choice(let choices)? = runtime.book.factKind(fact)?.kind,
        let info = runtime.book.facts.first(where: { $0.name == fact })
      else { continue }
      let tied = AnswerReader.candidates(understood.text, among: choices)
      guard tied.count == 1, Self.namesLongly(tied[0], in: understood.text) else { continue }
      do {
        let profile = try runtime.profiles.profile(conversation.citizenID)
        try runtime.profiles.save(
          conversation.citizenID, profile.setting(path: info.keyPath, to: .string(tied[0].json)))
        kept.append(info.label ?? fact)
      } catch {
        continue
      }
    }
    return kept
  }

  /// Whether the choice is named by a word of two letters or more: "남자" names M, a stray
  /// "남" inside "남편" does not.
  static func namesLongly(_ choice: FactChoice, in text: String) -> Bool {
    let answer = text.unspaced
    let names = (choice.label ?? "").split(separator: "·").map(String.init) + [choice.name]
    return names.contains { $0.count >= 2 && answer.contains($0) }
  }
}
