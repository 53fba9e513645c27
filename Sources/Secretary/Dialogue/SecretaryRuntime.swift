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

  /// The one-off holiday file inside the rule folder.
  var oneOffHolidays: String {
    (rules as NSString).appendingPathComponent("calendar/one-off-holidays.txt")
  }
  /// The trained intent model, rebuilt whenever `Intents/` changes.
  var modelCache: String {
    let directory = modelCacheDirectory ?? (data as NSString).appendingPathComponent("cache")
    return (directory as NSString).appendingPathComponent("intents.model")
  }
}

/// Everything the secretary knows, loaded once at start and shared by every conversation:
/// the rule book, the holiday calendar, the intent model, the intents' replies, the profiles.
public final class SecretaryRuntime: Sendable {
  let book: RuleBook
  let calendar: HolidayCalendar
  let interpreter: Interpreter
  let intents: IntentCatalog
  public let profiles: ProfileStore
  let faq: FAQIndex

  init(
    book: RuleBook, calendar: HolidayCalendar, interpreter: Interpreter, intents: IntentCatalog,
    profiles: ProfileStore, faq: FAQIndex
  ) {
    self.book = book
    self.calendar = calendar
    self.interpreter = interpreter
    self.intents = intents
    self.profiles = profiles
    self.faq = faq
  }

  /// The same knowledge with profiles kept in another data directory (one per test, or
  /// per tenant), sharing the loaded rule book and model.
  public func withDataDirectory(_ data: String) -> SecretaryRuntime {
    SecretaryRuntime(
      book: book, calendar: calendar, interpreter: interpreter, intents: intents,
      profiles: ProfileStore(demoDirectory: profiles.demoDirectory, dataDirectory: data), faq: faq)
  }

  /// Loads and checks everything; any error in rules, intents, profiles or the FAQ rejects the
  /// whole load, and the report renders every diagnostic with its source line.
  public static func load(_ paths: SecretaryPaths) -> (runtime: SecretaryRuntime?, report: String) {
    var report = ""
    var failed = false

    var oneOffs: [Holiday] = []
    if let text = try? String(contentsOfFile: paths.oneOffHolidays, encoding: .utf8) {
      let file = OneOffHolidayFile.parse(text, path: paths.oneOffHolidays)
      oneOffs = file.holidays
      if file.diagnostics.hasErrors { failed = true }
      report += DiagnosticRenderer(sources: [paths.oneOffHolidays: text]).render(file.diagnostics)
    }
    let calendar = HolidayCalendar(oneOffs: oneOffs)

    let (book, ruleDiagnostics) = RuleBook.load(paths: [paths.rules])
    if let book {
      report += book.render(ruleDiagnostics)
    } else {
      failed = true
      let (text, _, _) = RuleBook.check(paths: [paths.rules])
      report += text
    }

    let loaded = IntentLoader.load(directory: paths.intents)
    report += loaded.renderedDiagnostics
    if loaded.diagnostics.hasErrors || loaded.catalog.intents.isEmpty { failed = true }

    let profiles = ProfileStore(demoDirectory: paths.profiles, dataDirectory: paths.data)
    let profileProblems = profiles.validate()
    report += DiagnosticRenderer().render(profileProblems)
    if profileProblems.hasErrors { failed = true }

    let (faq, faqProblems) = FAQIndex.load(directory: paths.faq)
    report += faqProblems.map { DiagnosticRenderer().render($0) }.joined()
    if faqProblems.hasErrors { failed = true }

    guard !failed, let book else { return (nil, report) }
    let (model, _) = IntentModel.loadOrTrain(
      loaded.catalog.labeledExamples, cachePath: paths.modelCache)
    let runtime = SecretaryRuntime(
      book: book, calendar: calendar, interpreter: Interpreter(model: model),
      intents: loaded.catalog, profiles: profiles, faq: faq)
    return (runtime, report)
  }
}
