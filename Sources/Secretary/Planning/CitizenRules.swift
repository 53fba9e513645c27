import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Synchronization

/// The rule book, the holiday calendar and the profiles.
///
/// Everything needed to decide what is due for a citizen. The daemon, `plan` and `ical` load only this; the chat adds the NLU.
public final class CitizenRules: Sendable {
  let book: RuleBook
  let calendar: HolidayCalendar
  public let profiles: ProfileStore
  /// Where reminders may go, and until when (`Rules/channels.txt`).
  public let channels: ChannelCatalog
  /// Where to act on each rule: page, phone and source (`Rules/where-to-act.txt`).
  public let places: ActionPlaces

  /// Rule names and titles (the name when a rule has none), by rule index.
  let ruleNamesByIndex: [String]
  let ruleTitles: [String]
  /// Evaluators the chat and the planner reuse, one row per concurrent caller (making one
  /// allocates its machine's registers, which cost more than an evaluation); shared by the
  /// copies `withDataDirectory` makes, since an evaluator holds no citizen's data.
  let evaluators: EvaluatorPool
  /// Each citizen's decoded facts, kept while their profile is unchanged.
  private let decoded = DecodedFacts(capacity: 10_000)
  /// Each citizen's next windows as of a day, kept while their profile is unchanged: a
  /// conversation asks "언제?" of the same rules again and again.
  private let windows = Mutex(LRUCache<String, NextWindows>(capacity: 10_000))

  /// Each citizen's last evaluation, with what it was made of.
  private let evaluations = Mutex(LRUCache<String, LastEvaluation>(capacity: 1_000))

  struct LastEvaluation: Sendable {
    var profile: JSONValue
    var asOf: CivilDate
    var evaluation: Evaluation
  }

  struct NextWindows: Sendable {
    var profile: JSONValue
    var found: [String: (day: CivilDate, reminders: [Reminder])]
    var possible: [String: (day: CivilDate, missing: [String])]
  }

  init(
    book: RuleBook, calendar: HolidayCalendar, profiles: ProfileStore,
    channels: ChannelCatalog = .empty, places: ActionPlaces = .empty,
    evaluators: EvaluatorPool? = nil
  ) {
    self.book = book
    self.calendar = calendar
    self.profiles = profiles
    self.channels = channels
    self.places = places
    ruleNamesByIndex = book.ruleNames
    ruleTitles = book.ruleNames.map { book.ruleTitle($0) ?? $0 }
    self.evaluators = evaluators ?? EvaluatorPool { book.evaluator(calendar: calendar) }
  }

  /// Loads the rules (with the one-off holidays beside them) and checks the profiles; any
  /// error rejects the load, and the report renders every diagnostic.
  public static func load(rules: String, profiles: String, data: String) -> (
    rules: CitizenRules?, report: String
  ) {
    var report = ""
    var failed = false
    var oneOffs: [Holiday] = []
    let holidayFile = (rules as NSString).appendingPathComponent("calendar/one-off-holidays.txt")
    if let text = try? String(contentsOfFile: holidayFile, encoding: .utf8) {
      let file = OneOffHolidayFile.parse(text, path: holidayFile)
      oneOffs = file.holidays
      if file.diagnostics.hasErrors { failed = true }
      report += DiagnosticRenderer(sources: [holidayFile: text]).render(file.diagnostics)
    }
    let channelFile = (rules as NSString).appendingPathComponent("channels.txt")
    let (channels, channelProblems) = ChannelCatalog.load(path: channelFile)
    report += channelProblems.map { DiagnosticRenderer().render($0) }.joined()
    if channelProblems.hasErrors { failed = true }
    let (book, diagnostics) = RuleBook.load(paths: [rules])
    var places = ActionPlaces.empty
    if let book {
      report += book.render(diagnostics)
      let placeFile = (rules as NSString).appendingPathComponent("where-to-act.txt")
      let loaded = ActionPlaces.load(path: placeFile, ruleNames: Set(book.ruleNames))
      places = loaded.places
      report += loaded.report
      if loaded.diagnostics.hasErrors { failed = true }
    } else {
      failed = true
      report += RuleBook.check(paths: [rules]).report
    }
    let store = ProfileStore(demoDirectory: profiles, dataDirectory: data)
    let problems = store.validate()
    report += DiagnosticRenderer().render(problems)
    if problems.hasErrors { failed = true }
    guard !failed, let book else { return (nil, report) }
    let loaded = CitizenRules(
      book: book, calendar: HolidayCalendar(oneOffs: oneOffs), profiles: store, channels: channels,
      places: places)
    return (loaded, report)
  }

  /// The same rules with profiles kept in another data directory.
  func withDataDirectory(_ data: String) -> CitizenRules {
    CitizenRules(
      book: book, calendar: calendar,
      profiles: ProfileStore(demoDirectory: profiles.demoDirectory, dataDirectory: data),
      channels: channels, places: places, evaluators: evaluators)
  }

  /// A profile file's facts, decoded once for all its evaluations.
  func facts(of json: [UInt8]) -> Profile { book.profile(json: json) }

  /// The trace of one rule for the citizen: why it does or does not apply.
  public func trace(_ citizenID: String, rule: String, asOf: CivilDate) -> Trace? {
    guard let profile = try? profiles.profile(citizenID) else { return nil }
    let facts = decoded.facts(citizenID, profile) { book.profile(json: Array(profile.text.utf8)) }
    return evaluators.with { $0.trace(ofRule: rule, facts, asOf: asOf) }
  }

  /// `trace` of a profile that is not stored (one child of several).
  public func trace(profile: JSONValue, rule: String, asOf: CivilDate) -> Trace? {
    let facts = book.profile(json: Array(profile.text.utf8))
    return evaluators.with { $0.trace(ofRule: rule, facts, asOf: asOf) }
  }

  /// Evaluates every rule for the citizen as of `asOf`; nil when the citizen is unknown.
  ///
  /// The profile is decoded into facts once and kept (bounded) until it changes, and the
  /// evaluator comes from a pool: a chat turn evaluates the same citizen several times.
  public func evaluate(_ citizenID: String, asOf: CivilDate, explain: Bool = false) -> Evaluation? {
    guard let profile = try? profiles.profile(citizenID) else { return nil }
    // A turn asks again and again (the answer, the facts volunteered, what can be reminded):
    // the last evaluation of each citizen is kept while their profile and the day are the same.
    if !explain, let last = evaluations.withLock({ $0.get(citizenID) }), last.asOf == asOf,
      last.profile == profile
    {
      return last.evaluation
    }
    let facts = decoded.facts(citizenID, profile) { book.profile(json: Array(profile.text.utf8)) }
    let evaluation = evaluators.with { $0.evaluate(facts, asOf: asOf, explain: explain) }
    if !explain {
      evaluations.withLock {
        $0.set(citizenID, LastEvaluation(profile: profile, asOf: asOf, evaluation: evaluation))
      }
    }
    return evaluation
  }

  /// The rules' decisions for a profile that is not stored: "둘째라면?" asks of a changed one.
  public func evaluate(profile: JSONValue, asOf: CivilDate) -> Evaluation {
    let facts = book.profile(json: Array(profile.text.utf8))
    return evaluators.with { $0.evaluate(facts, asOf: asOf, explain: false) }
  }

  /// When each of `rules` will next hold with a window open or to come, and its reminders
  /// then, if within twelve years and the citizen's facts stay as they are: for a rule that
  /// does not apply now, or one that does but whose window has closed (민방위 after November),
  /// or, asked from the end of this window, next year's.
  ///
  /// The rules decide "as of" a day, so the future is asked of them directly: the 1st and 16th
  /// of each month for a year, each 1st for the next, then each 1 January (a licence renews
  /// every ten years). One pooled evaluator, and only the rules asked about, for every probe;
  /// the answer is kept until the profile changes.
  public func nextHolding(_ citizenID: String, rules names: [String], after asOf: CivilDate)
    -> [String: (day: CivilDate, reminders: [Reminder])]
  {
    probe(citizenID, rules: names, after: asOf)?.found ?? [:]
  }

  /// For rules that never hold in `nextHolding`'s probes, the first probe day from which they
  /// would depend on facts the profile lacks (기초연금 at 65, once the income is known).
  public func nextPossible(_ citizenID: String, rules names: [String], after asOf: CivilDate)
    -> [String: (day: CivilDate, missing: [String])]
  {
    guard let windows = probe(citizenID, rules: names, after: asOf) else { return [:] }
    return windows.possible.filter { windows.found[$0.key] == nil }
  }

  /// `nextHolding` of a profile that is not stored.
  ///
  /// The usual case supposed for facts the citizen was not asked, or one child of several;
  /// not cached.
  public func nextHolding(profile: JSONValue, rules names: [String], after asOf: CivilDate)
    -> [String: (day: CivilDate, reminders: [Reminder])]
  {
    guard !names.isEmpty else { return [:] }
    let facts = book.profile(json: Array(profile.text.utf8))
    return probe(facts, profile: profile, rules: names, after: asOf).found
  }

  private func probe(_ citizenID: String, rules names: [String], after asOf: CivilDate)
    -> NextWindows?
  {
    guard !names.isEmpty, let profile = try? profiles.profile(citizenID) else { return nil }
    let key = "\(citizenID) \(asOf) \(names.joined(separator: ","))"
    if let known = windows.withLock({ $0.get(key) }), known.profile == profile {
      return known
    }
    let facts = decoded.facts(citizenID, profile) { book.profile(json: Array(profile.text.utf8)) }
    let windows = probe(facts, profile: profile, rules: names, after: asOf)
    self.windows.withLock { $0.set(key, windows) }
    return windows
  }

  private func probe(
    _ facts: Profile, profile: JSONValue, rules names: [String], after asOf: CivilDate
  ) -> NextWindows {
    var waiting = names.compactMap { name in ruleNamesByIndex.firstIndex(of: name) }
    var found: [String: (day: CivilDate, reminders: [Reminder])] = [:]
    var possible: [String: (day: CivilDate, missing: [String])] = [:]
    // The 1st and the 16th of each month for a year: the law's windows open on one or the
    // other (재산세 7.16, 종부세 12.1, 부가세 1.1), and none is shorter than two weeks.
    var probes = (1...24).compactMap { n -> CivilDate? in
      let month = asOf.month + (n + 1) / 2
      return CivilDate(
        year: asOf.year + (month - 1) / 12, month: (month - 1) % 12 + 1, day: n % 2 == 1 ? 1 : 16)
    }
    if asOf.day < 16, let sixteenth = CivilDate(year: asOf.year, month: asOf.month, day: 16) {
      probes.insert(sixteenth, at: 0)
    }
    probes = probes.filter { $0 > asOf }
    let year = asOf.adding(days: 365)
    probes += (1...12).compactMap {
      CivilDate(
        year: year.year + ($0 + year.month - 1) / 12,
        month: ($0 + year.month - 1) % 12 + 1, day: 1)
    }
    // Yearly for twelve: a licence renews every ten years.
    probes += (2...12).compactMap { CivilDate(year: asOf.year + $0, month: 1, day: 1) }
    let january = { (years: Int) in CivilDate(year: asOf.year + years, month: 1, day: 1) }
    evaluators.with { evaluator in
      /// Whether rule `r` holds (with a window to come) or turns undecided on `day`, noting it.
      func probe(_ r: Int, on day: CivilDate) -> Bool {
        let name = ruleNamesByIndex[r]
        guard evaluator.holds(r) else {
          if possible[name] == nil, let missing = evaluator.missingFacts(ofRule: r) {
            possible[name] = (day, missing)
            return true
          }
          return false
        }
        let reminders = evaluator.reminders(ofRule: r)
        // Holding with a window still to come, or holding with no window at all.
        guard reminders.isEmpty || reminders.contains(where: { $0.end >= day }) else {
          return false
        }
        found[name] = (day, reminders)
        return true
      }
      for day in probes where !waiting.isEmpty {
        evaluator.compute(facts, asOf: day, rules: waiting)
        for r in waiting { _ = probe(r, on: day) }
        waiting.removeAll { found[ruleNamesByIndex[$0]] != nil }
      }
      // Beyond, only a threshold of age is left to find (기초연금 at 65): every eighth year
      // to a lifetime, then year by year back from the first that tells.
      waiting.removeAll { possible[ruleNamesByIndex[$0]] != nil }
      var previous = 12
      for step in stride(from: 20, through: 84, by: 8) where !waiting.isEmpty {
        guard let day = january(step) else { continue }
        evaluator.compute(facts, asOf: day, rules: waiting)
        let hits = waiting.filter {
          evaluator.holds($0) || evaluator.missingFacts(ofRule: $0) != nil
        }
        for r in hits {
          for year in (previous + 1)...step {
            guard let day = january(year) else { continue }
            evaluator.compute(facts, asOf: day, rules: [r])
            guard probe(r, on: day) else { continue }
            // Then month by month through the year before: 기초연금 opens in the month
            // before the 65th birthday (July 2057), not on the next 1 January.
            let name = ruleNamesByIndex[r]
            let first = (found[name], possible[name])
            (found[name], possible[name]) = (nil, nil)
            for month in 2...12 {
              guard let earlier = CivilDate(year: asOf.year + year - 1, month: month, day: 1)
              else { continue }
              evaluator.compute(facts, asOf: earlier, rules: [r])
              if probe(r, on: earlier) { break }
            }
            if found[name] == nil, possible[name] == nil {
              (found[name], possible[name]) = first
            }
            break
          }
        }
        waiting.removeAll { hits.contains($0) }
        previous = step
      }
    }
    return NextWindows(profile: profile, found: found, possible: possible)
  }

  /// A rule's title, or its name.
  public func title(ofRule name: String) -> String { book.ruleTitle(name) ?? name }
}

extension CitizenRules {
  /// Every rule's decision for a profile, with traces, in Korean sentences or JSON.
  ///
  /// - Parameters:
  ///   - profile: the citizen's facts (a stored profile, or a file given on the command line).
  ///   - rules: the rules to explain; all when empty.
  public func explain(
    _ profile: JSONValue, asOf: CivilDate, rules: [String] = [], json: Bool
  ) -> String {
    let facts = book.profile(json: Array(profile.text.utf8))
    var evaluation = book.evaluator(calendar: calendar).evaluate(facts, asOf: asOf, explain: true)
    evaluation.citizen = profile["id"]?.stringValue
    return json
      ? book.explainJSON(evaluation, rules: rules) : book.explainKorean(evaluation, rules: rules)
  }

  /// The names of every rule, for checking what a user asked to explain.
  public var ruleNames: [String] { book.ruleNames }
}
