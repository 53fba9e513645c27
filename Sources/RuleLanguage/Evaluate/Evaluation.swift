import CivilCalendar

/// A rule's three-valued result (or the located fault that stopped it).
public enum RuleStatus: Sendable, Equatable {
  case holds
  case fails
  /// Unknown, with the facts that could decide it (by name).
  case unknown(missing: [String])
  case fault(RuntimeFault)

  public var triState: TriState? {
    switch self {
    case .holds: .yes
    case .fails: .no
    case .unknown: .unknown
    case .fault: nil
    }
  }
}

/// A reminder a holding rule asks for: a window, the days to notify, and the message.
public struct Reminder: Sendable, Equatable {
  public var rule: String
  public var start: CivilDate
  public var end: CivilDate
  public var notifyOn: [CivilDate]
  public var message: String
}

/// An output value as data: what `--json` prints and what tests compare.
public indirect enum OutputValue: Sendable, Equatable, CustomStringConvertible {
  case null
  case bool(Bool)
  case int(Int)
  /// Exact decimal text, such as `2.5`.
  case decimal(String)
  case text(String)
  case date(CivilDate)
  case duration(months: Int, days: Int)
  case list([OutputValue])
  case record([OutputField])
  case unknown(missing: [String])
  case fault(RuntimeFault)

  public var description: String {
    var out: [UInt8] = []
    JSONText.write(self, into: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

public struct OutputField: Sendable, Equatable {
  public var name: String
  public var value: OutputValue
}

/// One rule's result with its reminders and, when asked for, its trace.
public struct RuleResult: Sendable {
  public var name: String
  public var title: String?
  public var source: String?
  public var status: RuleStatus
  public var reminders: [Reminder]
  public var trace: Trace?
}

/// Everything evaluated for one citizen as of one date.
public struct Evaluation: Sendable {
  public var citizen: String?
  public var asOf: CivilDate
  public var rules: [RuleResult]
  public var outputs: [OutputField]

  public func rule(_ name: String) -> RuleResult? { rules.first { $0.name == name } }

  public func output(_ name: String) -> OutputValue? { outputs.first { $0.name == name }?.value }

  /// Every fact some unknown rule is waiting for, without repeats, in first-seen order.
  public var missingFacts: [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for r in rules {
      if case .unknown(let m) = r.status {
        for f in m where seen.insert(f).inserted { out.append(f) }
      }
    }
    return out
  }
}
