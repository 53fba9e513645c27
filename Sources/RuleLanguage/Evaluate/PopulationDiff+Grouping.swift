import CivilCalendar

/// Why `biseo diff` cannot start: a `--by` fact it cannot group by.
public enum DiffError: Error, CustomStringConvertible {
  case unknownFact(String, suggestion: String?)
  case cannotGroup(String, type: String)

  public var description: String {
    switch self {
    case .unknownFact(let name, let suggestion):
      "the rule book has no fact '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .cannotGroup(let name, let type):
      "cannot group by '\(name)' (\(type)): group by an enum, a text, a yes/no, a whole number or a date"
    }
  }
}

extension PopulationDiff {
  /// A `--by` fact and how its values name groups.
  struct Grouping: Sendable {
    enum Kind: Sendable { case enumeration(Int), bool, int, text, ageBand }
    let name: String
    let fact: Int
    let kind: Kind

    init(_ name: String, in program: Program) throws(DiffError) {
      guard let f = program.facts.firstIndex(where: { $0.name == name }) else {
        throw .unknownFact(
          name, suggestion: Suggest.closest(to: name, in: program.facts.map(\.name)))
      }
      let type = program.facts[f].type.unwrapped
      switch type {
      case .enumeration(let e): kind = .enumeration(e)
      case .bool: kind = .bool
      case .int: kind = .int
      case .text: kind = .text
      case .date: kind = .ageBand
      default: throw .cannotGroup(name, type: program.types.describe(type))
      }
      self.name = name
      fact = f
    }

    /// The group a citizen falls in: an enum case's profile text, the text, `true`/`false`,
    /// the number, an age band (`30-39`) for a date; `unknown` when the fact is missing, `none`
    /// when it is none.
    func value(of profile: Profile, asOf: CivilDate, in program: Program) -> String {
      guard fact < profile.facts.count else { return "unknown" }
      return value(profile.facts[fact], asOf: asOf, in: program)
    }

    func value(_ fact: Value, asOf: CivilDate, in program: Program) -> String {
      switch (fact, kind) {
      case (.enumCase(let c), .enumeration(let e)): return program.enums[e].json[c]
      case (.bool(let b), _): return b ? "true" : "false"
      case (.int(let n), _): return String(n)
      case (.text(let t), _): return t
      case (.date(let day), .ageBand):
        let born = CivilDate(dayNumber: day)
        var age = asOf.year - born.year
        if (asOf.month, asOf.day) < (born.month, born.day) { age -= 1 }
        let low = age >= 0 ? age / 10 * 10 : (age - 9) / 10 * 10
        return "\(low)-\(low + 9)"
      case (.none, _): return "none"
      default: return "unknown"
      }
    }
  }
}
