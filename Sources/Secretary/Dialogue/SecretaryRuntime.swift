import CivilCalendar
import Diagnostics
import Foundation
import NLU
import RuleLanguage

/// Where the secretary's data lives; every path defaults to the repository's own folders.
public struct SecretaryPaths: Sendable {
  public var rules: String
  public var intents: String
  public var profiles: String
  public var faq: String
  public var data: String
  /// Where the trained intent model is cached; nil keeps it in `data/cache`.
  public var modelCacheDirectory: String?

  public init(
    rules: String = "Rules", intents: String = "Intents", profiles: String = "Corpus/profiles",
    faq: String = "Corpus/faq", data: String = "data", modelCacheDirectory: String? = nil
  ) {
    self.modelCacheDirectory = modelCacheDirectory
    self.rules = rules
    self.intents = intents
    self.profiles = profiles
    self.faq = faq
    self.data = data
  }

  /// The trained intent model, rebuilt whenever `Intents/` changes.
  var modelCache: String {
    let directory = modelCacheDirectory ?? (data as NSString).appendingPathComponent("cache")
    return (directory as NSString).appendingPathComponent("intents.model")
  }
}

/// Everything the secretary knows, loaded once at start and shared by every conversation:
/// the citizen rules (rule book, holidays, profiles), the intent model and replies, the FAQ.
public final class SecretaryRuntime: Sendable {
  public let rules: CitizenRules
  let interpreter: Interpreter
  let intents: IntentCatalog
  let faq: FAQIndex
  /// The one path from subscriptions to notification days: "내 알림", `biseo plan` and
  /// `biseo ical` all read it, so they never disagree.
  let planner: ReminderPlanner
  /// What a question asks about a service (when, how much, …), from `Intents/frames.txt`.
  let frames: QuestionFrames
  /// Words for services their titles do not say, from `Intents/aliases.txt`.
  let aliases: WordAliases
  /// The sentences answers are built from, from `Intents/answers.txt`.
  package let answers: AnswerPhrases
  /// What a line can name, worked out once.
  let subjects: SubjectIndex

  var book: RuleBook { rules.book }
  var calendar: HolidayCalendar { rules.calendar }
  public var profiles: ProfileStore { rules.profiles }

  init(
    rules: CitizenRules, interpreter: Interpreter, intents: IntentCatalog, faq: FAQIndex,
    frames: QuestionFrames, aliases: WordAliases, answers: AnswerPhrases,
    subjects: SubjectIndex? = nil
  ) {
    self.rules = rules
    self.interpreter = interpreter
    self.intents = intents
    self.faq = faq
    self.frames = frames
    self.aliases = aliases
    self.answers = answers
    planner = ReminderPlanner(rules: rules)
    self.subjects = subjects ?? SubjectIndex(book: rules.book, intents: intents)
  }

  /// The same knowledge with profiles kept in another data directory (one per test, or
  /// per tenant), sharing the loaded rule book and model.
  public func withDataDirectory(_ data: String) -> SecretaryRuntime {
    SecretaryRuntime(
      rules: rules.withDataDirectory(data), interpreter: interpreter, intents: intents, faq: faq,
      frames: frames, aliases: aliases, answers: answers, subjects: subjects)
  }

  /// Loads and checks everything; any error in rules, intents, profiles or the FAQ rejects the
  /// whole load, and the report renders every diagnostic with its source line.
  public static func load(_ paths: SecretaryPaths) -> (runtime: SecretaryRuntime?, report: String) {
    let (rules, rulesReport) = CitizenRules.load(
      rules: paths.rules, profiles: paths.profiles, data: paths.data)
    var report = rulesReport
    var failed = rules == nil

    let loaded = IntentLoader.load(directory: paths.intents)
    report += loaded.renderedDiagnostics
    if loaded.diagnostics.hasErrors || loaded.catalog.intents.isEmpty { failed = true }
    if let rules {
      let problems = ReplyCheck.problems(
        in: loaded.catalog, book: rules.book, folder: paths.intents)
      report += problems.map { DiagnosticRenderer().render($0) }.joined()
      if problems.hasErrors { failed = true }
    }

    let framesPath = (paths.intents as NSString).appendingPathComponent("frames.txt")
    let (frames, frameProblems) = QuestionFrames.load(path: framesPath)
    report += frameProblems.map { DiagnosticRenderer().render($0) }.joined()
    if frameProblems.hasErrors { failed = true }
    let aliasPath = (paths.intents as NSString).appendingPathComponent("aliases.txt")
    let (aliases, aliasProblems) = WordAliases.load(path: aliasPath)
    report += aliasProblems.map { DiagnosticRenderer().render($0) }.joined()
    if aliasProblems.hasErrors { failed = true }
    let answersPath = (paths.intents as NSString).appendingPathComponent("answers.txt")
    let (answers, answerProblems) = AnswerPhrases.load(path: answersPath)
    report += answerProblems.map { DiagnosticRenderer().render($0) }.joined()
    if answerProblems.hasErrors { failed = true }

    let (faq, faqProblems) = FAQIndex.load(directory: paths.faq)
    report += faqProblems.map { DiagnosticRenderer().render($0) }.joined()
    if faqProblems.hasErrors { failed = true }

    guard !failed, let rules else { return (nil, report) }
    let (model, _) = IntentModel.loadOrTrain(
      loaded.catalog.labeledExamples, cachePath: paths.modelCache)
    let runtime = SecretaryRuntime(
      rules: rules, interpreter: Interpreter(model: model), intents: loaded.catalog, faq: faq,
      frames: frames, aliases: aliases, answers: answers)
    return (runtime, report)
  }
}
