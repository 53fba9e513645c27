import CivilCalendar
import Diagnostics

/// The outcome of one `test` block of a rule file.
public struct TestOutcome: Sendable {
  public var title: String
  public var span: SourceSpan
  /// Each failed expectation, as a diagnostic at the `expect` that failed.
  public var failures: [Diagnostic]

  public var passed: Bool { failures.isEmpty }
}

extension RuleBook {
  /// Runs every `test` block: facts not given are unknown; `today` is the as-of date.
  public func runTests(calendar: any BusinessCalendar = WeekendCalendar()) -> [TestOutcome] {
    let evaluator = self.evaluator(calendar: calendar)
    var outcomes: [TestOutcome] = []
    for test in program.tests {
      var facts = program.facts.indices.map { Value.unknown(FactSet($0)) }
      for g in test.given { facts[g.fact] = g.value }
      guard case .date(let day)? = test.today else {
        outcomes.append(TestOutcome(title: test.title, span: test.span, failures: []))
        continue
      }
      // The engine users run: the vector lane, and the general machine for what it leaves.
      evaluator.compute(Profile(id: nil, facts: facts), asOf: CivilDate(dayNumber: day))
      var failures: [Diagnostic] = []
      for (span, x) in test.expectations {
        switch x {
        case .rule(let r, let want, let asks):
          let got = evaluator.status(evaluator.ruleValue(r))
          var ok = got.triState == want
          if ok, let asks, case .unknown(let missing) = got {
            ok = Set(asks.map { program.facts[$0].name }) == Set(missing)
          }
          if !ok {
            failures.append(
              .error(
                "R0501", at: span,
                "expected rule '\(program.rules[r].name)' to be \(describe(want, asks: asks)), found \(describe(got))",
                notes: ["in test \"\(test.title)\""]))
          }
        case .output(let o, let want):
          let info = program.outputs[o]
          let got = evaluator.output(evaluator.outputValue(o), info.type)
          let expected = evaluator.output(want, info.type)
          if got != expected {
            failures.append(
              .error(
                "R0502", at: span,
                "expected output '\(info.name)' to be \(expected), found \(got)",
                notes: ["in test \"\(test.title)\""]))
          }
        }
      }
      outcomes.append(TestOutcome(title: test.title, span: test.span, failures: failures))
    }
    return outcomes
  }

  private func describe(_ t: TriState, asks: [Int]?) -> String {
    switch t {
    case .yes: return "true"
    case .no: return "false"
    case .unknown:
      guard let asks else { return "unknown" }
      return "unknown asking for " + asks.map { program.facts[$0].name }.joined(separator: ", ")
    }
  }

  private func describe(_ s: RuleStatus) -> String {
    switch s {
    case .holds: "true"
    case .fails: "false"
    case .unknown(let m): "unknown asking for " + m.joined(separator: ", ")
    case .fault(let f): "a fault (\(f.message) at \(f.line):\(f.column))"
    }
  }
}
