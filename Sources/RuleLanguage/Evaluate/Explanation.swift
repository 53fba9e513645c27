import CivilCalendar
import Diagnostics
import Foundation

/// What `biseo check` and `biseo explain` print, as library calls.
extension RuleBook {
  /// Loads rule files, renders every diagnostic, runs every `test` block.
  ///
  /// - Returns: the text to print and the exit code: 0 when all loaded and passed, 2 otherwise.
  public static func check(
    paths: [String], calendar: any BusinessCalendar = WeekendCalendar()
  ) -> (report: String, exitCode: Int32, book: RuleBook?) {
    let (book, diagnostics) = load(paths: paths)
    var sources: [String: String] = book?.sources ?? [:]
    if book == nil {
      for d in diagnostics where sources[d.span.path] == nil {
        sources[d.span.path] = (try? String(contentsOfFile: d.span.path, encoding: .utf8)) ?? ""
      }
    }
    let renderer = DiagnosticRenderer(sources: sources)
    var report = renderer.render(diagnostics)
    guard let book else {
      let count = diagnostics.filter { $0.severity == .error }.count
      report += "rule book rejected: \(count) error\(count == 1 ? "" : "s")\n"
      return (report, 2, nil)
    }
    let outcomes = book.runTests(calendar: calendar)
    let failed = outcomes.filter { !$0.passed }
    for o in failed { report += renderer.render(o.failures) }
    report += "\(book.ruleNames.count) rules, \(outcomes.count) tests, \(failed.count) failed\n"
    return (report, failed.isEmpty ? 0 : 2, book)
  }

  /// "왜?": every selected rule's result and reasons, in Korean sentences.
  public func explainKorean(_ e: Evaluation, rules: [String] = []) -> String {
    let chosen = rules.isEmpty ? e.rules : e.rules.filter { rules.contains($0.name) }
    var out = "\(Korean.value(.date(e.asOf))) 기준" + (e.citizen.map { " (\($0))" } ?? "") + "\n"
    for r in chosen { out += Korean.explain(r, book: self) + "\n" }
    return out
  }

  /// The same as JSON (one object, keys in a fixed order), for `explain --json`.
  public func explainJSON(_ e: Evaluation, rules: [String] = []) -> String {
    let chosen = rules.isEmpty ? e.rules : e.rules.filter { rules.contains($0.name) }
    var o: [UInt8] = []
    func key(_ k: String) {
      JSONText.string(k, into: &o)
      o.append(UInt8(ascii: ":"))
    }
    func items(_ list: [Trace.Item]) {
      o.append(UInt8(ascii: "["))
      for (i, item) in list.enumerated() {
        if i > 0 { o.append(UInt8(ascii: ",")) }
        o.append(UInt8(ascii: "{"))
        key("name")
        JSONText.string(item.name, into: &o)
        o.append(UInt8(ascii: ","))
        key("value")
        JSONText.write(item.value, into: &o)
        if let n = item.note {
          o.append(UInt8(ascii: ","))
          key("note")
          JSONText.string(n, into: &o)
        }
        o.append(UInt8(ascii: "}"))
      }
      o.append(UInt8(ascii: "]"))
    }
    o.append(UInt8(ascii: "{"))
    key("citizen")
    if let c = e.citizen { JSONText.string(c, into: &o) } else { o.append(contentsOf: "null".utf8) }
    o.append(UInt8(ascii: ","))
    key("asOf")
    JSONText.write(.date(e.asOf), into: &o)
    o.append(UInt8(ascii: ","))
    key("rules")
    o.append(UInt8(ascii: "["))
    for (i, r) in chosen.enumerated() {
      if i > 0 { o.append(UInt8(ascii: ",")) }
      o.append(UInt8(ascii: "{"))
      key("name")
      JSONText.string(r.name, into: &o)
      if let t = r.title {
        o.append(UInt8(ascii: ","))
        key("title")
        JSONText.string(t, into: &o)
      }
      o.append(UInt8(ascii: ","))
      key("result")
      switch r.status {
      case .holds: JSONText.string("true", into: &o)
      case .fails: JSONText.string("false", into: &o)
      case .unknown(let missing):
        JSONText.string("unknown", into: &o)
        o.append(UInt8(ascii: ","))
        key("missing")
        items(
          missing.map { name in
            Trace.Item(name: name, value: .null, note: facts.first { $0.name == name }?.ask)
          })
      case .fault(let f):
        JSONText.string("error", into: &o)
        o.append(UInt8(ascii: ","))
        key("error")
        JSONText.string(f.description, into: &o)
      }
      if let s = r.source {
        o.append(UInt8(ascii: ","))
        key("source")
        JSONText.string(s, into: &o)
      }
      if !r.reminders.isEmpty {
        o.append(UInt8(ascii: ","))
        key("reminders")
        JSONText.write(
          .list(
            r.reminders.map {
              .record([
                OutputField(name: "start", value: .date($0.start)),
                OutputField(name: "end", value: .date($0.end)),
                OutputField(name: "notifyOn", value: .list($0.notifyOn.map { .date($0) })),
                OutputField(name: "message", value: .text($0.message)),
              ])
            }), into: &o)
      }
      if let t = r.trace {
        o.append(UInt8(ascii: ","))
        key("because")
        o.append(UInt8(ascii: "{"))
        key("conditions")
        items(t.conditions.map { Trace.Item(name: $0.text, value: $0.value, note: nil) })
        o.append(UInt8(ascii: ","))
        key("lets")
        items(t.bindings)
        o.append(UInt8(ascii: ","))
        key("facts")
        items(t.facts)
        o.append(UInt8(ascii: ","))
        key("params")
        items(t.params)
        if let reason = t.reason {
          o.append(UInt8(ascii: ","))
          key("reason")
          JSONText.string(reason, into: &o)
        }
        o.append(UInt8(ascii: "}"))
      }
      o.append(UInt8(ascii: "}"))
    }
    o.append(UInt8(ascii: "]"))
    o.append(UInt8(ascii: ","))
    key("outputs")
    JSONText.write(.record(e.outputs), into: &o)
    o.append(UInt8(ascii: "}"))
    return String(decoding: o, as: UTF8.self)
  }
}
