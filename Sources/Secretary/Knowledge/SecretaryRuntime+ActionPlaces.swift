extension SecretaryRuntime {
  /// Where to act on `rule` (page, phone, source), from `Rules/where-to-act.txt`.
  ///
  /// - Parameter rule: a rule name of the book.
  /// - Returns: the place, or nil when the file names none for the rule.
  public func place(ofRule rule: String) -> ActionPlaces.Place? {
    rules.places.place(ofRule: rule)
  }
}
