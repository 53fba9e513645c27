import CivilCalendar

/// What a reform changes for a population: per rule and per output, how many citizens
/// changed, gained or lost it, and by how much in sum; the same per group of `--by` facts.
public struct DiffReport: Sendable {
  /// A rule (whether it holds) or an output (its value), compared across the two books.
  public struct Item: Sendable, Equatable {
    public var name: String
    /// The rule's name (for an output, the rule that gives it).
    public var rule: String
    /// The rule's Korean title, if it has one.
    public var title: String?
    /// An output's Korean name from its rule (`label`), if it has one.
    public var label: String?
    public var isRule: Bool
    /// Money (won): its differences are summed.
    public var isMoney: Bool
    /// A whole number or money: its differences are summed.
    public var isNumber: Bool
  }

  /// Citizens for whom an item changed, gained it (a rule now holds, an output now has a
  /// value), lost it, and the sum of the numeric differences (reform − base; none counts as 0).
  ///
  /// `better` and `worse` count who is better or worse off: for a rule those who gain or
  /// lose it; for an amount those whose value rose or fell.
  public struct Tally: Sendable, Equatable {
    public var changed = 0
    public var gained = 0
    public var lost = 0
    public var difference = 0
    public var better = 0
    public var worse = 0

    public init(
      changed: Int = 0, gained: Int = 0, lost: Int = 0, difference: Int = 0, better: Int = 0,
      worse: Int = 0
    ) {
      self.changed = changed
      self.gained = gained
      self.lost = lost
      self.difference = difference
      self.better = better
      self.worse = worse
    }

    mutating func add(_ other: Tally) {
      changed += other.changed
      gained += other.gained
      lost += other.lost
      difference &+= other.difference
      better += other.better
      worse += other.worse
    }
  }

  /// The citizens sharing one value of a `--by` fact, and what changed for them.
  public struct Group: Sendable, Equatable {
    public var value: String
    public var citizens = 0
    /// By item, as `items`.
    public var tallies: [Tally]
  }

  public var asOf: CivilDate
  public var citizens = 0
  public var items: [Item]
  /// By item, over every citizen.
  public var totals: [Tally]
  /// By `--by` fact name, its groups in the order first met.
  public var groups: [(fact: String, groups: [Group])]
  /// Outputs only one of the books has (a reform given as a second rule book).
  public var onlyInBase: [String]
  public var onlyInReform: [String]

  /// Whether nothing changed for anyone and both books have the same outputs.
  public var isEmpty: Bool {
    onlyInBase.isEmpty && onlyInReform.isEmpty && totals.allSatisfy { $0 == Tally() }
  }
}
