import NLU
import RuleLanguage

/// What a line can name, worked out once per rule book rather than on every turn: each
/// intent's topic, each rule's title words, and the words of its outputs' labels.
struct SubjectIndex: Sendable {
  /// Every intent's topic, in the catalog's order.
  let topics: [Topic]
  /// A rule's title words that can name it: two letters or more, not generic (대상, 신청) and
  /// not shared by many titles (검진, 신고).
  let titleWords: [String: [String]]
  /// A rule's full titles, for "is this word in the current subject's titles".
  let titles: [String: String]
  /// The first word of each labelled yes-or-no output ("폐암" of 폐암 검진).
  let choiceWords: [String: [String]]
  /// Every word of every output label ("과태료" of 검사 지연 과태료).
  let labelWords: [String: [String]]

  /// Words many titles share (검진, 검사, 신고): saying one names no service in particular.
  static let sharedTitleWords: Set<String> = ["검진", "건강검진", "검사", "신고", "교육", "접종"]

  init(book: RuleBook, intents: IntentCatalog) {
    let known = Set(book.ruleNames)
    topics = intents.intents.map { definition in
      var names: [String] = []
      var event: String?
      for name in definition.rules {
        if let bundle = book.event(name) {
          event = event ?? name
          names += bundle.rules.filter { !names.contains($0) }
        } else if known.contains(name), !names.contains(name) {
          names.append(name)
        }
      }
      return Topic(intent: definition.name, rules: names, event: event)
    }
    var titleWords: [String: [String]] = [:]
    var titles: [String: String] = [:]
    var choiceWords: [String: [String]] = [:]
    var labelWords: [String: [String]] = [:]
    for rule in book.ruleNames {
      let title = book.title(ofRule: rule)
      titles[rule] = title
      titleWords[rule] = title.split(whereSeparator: { !$0.isLetter }).map(String.init).filter {
        $0.count >= 2 && !TopicFocus.generic.contains($0) && !Self.sharedTitleWords.contains($0)
      }
      for output in book.outputs(ofRule: rule) {
        guard let label = output.label else { continue }
        // "영유아 건강검진은" in a check-up thread names no output by its 검진.
        let words = label.split(separator: " ").map(String.init).filter {
          $0.count >= 2 && !Self.sharedTitleWords.contains($0)
        }
        labelWords[rule, default: []] += words
        if !output.isMoney, !output.isDate, !output.isText,
          let first = label.split(separator: " ").first,
          first.count >= 2
        {
          choiceWords[rule, default: []].append(String(first))
        }
      }
    }
    self.titleWords = titleWords
    self.titles = titles
    self.choiceWords = choiceWords
    self.labelWords = labelWords
  }

  func topic(of intent: String) -> Topic? { topics.first { $0.intent == intent } }
}

/// The words of one line, worked out once for every question asked of them in a turn.
struct SaidWords {
  /// With the aliases' title words added, without spaces.
  let joined: String
  /// Its words, aliases added.
  let tokens: [String]
  /// The question frames' words ("언제", "얼마"), which may follow a service's name.
  let frameWords: [String]

  init(_ text: String, aliases: WordAliases, frames: QuestionFrames) {
    let expanded = aliases.expanded(text)
    joined = expanded.unspaced
    tokens = TopicFocus.words(of: expanded)
    frameWords = frames.frames.flatMap(\.words)
  }
}
