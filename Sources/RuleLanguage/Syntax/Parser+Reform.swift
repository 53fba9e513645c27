import CivilCalendar
import Diagnostics

/// New rows for one parameter of a rule book, from a reform file: what `biseo diff` compares
/// the book with.
struct ParamOverride: Sendable {
  var name: Name
  var rows: [(value: Expr, since: CivilDate?, span: SourceSpan)]
  var source: String?
}

extension Parser {
  /// A reform file: `param NAME = VALUE [since DATE] … [source "…"]` overrides, nothing else.
  ///
  /// The type is the book's (a reform changes values, not what they are), so it is not
  /// written; one is a located error.
  mutating func parseReform() -> [ParamOverride] {
    var result: [ParamOverride] = []
    while current.kind != .end {
      do {
        guard accept(word: "param") else {
          throw fail(RuleMessage.expectedOverride(found: current))
        }
        let n = try name("a parameter name")
        if current.isSymbol(":") { throw fail(RuleMessage.typeInOverride(n, at: current.span)) }
        var o = ParamOverride(name: n, rows: [], source: nil)
        try paramRows(of: n, into: &o.rows, source: &o.source)
        result.append(o)
      } catch {
        synchronize(toClause: false)
      }
    }
    return result
  }
}

/// Lays a reform's overrides over a book's parameters before it is checked, so a reform value
/// of the wrong type or out of date order is reported at its own line, like any rule file's.
enum Reform {
  /// Each override replaces its parameter's rows from its first `since` on (all of them when
  /// that row has no date); earlier rows stay, so past dates keep the law as it was.
  static func apply(_ overrides: [ParamOverride], to decls: inout [Declaration])
    -> [Diagnostic]
  {
    var diagnostics: [Diagnostic] = []
    var index: [String: Int] = [:]
    for (i, d) in decls.enumerated() {
      if case .param(let p) = d { index[p.name.text] = i }
    }
    var seen: [String: SourceSpan] = [:]
    for o in overrides {
      if let first = seen[o.name.text] {
        diagnostics.append(RuleMessage.overrideTwice(o.name, first: first))
        continue
      }
      seen[o.name.text] = o.name.span
      guard let i = index[o.name.text], case .param(var p) = decls[i] else {
        let suggestion = Suggest.closest(to: o.name.text, in: Array(index.keys))
        diagnostics.append(RuleMessage.unknownOverride(o.name, suggestion: suggestion))
        continue
      }
      let from = o.rows.first?.since
      p.rows = p.rows.filter { row in
        guard let from else { return false }
        guard let since = row.since else { return true }
        return since < from
      }
      p.rows += o.rows
      if let s = o.source { p.source = s }
      decls[i] = .param(p)
    }
    return diagnostics
  }
}
