/// Why rules go to the general machine for citizens the vector lane took: per rule, the
/// citizens it gave up and what the general machine then found. A diagnostic (`rules-bench`
/// prints it) for issue 15's work on the lane; counting costs nothing when no rule is given up.
extension Evaluator {
  /// What the general machine found for a rule the lane gave up, per rule.
  package struct Fallback: Sendable {
    package var rule: String
    /// The rule's value was unknown (the lane gave it up for a hard failure next to the
    /// unknown, or a construct whose three-valued logic it leaves to the general machine).
    package var unknown = 0
    /// The rule was decided but an output was unknown.
    package var outputUnknown = 0
    /// The rule or an output was a fault the lane does not locate (among list elements, in
    /// an `iterate` step or a built-in, two at once).
    package var fault = 0
    /// Everything was decided: Kleene logic absorbed an unknown, or a lane limit (an arena
    /// full, a day number out of the tables).
    package var decided = 0

    package var total: Int { unknown + outputUnknown + fault + decided }
  }

  static let fallbackKinds = 4

  /// Counts what the general machine found for rule `r`, just run for a citizen the lane
  /// gave it up for.
  func countFallback(_ r: Int) {
    var kind = 3
    switch machine.ruleValues[r] {
    case .unknown: kind = 0
    case .fault: kind = 2
    default:
      for o in program.rules[r].outputs {
        if case .fault = machine.outputs[o] {
          kind = 2
          break
        }
        if case .unknown = machine.outputs[o] { kind = 1 }
      }
    }
    fallbackCounts[r * Evaluator.fallbackKinds + kind] += 1
  }

  /// The rules the lane gave up for some citizen so far, with why (most given up first).
  package var fallbacks: [Fallback] {
    var all: [Fallback] = []
    for (r, rule) in program.rules.enumerated() {
      let c = fallbackCounts + r * Evaluator.fallbackKinds
      let f = Fallback(
        rule: rule.name, unknown: c[0], outputUnknown: c[1], fault: c[2], decided: c[3])
      if f.total > 0 { all.append(f) }
    }
    return all.sorted { $0.total > $1.total }
  }
}
