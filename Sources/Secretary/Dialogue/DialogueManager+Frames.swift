import CivilCalendar
import Hangul
import RuleLanguage

extension DialogueManager {
  /// One rule's result as paragraphs, in the frame the question asked.
  ///
  /// Holding: for "얼마", the rule's money outputs by their labels and the law behind them;
  /// then each current window (one that closed before `asOf` is left out, one that opens later
  /// says from when). Not holding: when it next will (`later`), or plainly no.
  func describe(
    _ result: RuleResult, frame: QuestionFrame, later: (day: CivilDate, reminders: [Reminder])?,
    possible: (day: CivilDate, missing: [String])? = nil, evaluation: Evaluation,
    question: String = "", asOf: CivilDate
  ) -> [[ReplySegment]] {
    let title = result.title ?? result.name
    // What applies but is asked of the next time: its window has closed (민방위 in December),
    // or the question was "내년엔?". The caller passes `later` for a holding rule only then.
    if case .holds = result.status, let later {
      if let window = later.reminders.filter({ $0.end >= later.day }).min(by: {
        $0.start < $1.start
      }) {
        let values: [String: TemplateValue] = [
          "title": .text(title), "start": .date(window.start), "end": .date(window.end),
        ]
        // Next time's notice says what that time holds ("2027년 민방위 2년차 … 4시간").
        return [runtime.answers.say("next_window_again", values), [.text(window.message)]]
      }
    }
    switch result.status {
    case .holds:
      let current = asked(result.reminders.filter { $0.end >= asOf }, by: question)
      // A message that names its amount ("약 10,640원을 아낄 수 있습니다") already answers;
      // otherwise the day or amount the question names leads ("서류는 언제까지?").
      let amountSaid = current.contains { Self.namesAmount($0.message) }
      var paragraphs =
        frame == .amount && amountSaid
        ? [] : namedOutputs(of: result, frame: frame, question: question, evaluation: evaluation)
      if frame == .amount, paragraphs.isEmpty, !amountSaid {
        paragraphs +=
          amounts(of: result, evaluation: evaluation)
          ?? [runtime.answers.say("no_amount", ["title": .text(title)])]
      }
      if current.isEmpty, paragraphs.isEmpty {
        // Nothing to do by a date: what it gives is the answer ("아동수당 월 지급액: 100,000원"),
        // and the days it rests on (an inspection overdue since its expiry).
        paragraphs.append(runtime.answers.say("applies", ["title": .text(title)]))
        for output in runtime.book.outputs(ofRule: result.name) where output.isDate {
          guard let label = output.label, case .date(let day)? = evaluation.output(output.name)
          else { continue }
          paragraphs.append([.text("\(label): "), .date(day)])
        }
        paragraphs += amounts(of: result, evaluation: evaluation) ?? []
      }
      for reminder in current {
        let values: [String: TemplateValue] = [
          "message": .text(reminder.message), "start": .date(reminder.start),
          "end": .date(reminder.end), "from": .text(Self.shortDay(reminder.start, asOf: asOf)),
        ]
        paragraphs.append(
          runtime.answers.say(reminder.start > asOf ? "window_later" : "window", values))
      }
      // "암검진 올해 대상이에요?": which of the things it decides apply (위암, 대장암, 폐암).
      let chosen = runtime.book.outputs(ofRule: result.name).filter { output in
        !output.isMoney && !output.isDate && output.label != nil
          && evaluation.output(output.name) == .bool(true)
      }.compactMap(\.label)
      if !chosen.isEmpty, frame == .eligibility || frame == .when {
        paragraphs.append(
          runtime.answers.say("choices_apply", ["labels": .text(chosen.joined(separator: ", "))]))
      }
      return paragraphs
    case .fails:
      // The rule's own reason, after the title unless it names the service itself, is the
      // answer when no window is near: none, only a possibility, or one decades away (the flu
      // shot at 65).
      let reason = result.trace?.reason.map { reason -> [ReplySegment] in
        reason.contains(title) ? [.text(reason)] : [.text("\(title): \(reason)")]
      }
      if let reason, later.map({ $0.day.year > asOf.year + 1 }) ?? true { return [reason] }
      if later == nil, let possible {
        let values: [String: TemplateValue] = [
          "title": .text(title), "year": .text(String(possible.day.year)),
          "facts": .text(factLabels(possible.missing)),
        ]
        return [runtime.answers.say("later_possible", values)]
      }
      guard let later else {
        return [[.text("\(title): ")] + (notApplying(result) ?? runtime.answers.say("not_now"))]
      }
      let upcoming = later.reminders.filter { $0.end >= later.day }.min { $0.start < $1.start }
      guard let window = upcoming else {
        return [
          runtime.answers.say(
            "later_year", ["title": .text(title), "year": .text(String(later.day.year))])
        ]
      }
      // For "얼마", the message of that window names the amount ("자동차세 116,330원"); for
      // "언제", the days that window turns on ("검사 유효기간 만료일").
      let message: [[ReplySegment]] = frame == .amount ? [[.text(window.message)]] : []
      // A reason that says from which day ("유효기간이 2027년 9월 30일까지라 … 2027년 8월 30일부터
      // 받을 수 있어요") leads: a speaker would run out of time before the day that decides it.
      let values: [String: TemplateValue] = [
        "title": .text(title), "start": .date(window.start), "end": .date(window.end),
      ]
      let windowLine = runtime.answers.say(
        frame == .when ? "next_window_when" : "next_window", values)
      let beside =
        frame == .when ? datesBeside(window, of: result.name, evaluation: evaluation) : []
      if let reason, let said = result.trace?.reason,
        said.contains(TextRenderer.text(of: .date(window.start)))
      {
        return [reason, runtime.answers.say("next_window_span", values)] + message + beside
      }
      // Next year's check-up says why not this year ("1989년생이라 … 홀수해에").
      let why = result.trace?.reason.map { [[ReplySegment.text($0)]] } ?? []
      return [windowLine] + why + message + beside
    case .unknown(let missing):
      let needs = missing.compactMap { factAsk($0) }.first ?? runtime.answers.text("needs_more")
      return [runtime.answers.say("undecided", ["title": .text(title), "needs": .text(needs)])]
    case .fault(let fault):
      let place = "\(fault.path):\(fault.line)"
      return [runtime.answers.say("rule_fault", ["title": .text(title), "place": .text(place)])]
    }
  }

  /// The labelled days a rule computes for a later window, besides the window's own first and
  /// last day: "검사 유효기간 만료일: 2027년 2월 27일" beside the inspection's window.
  func datesBeside(_ window: Reminder, of rule: String, evaluation: Evaluation) -> [[ReplySegment]]
  {
    // Another day's evaluation only for a rule that labels a day.
    guard runtime.book.outputs(ofRule: rule).contains(where: { $0.isDate && $0.label != nil }),
      let citizen = evaluation.citizen,
      let later = evaluate(citizen, asOf: max(window.start, evaluation.asOf))
    else { return [] }
    return runtime.book.outputs(ofRule: rule).compactMap { output in
      guard let label = output.label, output.isDate,
        case .date(let day)? = later.output(output.name),
        day != window.start, day != window.end
      else { return nil }
      return [.text("\(label): "), .date(day)]
    }
  }

  /// The reminders a question picks out by a word only some of them say ("상속세는 언제까지야?"
  /// of the four deadlines after a death); all of them when it picks none.
  func asked(_ reminders: [Reminder], by question: String) -> [Reminder] {
    guard reminders.count > 1 else { return reminders }
    // "기한", "언제" say what is asked, not which deadline.
    let frameWords = Set(runtime.frames.frames.flatMap(\.words))
    // One syllable counts when a subject or object particle followed it: "빚이 더 많으면"
    // asks of 빚 ("해야" is no noun).
    var words = TopicFocus.words(of: question).compactMap { word -> String? in
      let stem = Josa.stripped(from: word)
      let noun =
        stem.count == 1 && word.count == 2
        && ["이", "가", "은", "는", "을", "를", "도"].contains(String(word.suffix(1)))
      return stem.count >= 2 || noun ? stem : nil
    }.filter { !frameWords.contains($0) }
    // "9월에도 내야돼?": a month asks the deadline that falls in it.
    words += TopicFocus.words(of: question).compactMap { word in
      let digits = word.prefix { $0.isNumber }
      return !digits.isEmpty && word.dropFirst(digits.count).hasPrefix("월") ? "\(digits)월" : nil
    }
    // Spaces aside: "상속포기" asks the message that says "상속 포기".
    let messages = reminders.map { $0.message.unspaced }
    // The rarest word decides: "상속세 신고는" asks the one message with 상속세, not the
    // three that say 신고.
    let counts = words.map { word in messages.filter { $0.contains(word) }.count }
    let telling = counts.filter { $0 > 0 && $0 < messages.count }.min()
    let decisive = words.indices.filter { counts[$0] == telling }.map { words[$0] }
    let picked = reminders.indices.filter { i in
      decisive.contains { messages[i].contains($0) }
    }.map { reminders[$0] }
    return picked.isEmpty ? reminders : picked
  }

  /// The rules of a life event whose deadlines the line picks by a word they say, when it
  /// picks some, not all ("빚이 더 많으면 어떻게 해?" of the four after a death); nil otherwise.
  func rulesPicked(of topic: Topic, by question: String, citizenID: String, asOf: CivilDate)
    -> [String]?
  {
    // A service named by its title is the title's (`TopicFocus`), not every message's that
    // mentions it ("첫만남이용권은?" is not 출생신고's "첫만남이용권·부모급여도 함께").
    let focus = TopicFocus(rules: topic.rules, title: runtime.book.title(ofRule:))
    guard topic.event != nil, focus.named(in: runtime.aliases.expanded(question)).isEmpty,
      let evaluation = evaluate(citizenID, asOf: asOf)
    else { return nil }
    let results = topic.rules.compactMap { evaluation.rule($0) }
    let reminders = results.flatMap(\.reminders)
    let picked = asked(reminders, by: question)
    guard reminders.count > 1, picked.count < reminders.count else { return nil }
    return results.filter { result in result.reminders.contains { picked.contains($0) } }
      .map(\.name)
  }

  /// "운전면허가 없어서 지금은 해당하지 않아요": the facts the deciding condition read that the
  /// citizen does not have (no licence, no children); without one, nil (the caller points to
  /// "왜?" with `not_now`).
  func notApplying(_ result: RuleResult) -> [ReplySegment]? {
    // Only a fact the deciding condition reads: the condition that failed first.
    let failed = result.trace?.conditions.first { $0.value == .bool(false) }?.text ?? ""
    let read = Set(TopicFocus.words(of: failed.replacingOccurrences(of: "_", with: "")))
    let absent = (result.trace?.facts ?? []).filter { item in
      guard read.contains(item.name.replacingOccurrences(of: "_", with: "")) else { return false }
      switch item.value {
      case .null, .list([]): return true
      default: return false
      }
    }.compactMap { item in runtime.book.facts.first { $0.name == item.name }?.label }
    guard let first = absent.first else { return nil }
    let named = absent.count == 1 ? first : absent.prefix(2).joined(separator: "·")
    return runtime.answers.say("lacks", ["facts": .text(named)])
  }

  /// The criteria a rule's parameters state in their sources ("폐암 54~74세 고위험 흡연자"):
  /// the part after "— " of each source, its certainty mark left out; only those that say
  /// `word` when one is given ("폐암" of "왜 폐암은 안 돼?").
  func criteria(of trace: Trace?, saying word: String? = nil) -> [ReplySegment]? {
    var seen: Set<String> = []
    let stated = (trace?.params ?? []).compactMap { item -> String? in
      // A certainty mark ("[불확실 — …]") is the authors' note, not a criterion.
      guard let note = item.note?.prefix(while: { $0 != "[" }),
        let dash = String(note).range(ofText: "— ")
      else { return nil }
      let text = String(note)[dash.upperBound...].prefix { $0 != ";" }
        .trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty, word.map({ text.contains($0) }) ?? true else { return nil }
      return seen.insert(text).inserted ? text : nil
    }
    guard !stated.isEmpty else { return nil }
    return runtime.answers.say("why_criteria", ["criteria": .text(stated.joined(separator: "; "))])
  }

  /// Facts by their Korean labels, two at most ("소득인정액·배우자 유무").
  func factLabels(_ facts: [String]) -> String {
    facts.prefix(2).map { name in runtime.book.facts.first { $0.name == name }?.label ?? name }
      .joined(separator: "·")
  }

  /// Whether a message names an amount in won ("116,330원"), not 원 inside a word (가구원).
  static func namesAmount(_ message: String) -> Bool {
    // "무료로 받으세요" answers "돈 내야 돼?" as well as an amount would.
    if message.contains("무료") { return true }
    let characters = Array(message)
    return characters.indices.dropFirst().contains { i in
      characters[i] == "원" && characters[i - 1].isNumber
    }
  }

  /// A rule's `source` as a citizen reads it: the laws and notices, without the rule
  /// authors' own references to the domain document ("domain §5.1").
  static func citizenSource(_ source: String) -> String {
    source.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.hasPrefix("domain") }.joined(separator: "; ")
  }

  /// "폐암은?", "위내시경은?": the one screening asked of a rule that decides several.
  ///
  /// 국가 암검진 decides 위·대장·유방·자궁경부·폐 at once; each has a labelled yes-or-no
  /// output. A no this year says the year it will be yes, the rule asked of each 1 January.
  func askedChoices(
    _ result: RuleResult, evaluation: Evaluation, question: String, citizenID: String,
    asOf: CivilDate
  ) -> [[ReplySegment]]? {
    let asked = choicesAsked(of: result.name, evaluation: evaluation, question: question).map(
      \.output)
    guard !asked.isEmpty else { return nil }
    let end = result.reminders.filter { $0.end >= asOf }.map(\.end).min()
    // "국가 암검진 대상 (위·대장·…)" → "국가 암검진": the programme, without what it lists.
    var program = (result.title ?? result.name).components(separatedBy: " (")[0]
    if program.hasSuffix(" 대상") { program = String(program.dropLast(3)) }
    let trace = runtime.rules.trace(citizenID, rule: result.name, asOf: asOf)
    return asked.map { output in
      // What the law asks of this one ("대장암 50세 이상 매년", "폐암 54~74세 고위험 흡연자").
      let key = (output.label ?? "").split(separator: " ").first.map(String.init)
      let stated = criteria(of: trace, saying: key).map { [.text(" ")] + $0 } ?? []
      return choiceSentence(
        output, program: program, end: end, evaluation: evaluation,
        citizenID: citizenID, asOf: asOf) + stated
    }
  }

  /// The yes-or-no outputs of `rule` the question names by the first word of their label
  /// ("대장암은?" → 대장암 검진), with that word.
  func choicesAsked(of rule: String, evaluation: Evaluation, question: String) -> [(
    output: OutputInfo, key: String
  )] {
    let expanded = runtime.aliases.expanded(question).unspaced
    return runtime.book.outputs(ofRule: rule).compactMap { output in
      guard let key = output.label?.split(separator: " ").first.map(String.init),
        case .bool? = evaluation.output(output.name), expanded.contains(key)
      else { return nil }
      return (output, key)
    }
  }

  private func choiceSentence(
    _ output: OutputInfo, program: String, end: CivilDate?, evaluation: Evaluation,
    citizenID: String, asOf: CivilDate
  ) -> [ReplySegment] {
    let label = TemplateValue.text(output.label ?? output.name)
    if case .bool(true)? = evaluation.output(output.name), let end {
      return runtime.answers.say(
        "choice_yes", ["label": label, "program": .text(program), "end": .date(end)])
    }
    // A lifetime: 위암 from 40 is nineteen years off for a student of 21.
    let year = (1...50).lazy.map { asOf.year + $0 }.first { year in
      guard let day = CivilDate(year: year, month: 1, day: 1),
        let later = evaluate(citizenID, asOf: day)
      else { return false }
      return later.output(output.name) == .bool(true)
    }
    guard let year else { return runtime.answers.say("choice_no", ["label": label]) }
    return runtime.answers.say("choice_later", ["label": label, "year": .text(String(year))])
  }

  /// Whether the line names one of the labelled yes-or-no outputs of `rule` ("폐암"), or with
  /// `anyLabel` any labelled output ("과태료" of 검사 지연 과태료).
  func namesChoice(_ said: SaidWords, of rule: String, anyLabel: Bool = false) -> Bool {
    let index = runtime.subjects
    let words = (anyLabel ? index.labelWords[rule] : index.choiceWords[rule]) ?? []
    return words.contains { said.joined.contains($0) }
  }

  /// The frame an output's label asks in: a day asks when, money how much.
  func labelFrame(_ said: SaidWords, of rules: [String]) -> QuestionFrame? {
    for rule in rules {
      for output in runtime.book.outputs(ofRule: rule) {
        guard let label = output.label,
          label.split(separator: " ").contains(where: {
            $0.count >= 2 && said.joined.contains(String($0))
          })
        else { continue }
        if output.isDate { return .when }
        if output.isMoney { return .amount }
      }
    }
    return nil
  }

  /// The labelled days (for "언제") or amounts (for "얼마") the question names by a word of
  /// their label that the service's title does not say: "서류" of the scholarship's "서류
  /// 제출·가구원 동의 마감일", "학기" of its "한 학기 지원액" — not "검사" of a car
  /// inspection, which names the service, not its expiry day.
  func namedOutputs(
    of result: RuleResult, frame: QuestionFrame, question: String, evaluation: Evaluation
  ) -> [[ReplySegment]] {
    guard frame == .when || frame == .amount else { return [] }
    let title = (result.title ?? result.name).unspaced
    // "언제", "얼마" ask; "서류" (a how-word too) names the day.
    let asking = Set(
      runtime.frames.frames.filter { [.when, .length, .deadline, .amount].contains($0.frame) }
        .flatMap(\.words))
    let said = TopicFocus.words(of: question).map { Josa.stripped(from: $0) }.filter {
      $0.count >= 2 && !asking.contains($0) && !title.contains($0)
    }
    guard !said.isEmpty else { return [] }
    var paragraphs: [[ReplySegment]] = []
    for output in runtime.book.outputs(ofRule: result.name) {
      guard let label = output.label, frame == .when ? output.isDate : output.isMoney,
        said.contains(where: label.unspaced.contains)
      else { continue }
      switch evaluation.output(output.name) {
      case .date(let day)?: paragraphs.append([.text("\(label): "), .date(day)])
      case .int(let won)?: paragraphs.append([.text("\(label): "), .amount(won)])
      default: continue
      }
    }
    return paragraphs
  }

  /// "아동수당 월 지급액: 100,000원": what a rule computed for "얼마", and the law it follows.
  ///
  /// One line per labelled money output; a labelled text output says a cost that is no sum
  /// ("암검진 본인 부담: 위암·유방암·폐암은 검사비의 10%…"). Nil when it computed none.
  func amounts(of result: RuleResult, evaluation: Evaluation) -> [[ReplySegment]]? {
    var paragraphs: [[ReplySegment]] = []
    // The same sum twice says nothing new ("1인당" of one child is the month's whole).
    var said: Set<Int> = []
    // Only labelled outputs: an identifier is no answer, and two unlabelled amounts of one
    // rule would read alike.
    for output in runtime.book.outputs(ofRule: result.name) {
      guard let label = output.label else { continue }
      switch evaluation.output(output.name) {
      case .int(let won)? where output.isMoney:
        guard said.insert(won).inserted else { continue }
        paragraphs.append([.text("\(label): "), .amount(won)])
      case .text(let said)? where output.isText: paragraphs.append([.text("\(label): \(said)")])
      default: continue
      }
    }
    guard !paragraphs.isEmpty else { return nil }
    if let source = result.source.map(Self.citizenSource), !source.isEmpty {
      paragraphs.append([.citation(source)])
    }
    return paragraphs
  }
}

extension DialogueManager {
  /// "지금 뭐 해야 돼?": what is open now or opens within a month, the soonest deadline first.
  func agenda(_ conversation: Conversation, asOf: CivilDate) -> Reply {
    guard let evaluation = evaluate(conversation.citizenID, asOf: asOf) else {
      return runtime.answers.reply("unknown_citizen", ["citizen": .text(conversation.citizenID)])
    }
    let soon = asOf.adding(days: 30)
    var due: [(end: CivilDate, title: String, start: CivilDate)] = []
    for result in evaluation.rules {
      guard case .holds = result.status else { continue }
      for reminder in result.reminders where reminder.end >= asOf && reminder.start <= soon {
        due.append((reminder.end, result.title ?? result.name, reminder.start))
      }
    }
    due.sort { ($0.end, $0.title) < ($1.end, $1.title) }
    guard !due.isEmpty else {
      return Reply(
        paragraphs: [runtime.answers.say("agenda_none")],
        quickReplies: [remindersButton("button_reminders")])
    }
    var paragraphs: [[ReplySegment]] = [runtime.answers.say("agenda")]
    for item in due.prefix(5) {
      let values: [String: TemplateValue] = [
        "end": .date(item.end), "title": .text(item.title), "start": .date(item.start),
      ]
      paragraphs.append(
        runtime.answers.say(item.start > asOf ? "agenda_line_later" : "agenda_line", values))
    }
    if due.count > 5 {
      paragraphs.append(runtime.answers.say("more_items", ["count": .text(String(due.count - 5))]))
    }
    return Reply(
      paragraphs: paragraphs,
      quickReplies: [remindersButton("button_reminders")])
  }
}
