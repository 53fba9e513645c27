import CivilCalendar
import RuleLanguage

extension DialogueManager {
  /// One rule's answer as a card: the sentences `describe` said, with the verdict, window,
  /// amount and place a page, KakaoTalk or a speaker shows its own way.
  ///
  /// The place line ("바로가기: …") is added the first time the conversation meets a place to
  /// act on a service that applies: said once (복지로 for three benefits after a birth), it
  /// would only lengthen every later answer.
  func card(
    _ result: RuleResult, sentences: [[ReplySegment]],
    later: (day: CivilDate, reminders: [Reminder])?, possible: Bool, evaluation: Evaluation,
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> ServiceCard {
    let current = result.reminders.filter { $0.end >= asOf }
    let next = later.flatMap { later in
      later.reminders.filter { $0.end >= later.day }.min { $0.start < $1.start }
    }
    let verdict: ServiceCard.Verdict
    var window: ClosedRange<CivilDate>?
    switch result.status {
    case .holds where later == nil || !current.isEmpty:
      verdict = .applies
      window = current.min { $0.end < $1.end }.map { $0.start...$0.end }
    case .holds, .fails:
      verdict = later != nil || possible ? .later : .notApplicable
      window = next.map { $0.start...$0.end }
    case .unknown, .fault:
      verdict = .undecided
    }
    let amount = runtime.book.outputs(ofRule: result.name).lazy.compactMap { output -> Int? in
      guard output.isMoney, output.label != nil,
        case .int(let won)? = evaluation.output(output.name)
      else { return nil }
      return won
    }.first
    let place = runtime.place(ofRule: result.name).map {
      ServiceCard.Place(title: $0.title, url: $0.url, phone: $0.phone)
    }
    var placeLine: [ReplySegment]?
    if let place, verdict == .applies, conversation.placesShown.insert(place.url).inserted {
      var values: [String: TemplateValue] = ["place": .link(title: place.title, url: place.url)]
      values["phone"] = place.phone.map(TemplateValue.telephone)
      placeLine = runtime.answers.say(
        place.phone == nil ? "place_line" : "place_line_phone", values)
    }
    return ServiceCard(
      rule: result.name, title: result.title ?? result.name, verdict: verdict, window: window,
      amount: amount, place: place, sentences: sentences, placeLine: placeLine)
  }
}
