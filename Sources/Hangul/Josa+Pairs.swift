extension Josa {
  /// Resolves a particle written as a pair at the start of `literal` by how `word` ends.
  ///
  /// Templates write the particle after a filled-in value as a pair, because the value is
  /// not known when the template is written: `"{service}을/를"`, `"{place}(으)로"`,
  /// `"{name}(이)나"`, `"{x}를/을"`. Given the text that was filled in before it, the pair
  /// becomes the right form: "건강검진을", "서울로". A literal that does not start with a
  /// pair is returned unchanged.
  public static func resolvingLeadingPair(in literal: String, after word: String) -> String {
    // Most literals start with no pair: one set lookup instead of forty prefix tests (the
    // reminder planner fills in templates for every citizen).
    guard let first = literal.first, pairStarts.contains(first) else { return literal }
    for (written, josa) in pairWritings where literal.hasPrefix(written) {
      return josa.form(after: word) + literal.dropFirst(written.count)
    }
    return literal
  }

  /// Every way a pair is written, in the order they are tried, with its particle.
  private static let pairWritings: [(String, Josa)] = Josa.allCases.flatMap { josa in
    let (consonant, vowel) = josa.forms
    var writings = ["\(consonant)/\(vowel)", "\(vowel)/\(consonant)", "(\(consonant))\(vowel)"]
    // "(으)로", "(이)나": the optional part in parentheses, then the short form.
    if consonant.hasSuffix(vowel), consonant.count > vowel.count {
      writings.append("(\(consonant.dropLast(vowel.count)))\(vowel)")
    }
    return writings.map { ($0, josa) }
  }

  /// The first character of every writing: a literal starting otherwise holds no pair.
  private static let pairStarts = Set(pairWritings.compactMap(\.0.first))
}
