/// What kind of answer a fact takes, for the secretary that asks for it in chat.
public enum FactKind: Sendable, Equatable {
  case bool, int, money, decimal, text, date
  /// One of an enum's cases.
  case choice([FactChoice])
  /// A record or a list (vehicles, children): collected as structured data, not one answer.
  case structured(String)
  /// A record of labelled fields told in one line ("프리랜서예요", "간이과세자예요"): each
  /// field the line names is set, the others are left unknown.
  case flags([FactFlag])
}

/// A field of a `flags` record: a yes/no field named by its words, or a choice.
public struct FactFlag: Sendable, Equatable {
  /// The profile key the answer is stored under.
  public var key: String
  /// The words that set a yes/no field (`label "사업소득·프리랜서"`); empty for a choice.
  public var words: [String]
  /// An enum field's cases; empty for a yes/no field.
  public var choices: [FactChoice]
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
    return (kind(of: fact.type), fact.type.isOptional)
  }

  func kind(of type: RuleType) -> FactKind {
    let kind: FactKind
    switch type.unwrapped {
    case .bool: kind = .bool
    case .int: kind = .int
    case .money: kind = .money
    case .decimal: kind = .decimal
    case .text: kind = .text
    case .date: kind = .date
    case .enumeration(let i):
      kind = .choice(choices(ofEnum: i))
    case .record(let r) where program.records[r].asks.isEmpty && !program.records[r].labels.isEmpty:
      kind = .flags(flags(ofRecord: r))
    default:
      kind = .structured(program.types.describe(type.unwrapped))
    }
    return kind
  }

  func choices(ofEnum i: Int) -> [FactChoice] {
    let info = program.enums[i]
    return info.cases.indices.map { c in
      FactChoice(
        name: info.cases[c], json: info.json[c],
        label: c < info.labels.count ? info.labels[c] : nil)
    }
  }

  /// The labelled yes/no fields of record `r`, and its enum fields whose cases have labels.
  func flags(ofRecord r: Int) -> [FactFlag] {
    let record = program.records[r]
    return record.fields.compactMap { field in
      if let words = record.labels[field.name], field.type.unwrapped == .bool {
        return FactFlag(key: field.key, words: words, choices: [])
      }
      guard case .enumeration(let i) = field.type.unwrapped else { return nil }
      let choices = choices(ofEnum: i)
      return choices.contains { $0.label != nil }
        ? FactFlag(key: field.key, words: [], choices: choices) : nil
    }
  }

  /// The profile key of field `field` of the records fact `fact` holds (or lists).
  public func fieldKey(ofFact fact: String, field: String) -> String? {
    guard var type = program.facts.first(where: { $0.name == fact })?.type.unwrapped else {
      return nil
    }
    if case .list(let element) = type { type = element.unwrapped }
    guard case .record(let r) = type else { return nil }
    return program.records[r].fields.first { $0.name == field }?.key
  }

  /// Whether an answer for `fact` after today is impossible (`past`).
  public func mustBePast(fact name: String) -> Bool {
    program.facts.first { $0.name == name }?.past ?? false
  }

  /// The fields the chat asks for a record fact (a passport) or a list of records (children),
  /// in the order declared; nil when the fact is neither, or a required field has no question.
  public func askedFields(ofFact name: String) -> (fields: [RecordField], isList: Bool)? {
    guard let fact = program.facts.first(where: { $0.name == name }) else { return nil }
    var type = fact.type.unwrapped
    var isList = false
    if case .list(let element) = type {
      type = element.unwrapped
      isList = true
    }
    guard case .record(let r) = type else { return nil }
    let record = program.records[r]
    var fields: [RecordField] = []
    for field in record.fields {
      guard let ask = record.asks[field.name] else {
        if field.type.isOptional { continue }
        return nil
      }
      fields.append(
        RecordField(
          key: field.key, kind: kind(of: field.type), optional: field.type.isOptional,
          ask: ask.ask, past: ask.past))
    }
    return fields.isEmpty ? nil : (fields, isList)
  }
}

/// A field of a record the chat collects one question at a time.
public struct RecordField: Sendable, Equatable {
  /// The profile key the answer is stored under.
  public var key: String
  public var kind: FactKind
  /// Whether "none" is an answer.
  public var optional: Bool
  public var ask: String
  /// An answer after today is impossible.
  public var past: Bool
}
