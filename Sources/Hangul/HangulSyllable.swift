/// A precomposed Hangul syllable (U+AC00–U+D7A3) as its three jamo indices.
///
/// Unicode lays the 11,172 syllables out arithmetically: index = (L × 21 + V) × 28 + T, so
/// composition and decomposition need no tables, only the jamo order below.
public struct HangulSyllable: Hashable, Sendable {
  public static let base: UInt32 = 0xAC00
  public static let count = 11_172
  static let medialCount = 21
  static let finalCount = 28

  /// Leading consonant index, 0..<19 (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
  public let initial: Int
  /// Vowel index, 0..<21 (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
  public let medial: Int
  /// Trailing consonant index, 0..<28; 0 means no final consonant (받침).
  public let final: Int

  public init?(initial: Int, medial: Int, final: Int = 0) {
    guard (0..<19).contains(initial), (0..<21).contains(medial), (0..<28).contains(final) else {
      return nil
    }
    self.initial = initial
    self.medial = medial
    self.final = final
  }

  public init?(_ scalar: Unicode.Scalar) {
    let v = scalar.value
    guard v >= HangulSyllable.base, v < HangulSyllable.base + UInt32(HangulSyllable.count) else {
      return nil
    }
    let index = Int(v - HangulSyllable.base)
    initial = index / (HangulSyllable.medialCount * HangulSyllable.finalCount)
    medial = (index / HangulSyllable.finalCount) % HangulSyllable.medialCount
    final = index % HangulSyllable.finalCount
  }

  public init?(_ character: Character) {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else {
      return nil
    }
    self.init(scalar)
  }

  public var scalar: Unicode.Scalar {
    let index = (initial * HangulSyllable.medialCount + medial) * HangulSyllable.finalCount + final
    // The index is in range by construction, so the scalar always exists.
    return Unicode.Scalar(HangulSyllable.base + UInt32(index)) ?? "\u{FFFD}"
  }

  public var character: Character { Character(scalar) }

  public var hasFinal: Bool { final != 0 }

  /// Whether the final consonant is ㄹ, which picks '로' over '으로'.
  public var hasRieulFinal: Bool { final == 8 }

  /// The syllable with its final consonant replaced (0 removes it).
  public func with(final newFinal: Int) -> HangulSyllable {
    HangulSyllable(initial: initial, medial: medial, final: newFinal) ?? self
  }

  /// Conjoining jamo (U+1100…), the canonical decomposition that NFD produces.
  public var conjoiningJamo: [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(3)
    if let l = Unicode.Scalar(0x1100 + UInt32(initial)) { scalars.append(l) }
    if let v = Unicode.Scalar(0x1161 + UInt32(medial)) { scalars.append(v) }
    if final != 0, let t = Unicode.Scalar(0x11A7 + UInt32(final)) { scalars.append(t) }
    return scalars
  }

  /// Compatibility jamo (U+3131…), the letters people type and see: 한 → ㅎ ㅏ ㄴ.
  public var compatibilityJamo: [Unicode.Scalar] {
    var scalars = [JamoTable.initials[initial], JamoTable.medials[medial]]
    if final != 0 { scalars.append(JamoTable.finals[final]) }
    return scalars
  }

  public var initialJamo: Unicode.Scalar { JamoTable.initials[initial] }
  public var medialJamo: Unicode.Scalar { JamoTable.medials[medial] }
  /// The final consonant as a compatibility jamo, or nil when there is none.
  public var finalJamo: Unicode.Scalar? { final == 0 ? nil : JamoTable.finals[final] }

  /// How many 두벌식 keys type this syllable (a compound vowel or double final takes two).
  public var keyCount: Int {
    let vowelKeys = JamoTable.splits[medialJamo] == nil ? 1 : 2
    guard let t = finalJamo else { return 1 + vowelKeys }
    return 1 + vowelKeys + (JamoTable.splits[t] == nil ? 1 : 2)
  }
}
