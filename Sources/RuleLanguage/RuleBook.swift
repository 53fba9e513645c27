import CivilCalendar
import Diagnostics
import Foundation

/// A rule file's text and the path it is reported under.
public struct RuleFile: Sendable {
  public var path: String
  public var text: String

  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}

/// A loaded, type-checked and compiled set of rule files.
///
/// Immutable and shareable.
///
/// A book that has any error is rejected whole: `load` returns no book, only diagnostics.
public final class RuleBook: Sendable {
  let program: Program
  let decoder: ProfileDecoder
  /// The rules compiled to run a batch of citizens per kernel, at any width (rules it cannot
  /// compile stay on the general machine); nil when it compiles none.
  let vector: VectorProgram?
  /// What the vector lane leaves to the general machine; nil when it compiles every rule.
  ///
  /// "compiled; general machine for …" names those rules and why, "not compiled: …" says why
  /// the book has no lane. Benchmarks report it.
  package let vectorLaneMissing: String?
  /// The source text by path, for rendering diagnostics and quoting conditions.
  public let sources: [String: String]

  init(
    program: Program, sources: [String: String], vector: VectorProgram? = nil,
    vectorLaneMissing: String? = nil
  ) {
    self.program = program
    self.vector = vector
    self.vectorLaneMissing = vectorLaneMissing
    self.decoder = ProfileDecoder(program: program)
    self.sources = sources
  }

  /// Parses, checks and compiles `files` together.
  ///
  /// - Returns: the book (nil if any error) and every diagnostic, in reading order.
  /// With `reform` files (parameter overrides only, see `biseo diff`), their rows replace
  /// the book's from each override's first date on, before the book is checked.
  public static func load(_ files: [RuleFile], reform: [RuleFile] = [])
    -> (book: RuleBook?, diagnostics: [Diagnostic])
  {
    var decls: [Declaration] = []
    var diagnostics: [Diagnostic] = []
    let checker = Checker()
    var sources: [String: String] = [:]
    // Columns count characters of NFC text: NFD Hangul would count jamo.
    func parser(_ file: RuleFile) -> Parser {
      let text = file.text.precomposedStringWithCanonicalMapping
      sources[file.path] = text
      checker.sourceLines[file.path] = text.split(separator: "\n", omittingEmptySubsequences: false)
      return Parser(path: file.path, text: text)
    }
    for file in files {
      var p = parser(file)
      decls += p.parseFile()
      diagnostics += p.diagnostics
    }
    var overrides: [ParamOverride] = []
    for file in reform {
      var p = parser(file)
      overrides += p.parseReform()
      diagnostics += p.diagnostics
    }
    diagnostics += Reform.apply(overrides, to: &decls)
    checker.check(decls)
    diagnostics += checker.diagnostics
    diagnostics = diagnostics.sortedByPosition()
    if diagnostics.hasErrors { return (nil, diagnostics) }
    let (vector, missing) = VectorCompiler.compile(checker.program)
    let book = RuleBook(
      program: checker.program, sources: sources, vector: vector, vectorLaneMissing: missing)
    return (book, diagnostics)
  }

  /// Loads `.rule` files from paths (files, or folders searched recursively, in name order).
  ///
  /// - Returns: the book (nil if any error) and every diagnostic; unreadable paths are errors.
  public static func load(paths: [String], reform: [String] = [])
    -> (book: RuleBook?, diagnostics: [Diagnostic])
  {
    var (files, problems) = read(paths: paths)
    let (reformFiles, reformProblems) = read(paths: reform, suffix: nil)
    problems += reformProblems
    let (book, diagnostics) = load(files, reform: reformFiles)
    if !problems.isEmpty { return (nil, problems + diagnostics) }
    return (book, diagnostics)
  }

  /// The files at `paths` (folders searched recursively for names ending in `suffix`, in
  /// name order), and an error for each that cannot be read.
  private static func read(paths: [String], suffix: String? = ".rule")
    -> (files: [RuleFile], problems: [Diagnostic])
  {
    var files: [RuleFile] = []
    var problems: [Diagnostic] = []
    let fm = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        problems.append(
          .error("R0001", at: SourceSpan(path: path, line: 1, column: 1), "no such file or folder"))
        continue
      }
      var filePaths: [String] = []
      if isDirectory.boolValue {
        let items = (fm.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        let base = path.hasSuffix("/") ? path : path + "/"
        filePaths = items.filter { $0.hasSuffix(suffix ?? "") }.sorted().map { base + $0 }
      } else {
        filePaths = [path]
      }
      for p in filePaths {
        guard let data = fm.contents(atPath: p), let text = String(data: data, encoding: .utf8)
        else {
          problems.append(
            .error(
              "R0002", at: SourceSpan(path: p, line: 1, column: 1),
              "cannot read the file as UTF-8 text"))
          continue
        }
        files.append(RuleFile(path: p, text: text))
      }
    }
    return (files, problems)
  }

  /// Renders diagnostics with the offending source lines quoted.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer(sources: sources).render(diagnostics)
  }

  /// Names of the facts, in declaration order (ids are positions).
  public var facts: [FactInfo] { program.facts }
  public var ruleNames: [String] { program.rules.map(\.name) }
  public var outputNames: [String] { program.outputs.map(\.name) }
  public var testCount: Int { program.tests.count }

  /// A declared life-cycle event: its title, the facts it asks for, the rules it yields.
  public func event(_ name: String) -> (title: String?, facts: [String], rules: [String])? {
    guard let e = program.events.first(where: { $0.name == name }) else { return nil }
    return (e.title, e.facts.map { program.facts[$0].name }, e.rules.map { program.rules[$0].name })
  }

  public var eventNames: [String] { program.events.map(\.name) }

  /// The book as the checker lowered it: typed operations with their slots and source
  /// positions, one a line (`biseo check --dump-program`).
  public var typedProgramText: String { TypedProgramPrinter.text(program) }

  /// What the chat asks when the event `name` is told, and what the answer writes.
  public func intake(ofEvent name: String) -> EventIntake? {
    program.events.first { $0.name == name }?.intake
  }

  /// Decodes one citizen's JSON object into a profile; bad fields become unknown facts.
  public func profile(json bytes: some Collection<UInt8>) -> Profile {
    var p = Profile(id: nil, facts: Array(repeating: .unknown(.empty), count: program.facts.count))
    let array = Array(bytes)
    array.withUnsafeBufferPointer { decoder.decode($0, into: &p) }
    return p
  }

  /// An empty profile: every fact unknown.
  public func emptyProfile() -> Profile {
    Profile(id: nil, facts: program.facts.indices.map { .unknown(FactSet($0)) })
  }

  /// An evaluator for one thread; reuse it across citizens.
  public func evaluator(calendar: any BusinessCalendar = WeekendCalendar()) -> Evaluator {
    Evaluator(book: self, calendar: calendar)
  }
}
