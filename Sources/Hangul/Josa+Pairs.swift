extension Josa {
  /// Resolves a particle written as a pair at the start of `literal` by how `word` ends.
  ///
  /// Templates write the particle after a filled-in value as a pair, because the value is
  /// not known when the template is written: `"{service}을/를"`, `"{place}(으)로"`,
  /// `"{name}(이)나"`, `"{x}를/을"`. Given the text that was filled in before it, the pair
  /// becomes the right form: "건강검진을", "서울로". A literal that does not start with a
  /// pair is returned unchanged.
  public static func resolvingLeadingPair(in literal: String, after word: String) -> String {
    for josa in Josa.allCases {
      let (consonant, vowel) = josa.forms
      var writings = ["\(consonant)/\(vowel)", "\(vowel)/\(consonant)", "(\(consonant))\(vowel)"]
      // "(으)로", "(이)나": the optional part in parentheses, then the short form.
      if consonant.hasSuffix(vowel), consonant.count > vowel.count {
        writings.append("(\(consonant.dropLast(vowel.count)))\(vowel)")
      }
      for written in writings where literal.hasPrefix(written) {
        return josa.form(after: word) + literal.dropFirst(written.count)
      }
    }
    return literal
  }
}
