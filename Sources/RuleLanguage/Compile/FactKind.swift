/// What kind of answer a fact takes, for the secretary that asks for it in chat.
public enum FactKind: Sendable, Equatable {
  case bool, int, money, decimal, text, date
  /// One of an enum's cases.
  case choice([FactChoice])
  /// A record or a list (vehicles, children): collected as structured data, not one answer.
  case structured(String)
}

/// One case of an enum fact: its name in the rules, the value a profile stores, and the
/// Korean label people see and answer with.
public struct FactChoice: Sendable, Equatable {
  public var name: String
  /// The string written in the profile JSON (the case name unless the enum maps it).
  public var json: String
  /// The `label "…"` given in the rule file, or nil.
  public var label: String?

  public init(name: String, json: String, label: String?) {
    self.name = name
    self.json = json
    self.label = label
  }
}

extension RuleBook {
  /// The kind of answer the fact `name` takes and whether "none" is a valid answer.
  public func factKind(_ name: String) -> (kind: FactKind, optional: Bool)? {
    guard let fact = program.facts.first(where: { $0.name == name }) else { return nil }
    let type = fact.type
    let kind: FactKind
    switch type.unwrapped {
    case .bool: kind = .bool
    case .int: kind = .int
    case .money: kind = .money
    case .decimal: kind = .decimal
    case .text: kind = .text
    case .date: kind = .date
    case .enumeration(let i):
      let info = program.enums[i]
      kind = .choice(
        info.cases.indices.map { c in
          FactChoice(
            name: info.cases[c], json: info.json[c],
            label: c < info.labels.count ? info.labels[c] : nil)
        })
    default:
      kind = .structured(program.types.describe(type.unwrapped))
    }
    return (kind, type.isOptional)
  }
}
