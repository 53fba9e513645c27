import CivilCalendar
import NLU
import RuleLanguage

extension DialogueManager {
  /// The one person of several in the citizen's lists (their children) that the line names,
  /// by full name or, as a parent says it, by given name ("서아 다음 접종", "도윤이는"), as
  /// the full name; nil when it names none or more than one.
  func personNamed(in line: String, citizenID: String) -> String? {
    guard let profile = try? runtime.profiles.profile(citizenID) else { return nil }
    var found: [String] = []
    for (fact, key) in namedLists() {
      let items = profile.value(at: fact.keyPath).arrayItems
      // With one child, every answer is already about that child.
      guard items.count >= 2 else { continue }
      for item in items {
        guard let name = item[key]?.stringValue?.unspaced, name.count >= 2 else { continue }
        let given = name.count == 3 ? String(name.dropFirst()) : name
        if Self.says(name: name, in: line) || Self.says(name: given, in: line) {
          found.append(name)
        }
      }
    }
    return found.count == 1 ? found[0] : nil
  }

  /// The answer about one person of several ("서아 다음 접종 뭐야?").
  ///
  /// Asked of a copy of the profile whose list holds that person alone, never saved. Only the
  /// rules whose answer changes with that are answered (the mother's own flu shot does not);
  /// nil when none does.
  func answer(
    of person: String, _ topic: Topic, frame: QuestionFrame, question: String,
    _ conversation: inout Conversation, asOf: CivilDate
  ) -> Reply? {
    let citizenID = conversation.citizenID
    guard let profile = try? runtime.profiles.profile(citizenID),
      let full = evaluate(citizenID, asOf: asOf)
    else { return nil }
    var copy = profile
    for (fact, key) in namedLists() {
      let items = profile.value(at: fact.keyPath).arrayItems
      let theirs = items.filter { $0[key]?.stringValue?.unspaced == person }
      if !theirs.isEmpty { copy = copy.setting(path: fact.keyPath, to: .array(theirs)) }
    }
    let evaluation = runtime.rules.evaluate(profile: copy, asOf: asOf)
    let asked = (topic.named.isEmpty ? topic.rules : topic.named).filter { name in
      guard let theirs = evaluation.rule(name), let all = full.rule(name) else { return false }
      let outputs = runtime.book.outputs(ofRule: name).map(\.name)
      return theirs.status != all.status || theirs.reminders != all.reminders
        || outputs.contains { evaluation.output($0) != full.output($0) }
    }
    guard !asked.isEmpty else { return nil }
    var paragraphs: [[ReplySegment]] = []
    for name in asked {
      guard var result = evaluation.rule(name) else { continue }
      var later: (day: CivilDate, reminders: [Reminder])?
      let open = result.reminders.contains { $0.end >= asOf }
      if case .fails = result.status {
        result.trace = runtime.rules.trace(profile: copy, rule: name, asOf: asOf)
        later = runtime.rules.nextHolding(profile: copy, rules: [name], after: asOf)[name]
      } else if case .holds = result.status, !result.reminders.isEmpty, !open {
        later = runtime.rules.nextHolding(profile: copy, rules: [name], after: asOf)[name]
      }
      let told = describe(
        result, frame: frame, later: later, evaluation: evaluation, question: question,
        asOf: asOf)
      paragraphs += retold(
        told, result, later: later, frame: frame, question: question, &conversation, asOf: asOf)
    }
    // "지금은 접종 시기 사이예요" says nobody's name: whose answer it is leads.
    if !paragraphs.contains(where: { TextRenderer.paragraph($0).unspaced.contains(person) }) {
      paragraphs.insert(runtime.answers.say("of_person", ["name": .text(person)]), at: 0)
    }
    return Reply(paragraphs: paragraphs)
  }

  /// The list facts whose records have a name, with that field's key.
  private func namedLists() -> [(fact: FactInfo, key: String)] {
    runtime.book.facts.compactMap { fact in
      runtime.book.fieldKey(ofFact: fact.name, field: "name").map { (fact, $0) }
    }
  }

  /// Whether `name` stands in the line as a word: at a word's start, and followed by nothing,
  /// a particle or the vocative ("서아는", "도윤이"), not inside another ("지원금" is no 지원).
  static func says(name: String, in line: String) -> Bool {
    var rest = Substring(line)
    while let range = rest.range(of: name) {
      let before =
        range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
      let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
      let starts = before.map { !$0.isHangulSyllable } ?? true
      let ends =
        after.map { !$0.isHangulSyllable || particleStarts.contains($0) || "아야".contains($0) }
        ?? true
      if starts && ends { return true }
      rest = line[range.upperBound...]
    }
    return false
  }
}

extension DialogueManager {
  /// "이름은 하준이에요" after a birth was told in the conversation: the baby's name, kept on
  /// the newest child that has none; "제 이름은…" stays the citizen's.
  func childName(_ understood: Interpretation, _ conversation: inout Conversation) -> Reply? {
    let text = understood.text.unspaced
    guard
      !AnswerReader.selfWords.contains(where: text.hasPrefix) && !text.contains("제이름")
        && !text.contains("내이름"),
      let name = AnswerReader.introducedName(in: understood, nameless: false),
      var profile = try? runtime.profiles.profile(conversation.citizenID)
    else { return nil }
    for event in conversation.recordedEvents.keys.sorted() {
      guard let intake = LifeEventIntake(event: event, book: runtime.book) else { continue }
      for write in intake.spec.writes where write.appends {
        guard let fact = runtime.book.facts.first(where: { $0.keyPath == write.keyPath }),
          let key = runtime.book.fieldKey(ofFact: fact.name, field: "name")
        else { continue }
        var items = profile.value(at: write.keyPath).arrayItems
        guard let last = items.indices.last, items[last][key] == nil else { continue }
        items[last] = items[last].setting(key, to: .string(name))
        profile = profile.setting(path: write.keyPath, to: .array(items))
        do {
          try runtime.profiles.save(conversation.citizenID, profile)
        } catch {
          return runtime.answers.reply("save_failed", ["error": .text("\(error)")])
        }
        return runtime.answers.reply("recorded_child_name", ["name": .text(name)])
      }
    }
    return nil
  }
}
