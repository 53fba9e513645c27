import Diagnostics
import Foundation
import RuleLanguage

extension RuleBook {
  /// The book at `paths` (with `reform` overrides), or its diagnostics on stderr and a
  /// failure naming `what` did not load.
  static func loaded(
    paths: [String], reform: [String] = [], console: Console, what: String = "the rule book"
  ) throws -> RuleBook {
    let (book, diagnostics) = RuleBook.load(paths: paths, reform: reform)
    if let book { return book }
    var sources: [String: String] = [:]
    for d in diagnostics where sources[d.span.path] == nil {
      sources[d.span.path] = (try? String(contentsOfFile: d.span.path, encoding: .utf8)) ?? ""
    }
    console.error(DiagnosticRenderer(sources: sources).render(diagnostics))
    throw CommandError.badInput("\(what) did not load")
  }
}
