import CivilCalendar
import Foundation
import NLU
import RuleLanguage

extension DialogueManager {
  /// "왜?": the last topic's decisions with their reasons and sources; "왜 28일이야?" about a
  /// deadline the law moved past days off, that move.
  func explain(_ conversation: Conversation, line: String = "", asOf: CivilDate) -> Reply {
    if let moved = movedDeadline(in: line, conversation, asOf: asOf) {
      return Reply(paragraphs: [moved])
    }
    // "여권 알림은 왜 안 오는 거야" with nothing asked before: the service the line names.
    let unasked = Self.whyWords.reduce(line) { $0.replacingOccurrences(of: $1, with: " ") }
    guard let topic = conversation.topic ?? namedTopic(in: unasked, asOf: asOf),
      let evaluation = evaluate(conversation.citizenID, asOf: asOf)
    else { return Reply(phrase("explain_why", "none")) }
    // "대장암은?" then "왜?": that screening's criterion and year, not the programme's reason.
    if let choice = conversation.choiceAsked, TopicFocus.words(of: line).count <= 1 {
      // The rule's reason that names it ("대장암 검진은 50세가 되는 해부터…"), if it has one.
      if let reasons = choiceReasons(
        topic, evaluation: evaluation, question: choice.question,
        citizenID: conversation.citizenID, asOf: asOf)
      {
        return Reply(paragraphs: reasons.map { [.text($0)] })
      }
      let answers = topic.rules.compactMap { evaluation.rule($0) }.compactMap {
        askedChoices(
          $0, evaluation: evaluation, question: choice.question,
          citizenID: conversation.citizenID, asOf: asOf)
      }
      if let sentences = answers.first { return Reply(paragraphs: sentences) }
    }
    let all = topic.rules.compactMap { evaluation.rule($0) }
    var results =
      topic.named.isEmpty
      ? all.filter { topic.mentions($0) } : all.filter { topic.named.contains($0.name) }
    // "왜 12월 14일이야?": the rule whose deadline that is, alone, with what the law counts.
    let said = MovedDeadline.numbers(in: line)
    let dated = results.filter { result in
      result.reminders.contains {
        said.days.contains($0.end.day) && said.months.contains($0.end.month)
      }
    }
    if !dated.isEmpty { results = dated }
    // "왜 그날까지야?": a deadline's why is about the services with a window open.
    if dated.isEmpty, runtime.frames.frame(of: line) == .when {
      let open = results.filter { result in
        guard case .holds = result.status else { return false }
        return result.reminders.contains { $0.end >= asOf }
      }
      if !open.isEmpty { results = open }
    }
    // Traces of the rules explained only, not of the whole book.
    for i in results.indices {
      results[i].trace = runtime.rules.trace(
        conversation.citizenID, rule: results[i].name, asOf: asOf)
    }
    // A "no" says what decided it and, when time will change it, when.
    let failing = results.filter { if case .fails = $0.status { true } else { false } }
    let later = runtime.rules.nextHolding(
      conversation.citizenID, rules: failing.map(\.name), after: asOf)
    let possible = runtime.rules.nextPossible(
      conversation.citizenID, rules: failing.map(\.name), after: asOf)
    var reasons: [String: [ReplySegment]] = [:]
    for result in failing {
      if let next = later[result.name],
        let window = next.reminders.filter({ $0.end >= next.day }).min(by: { $0.start < $1.start })
      {
        reasons[result.name] = runtime.answers.say(
          "why_next", ["start": .date(window.start), "end": .date(window.end)])
      } else if result.trace?.reason != nil {
        // The rule's own reason, which the explanation shows, says it.
      } else if let maybe = possible[result.name] {
        reasons[result.name] = runtime.answers.say(
          "why_possible",
          ["year": .text(String(maybe.day.year)), "facts": .text(factLabels(maybe.missing))])
      } else if let reason = notApplying(result) {
        reasons[result.name] = reason
      }
    }
    for result in results where !dated.isEmpty {
      if let stated = criteria(of: result.trace) { reasons[result.name] = stated }
    }
    return ChatExplanation(book: runtime.book, answers: runtime.answers).reply(
      for: results, reasons: reasons)
  }

  /// The `because` lines of the topic's rules that name the things the question asked of
  /// ("대장암은?" → the line about 대장암), by the first word of each one's label.
  private func choiceReasons(
    _ topic: Topic, evaluation: Evaluation, question: String, citizenID: String,
    asOf: CivilDate
  ) -> [String]? {
    for result in topic.rules.compactMap({ evaluation.rule($0) }) {
      let keys = choicesAsked(of: result.name, evaluation: evaluation, question: question).map(
        \.key)
      guard !keys.isEmpty,
        let trace = runtime.rules.trace(citizenID, rule: result.name, asOf: asOf)
      else { continue }
      let naming = keys.compactMap { key in trace.reasons.first { $0.contains(key) } }
      if !naming.isEmpty { return naming }
    }
    return nil
  }
}
