/// Korean particles (조사) whose form depends on whether the word before ends in a consonant.
public enum Josa: String, Sendable, CaseIterable {
  case topic = "은/는"
  case subject = "이/가"
  case object = "을/를"
  case and = "과/와"
  case direction = "으로/로"
  case or = "이나/나"
  case quotative = "이라/라"
  case vocative = "아/야"
  case with = "이랑/랑"
  case copula = "이에요/예요"

  /// The form after a final consonant, and the form after a vowel.
  public var forms: (afterConsonant: String, afterVowel: String) {
    let parts = rawValue.split(separator: "/")
    return (String(parts[0]), String(parts[1]))
  }

  /// Finds a particle by either of its forms or its pair notation: "를", "을/를", "으로".
  public init?(form: String) {
    guard
      let match = Josa.allCases.first(where: {
        $0.rawValue == form || $0.forms.afterConsonant == form || $0.forms.afterVowel == form
      })
    else { return nil }
    self = match
  }

  /// The form of this particle that follows `word`: "SK" → "를", "3" → "을", "서울" → "로".
  ///
  /// When the ending sound of `word` is unknown (an emoji, an unknown Latin word) it returns
  /// the paired notation "을(를)", as official notices do.
  public func form(after word: some StringProtocol) -> String {
    let (consonant, vowel) = forms
    switch FinalSound.of(word) {
    case .none: return vowel
    case .rieul: return self == .direction ? vowel : consonant
    case .consonant: return consonant
    case .unknown: return "\(consonant)(\(vowel))"
    }
  }

  /// `word` followed by the right form of this particle: "건강검진" + 을/를 → "건강검진을".
  public func attached(to word: String) -> String { word + form(after: word) }
}
