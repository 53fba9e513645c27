extension Josa {
  private enum After { case consonant, vowel, vowelOrRieul, any }

  /// Particles and sentence endings that can close a word, longest first.
  ///
  /// Longest first so that "에서" wins over "서". Each says what the word before it must end in, so "아이" keeps its "이" (이 as a
  /// subject particle only follows a consonant) while "집이" loses it.
  private static let suffixes: [(String, After)] = [
    ("이에요", .consonant), ("입니다", .any), ("인가요", .any), ("인데요", .any),
    ("에게서", .any), ("으로는", .consonant), ("으로", .consonant), ("에서", .any),
    ("에게", .any), ("께서", .any), ("한테", .any), ("까지", .any), ("부터", .any),
    ("처럼", .any), ("보다", .any), ("하고", .any), ("마다", .any), ("밖에", .any),
    ("조차", .any), ("이나", .consonant), ("이랑", .consonant), ("이라", .consonant),
    ("이야", .consonant), ("예요", .vowel), ("인데", .any), ("로는", .vowelOrRieul),
    ("은", .consonant), ("는", .vowel), ("이", .consonant), ("가", .vowel),
    ("을", .consonant), ("를", .vowel), ("과", .consonant), ("와", .vowel),
    ("로", .vowelOrRieul), ("나", .vowel), ("랑", .vowel), ("야", .vowel), ("에", .any),
    ("의", .any), ("도", .any), ("만", .any), ("요", .any), ("께", .any),
  ]

  /// `token` without trailing particles and common endings, for matching words:
  /// "건강검진을" → "건강검진", "서울에서는" → "서울", "자동차세요" → "자동차세".
  ///
  /// At most two layers are removed and at least one syllable always remains; a token that does
  /// not end in a particle is returned unchanged.
  public static func stripped(from token: some StringProtocol) -> String {
    var word = String(token)
    for _ in 0..<2 {
      guard let shorter = stripOnce(word) else { break }
      word = shorter
    }
    return word
  }

  private static func stripOnce(_ word: String) -> String? {
    for (suffix, after) in suffixes where word.hasSuffix(suffix) {
      let stem = word.dropLast(suffix.count)
      // Particles that follow any word need a stem of two syllables, so short nouns ("나도",
      // "의의") are not cut in half; the others are guarded by the sound they must follow.
      let minimumStem = suffix.count == 1 && after == .any ? 2 : 1
      guard stem.count >= minimumStem, let last = stem.last, HangulSyllable(last) != nil else {
        continue
      }
      let sound = FinalSound.of(stem)
      let fits: Bool
      switch after {
      case .any: fits = true
      case .consonant: fits = sound == .consonant || sound == .rieul
      case .vowel: fits = sound == .none
      case .vowelOrRieul: fits = sound == .none || sound == .rieul
      }
      if fits { return String(stem) }
    }
    return nil
  }
}
