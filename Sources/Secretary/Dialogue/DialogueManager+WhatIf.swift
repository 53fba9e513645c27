import CivilCalendar
import NLU
import RuleLanguage

extension DialogueManager {
  /// "둘째도?", "셋째면 얼마야?": the last answer again, as if the newest child were born in
  /// that place — asked of a changed copy of the profile, never saved.
  func whatIfChildOrder(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    guard let topic = conversation.topic,
      let ordinal = understood.entities.first(where: { $0.kind == .ordinal }),
      let order = Int(ordinal.value),
      // "둘째도?", "셋째면 얼마야?" — not "둘째 영유아검진은 언제?", which asks of that child.
      understood.text.replacingOccurrences(of: ordinal.text, with: "")
        .filter(\.isHangulSyllable).count <= 5,
      let info = runtime.book.facts.first(where: { $0.name == "children" }),
      let orderKey = runtime.book.fieldKey(ofFact: info.name, field: "order"),
      let birthKey = runtime.book.fieldKey(ofFact: info.name, field: "birth"),
      let profile = try? runtime.profiles.profile(conversation.citizenID)
    else { return nil }
    var children = profile.value(at: info.keyPath).arrayItems
    let births = children.map { $0[birthKey]?.stringValue ?? "" }
    guard let newest = births.indices.max(by: { births[$0] < births[$1] }) else { return nil }
    // "첫째는요?" of a mother of two asks of the elder child she has, not of a what-if.
    let byAge = births.indices.sorted { births[$0] < births[$1] }
    let existing =
      children.indices.first { children[$0][orderKey]?.stringValue == String(order) }
      ?? (order <= byAge.count ? byAge[order - 1] : nil)
    var header = runtime.answers.say("what_if_order", ["ordinal": .text(ordinal.text)])
    if children.count >= 2, let existing {
      let nameKey = runtime.book.fieldKey(ofFact: info.name, field: "name")
      let name = nameKey.flatMap { children[existing][$0]?.stringValue } ?? "아이"
      header = runtime.answers.say(
        "of_child", ["ordinal": .text(ordinal.text), "name": .text(name)])
      children = [children[existing]]
    } else {
      children[newest] = children[newest].setting(orderKey, to: .number(String(order)))
    }
    let evaluation = runtime.rules.evaluate(
      profile: profile.setting(path: info.keyPath, to: .array(children)), asOf: asOf)
    // Only what reads the children: 첫만남이용권 changes with the order, a check-up does not.
    let asked = topic.named.isEmpty ? topic.rules : topic.named
    let results = asked.compactMap { evaluation.rule($0) }.filter {
      if case .holds = $0.status { true } else { false }
    }
    guard !results.isEmpty else { return nil }
    var paragraphs = [header]
    for result in results {
      paragraphs += describe(
        result, frame: conversation.lastFrame, later: nil,
        evaluation: evaluation, asOf: asOf)
    }
    return Reply(paragraphs: paragraphs)
  }

  /// "남편은 1950년생인데 언제부터?", "60년생이면?": the last subject for someone else.
  ///
  /// Asked of the citizen's profile with that birth year and no name (the messages then
  /// address nobody), never saved. The day is 1 July: rules counting 연 나이 need only the
  /// year, and a 만 나이 moves by months either way.
  func whatIfBirthYear(
    _ understood: Interpretation, _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    let text = understood.text
    guard let topic = conversation.topic,
      let entity = understood.entities.first(where: { $0.kind == .birthYear }),
      let year = Int(entity.value),
      Self.otherPeople.contains(where: text.contains)
        || Self.supposing.contains(where: text.unspaced.contains),
      let birth = runtime.book.facts.first(where: { $0.name == "birth_date" }),
      let profile = try? runtime.profiles.profile(conversation.citizenID)
    else { return nil }
    var copy = profile.setting(path: birth.keyPath, to: .string("\(year)-07-01"))
    if let name = runtime.book.facts.first(where: { $0.name == "name" }) {
      copy = copy.setting(path: name.keyPath, to: .null)
    }
    let evaluation = runtime.rules.evaluate(profile: copy, asOf: asOf)
    let asked = (topic.named.isEmpty ? topic.rules : topic.named).compactMap {
      evaluation.rule($0)
    }
    // What applies to them; when nothing does, the rules asked about, each with its "no".
    let holding = asked.filter { if case .holds = $0.status { true } else { false } }
    let results = holding.isEmpty ? asked : holding
    guard !results.isEmpty else { return nil }
    let frame =
      runtime.frames.asksFrame(text) ? runtime.frames.frame(of: text) : conversation.lastFrame
    var paragraphs = [runtime.answers.say("what_if_born", ["year": .text(String(year))])]
    for result in results {
      paragraphs += describe(
        result, frame: frame, later: nil, evaluation: evaluation, question: text, asOf: asOf)
    }
    return Reply(paragraphs: paragraphs)
  }

  /// The answer for the usual case, saying what it supposes and asking whether any of it is so.
  ///
  /// For "민방위 몇 시간이야?" from someone whose student status, exempt occupation and
  /// disability are not known: given when every missing fact is `rare` and the rule holds with each none (an
  /// optional fact) or no (a yes/no fact) and has a window open or to come. Nil when a missing
  /// fact is not rare (a discharge date, a nationality), or the rule would still not hold.
  func supposedAnswer(
    _ result: RuleResult, missing: [String], frame: QuestionFrame, question: String,
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> [[ReplySegment]]? {
    guard !missing.isEmpty, let profile = try? runtime.profiles.profile(conversation.citizenID),
      let usual = supposing(missing, in: profile)
    else { return nil }
    let evaluation = runtime.rules.evaluate(profile: usual, asOf: asOf)
    guard let supposed = evaluation.rule(result.name), case .holds = supposed.status else {
      return nil
    }
    // A window closed (민방위 in December): the next one, for the supposed profile too.
    var later: (day: CivilDate, reminders: [Reminder])?
    if !supposed.reminders.isEmpty, !supposed.reminders.contains(where: { $0.end >= asOf }) {
      later =
        runtime.rules.nextHolding(profile: usual, rules: [result.name], after: asOf)[
          result.name]
      guard later != nil else { return nil }
    }
    // The answer first, then what it supposes: a speaker says the answer within its budget.
    let told = describe(
      supposed, frame: frame, later: later, evaluation: evaluation, question: question,
      asOf: asOf)
    return retold(
      told, supposed, later: later, frame: frame, question: question, &conversation, asOf: asOf)
      + [supposedQuestion(missing)]
  }

  /// "민방위 제외 직군, 대학 재학에 해당하지 않으신다고 보고 말씀드렸어요. 이 중 해당하는 게
  /// 있으신가요?"
  func supposedQuestion(_ facts: [String]) -> [ReplySegment] {
    let labels = facts.map { fact in runtime.book.facts.first { $0.name == fact }?.label ?? fact }
    return runtime.answers.say("supposed", ["labels": .text(labels.joined(separator: ", "))])
  }

  /// `profile` with each of `facts` none or no; nil when one is not `rare`.
  func supposing(_ facts: [String], in profile: JSONValue) -> JSONValue? {
    var profile = profile
    for fact in facts {
      guard let (kind, optional) = runtime.book.factKind(fact),
        let info = runtime.book.facts.first(where: { $0.name == fact }), info.rare
      else { return nil }
      if optional {
        profile = profile.setting(path: info.keyPath, to: .null)
      } else if kind == .bool {
        profile = profile.setting(path: info.keyPath, to: .bool(false))
      } else {
        return nil
      }
    }
    return profile
  }

  /// The answer to "이 중 해당하는 게 있으신가요?": "없어요" saves the usual case and answers
  /// the subject for real (its reminder can be offered now); "있어요" asks each in turn.
  func answerSupposed(
    _ pending: PendingQuestion, facts: [String], _ understood: Interpretation,
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    guard
      let said = AnswerReader.read(understood, kind: .bool, optional: true, fact: pending.fact)
    else { return nil }
    conversation.pending = nil
    guard said == .bool(true) else {
      do {
        let profile = try runtime.profiles.profile(conversation.citizenID)
        guard let usual = supposing(facts, in: profile) else { return nil }
        try runtime.profiles.save(conversation.citizenID, usual)
      } catch {
        return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
      }
      guard let topic = pending.topic else { return runtime.answers.reply("thanks_for_answer") }
      return answer(topic, frame: pending.frame, &conversation, asOf: asOf)
    }
    guard let first = facts.first else { return nil }
    conversation.pending = PendingQuestion(fact: first, topic: pending.topic, frame: pending.frame)
    return question(for: first, topic: pending.topic)
  }
}
