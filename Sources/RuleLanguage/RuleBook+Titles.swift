extension RuleBook {
  /// The Korean title a rule declares (`rule health_checkup "일반건강검진 대상"`), or nil.
  public func ruleTitle(_ name: String) -> String? {
    program.rules.first { $0.name == name }?.title
  }
}
