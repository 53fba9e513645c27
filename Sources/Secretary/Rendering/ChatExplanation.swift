import Hangul
import RuleLanguage

/// "왜?" for a citizen: each decision, its reason in plain words (the rule's `because`) or
/// else the facts it rested on by their Korean names, and the law it follows. (The auditor's
/// full trace is `biseo explain`.)
struct ChatExplanation {
  let book: RuleBook
  let answers: AnswerPhrases

  /// - Parameter reasons: for a rule, what decided it or what would change it, said right
  ///   after the verdict ("운전면허가 없어서…", "다음 기간은 …").
  func reply(for results: [RuleResult], reasons: [String: [ReplySegment]] = [:]) -> Reply {
    var paragraphs: [[ReplySegment]] = []
    for result in results {
      paragraphs.append(verdict(result))
      let because = result.trace?.reason
      if let because { paragraphs.append([.text(because)]) }
      if let reason = reasons[result.name] { paragraphs.append(reason) }
      if let trace = result.trace, because == nil {
        let used = trace.facts.compactMap(describeFact)
        if !used.isEmpty {
          paragraphs.append(
            answers.say("explain_used", ["facts": .text(used.joined(separator: ", "))]))
        }
      }
      if let source = result.source.map(DialogueManager.citizenSource), !source.isEmpty {
        paragraphs.append([.citation(source)])
      }
    }
    return Reply(paragraphs: paragraphs)
  }

  private func verdict(_ result: RuleResult) -> [ReplySegment] {
    let title = TemplateValue.text("「\(result.title ?? result.name)」")
    switch result.status {
    case .holds: return answers.say("explain_holds", ["title": title])
    case .fails: return answers.say("explain_fails", ["title": title])
    case .unknown(let missing):
      let names = missing.map(label).joined(separator: ", ")
      return answers.say("explain_undecided", ["title": title, "facts": .text(names)])
    case .fault(let fault):
      return answers.say("explain_fault", ["title": title, "message": .text(fault.message)])
    }
  }

  /// "생년월일 1990년 5월 1일"; facts not known are left out.
  private func describeFact(_ item: Trace.Item) -> String? {
    var value: String
    switch item.value {
    case .unknown: return nil
    // Lists and records are summarized: a citizen knows their own cars and children.
    case .list(let items):
      value =
        items.isEmpty
        ? answers.text("fact_none")
        : answers.text("fact_count", ["count": .text(String(items.count))])
    case .record: value = answers.text("fact_present")
    default: value = Korean.value(item.value, money: item.isMoney)
    }
    if case .text(let raw) = item.value,
      case .choice(let choices)? = book.factKind(item.name)?.kind,
      let choice = choices.first(where: { $0.json == raw || $0.name == raw })
    {
      value = choice.displayName
    }
    return "\(label(item.name)) \(value)"
  }

  private func label(_ fact: String) -> String {
    book.facts.first { $0.name == fact }?.label ?? fact
  }
}
