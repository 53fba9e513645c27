extension RuleBook {
  /// The Korean title a rule declares (`rule health_checkup "일반건강검진 대상"`), or nil.
  public func ruleTitle(_ name: String) -> String? {
    program.rules.first { $0.name == name }?.title
  }
}

/// What an output is to a reader: its name, its Korean label, and what kind of value it holds.
public struct OutputInfo: Sendable, Equatable {
  public var name: String
  public var label: String?
  /// Money (`money`, or an optional of it): what "얼마" asks.
  public var isMoney: Bool
  /// A date: what "언제" asks.
  public var isDate: Bool
  /// Text: with a label, what a rule says for "얼마" when the cost is no sum ("무료예요").
  public var isText = false
}

extension RuleBook {
  /// The outputs a rule declares, in the order written.
  public func outputs(ofRule name: String) -> [OutputInfo] {
    guard let rule = program.rules.firstIndex(where: { $0.name == name }) else { return [] }
    return program.outputs.filter { $0.rule == rule }.map { output in
      OutputInfo(
        name: output.name, label: output.label, isMoney: output.type.unwrapped == .money,
        isDate: output.type.unwrapped == .date, isText: output.type.unwrapped == .text)
    }
  }
}
