/// Array-indexed jamo tables for the hot paths (the keyboard automaton, decomposition),
/// where dictionary lookups on `Unicode.Scalar` cost more than the work itself.
///
/// Consonants are numbered by their compatibility-jamo offset from ㄱ (U+3131, 0..<30);
/// vowels by their medial index (U+314F + m, 0..<21), which Unicode orders the same way.
enum JamoIndex {
  static let consonantBase: UInt32 = 0x3131
  static let vowelBase: UInt32 = 0x314F
  static let none: Int8 = -1

  /// Consonant offset → leading-consonant index, or -1 (ㄳ, ㄵ … cannot lead a syllable).
  static let initialOfConsonant: [Int8] = (0..<30).map { c in
    Int8(JamoTable.initialIndex[scalar(consonantBase + UInt32(c))] ?? -1)
  }

  /// Consonant offset → final-consonant index, or -1 (ㄸ ㅃ ㅉ cannot end a syllable).
  static let finalOfConsonant: [Int8] = (0..<30).map { c in
    Int8(JamoTable.finalIndex[scalar(consonantBase + UInt32(c))] ?? -1)
  }

  /// Final index → consonant offset (index 0, "no final", maps to -1).
  static let consonantOfFinal: [Int8] = (0..<28).map { t in
    t == 0 ? -1 : Int8(JamoTable.finals[t].value - consonantBase)
  }

  /// (final index × 30 + consonant offset) → the double final they make, or -1.
  static let compoundFinal: [Int8] = {
    var table = [Int8](repeating: -1, count: 28 * 30)
    for (pair, compound) in JamoTable.compoundFinals {
      guard let t = JamoTable.finalIndex[pair.first], let d = JamoTable.finalIndex[compound] else {
        continue
      }
      table[t * 30 + Int(pair.second.value - consonantBase)] = Int8(d)
    }
    return table
  }()

  /// Double final index → (first part as final index, second part as consonant offset).
  static let splitFinal: [(Int8, Int8)] = (0..<28).map { t in
    guard t > 0, let pair = JamoTable.splits[JamoTable.finals[t]],
      let first = JamoTable.finalIndex[pair.first]
    else { return (-1, -1) }
    return (Int8(first), Int8(pair.second.value - consonantBase))
  }

  /// (medial × 21 + medial) → the compound vowel they make, or -1.
  static let compoundVowel: [Int8] = {
    var table = [Int8](repeating: -1, count: 21 * 21)
    for (pair, compound) in JamoTable.compoundVowels {
      guard let a = JamoTable.medialIndex[pair.first], let b = JamoTable.medialIndex[pair.second],
        let c = JamoTable.medialIndex[compound]
      else { continue }
      table[a * 21 + b] = Int8(c)
    }
    return table
  }()

  /// Keys needed for each medial (2 for compound vowels) and each final (0 for none).
  static let medialKeys: [Int] = (0..<21).map {
    JamoTable.splits[JamoTable.medials[$0]] == nil ? 1 : 2
  }
  static let finalKeys: [Int] = (0..<28).map { t in
    t == 0 ? 0 : JamoTable.splits[JamoTable.finals[t]] == nil ? 1 : 2
  }

  /// Compatibility jamo values that `.letters` decomposition writes for each medial and final.
  ///
  /// The first letter, and the second (0 when there is none). Flat arrays, not arrays of
  /// arrays, because this is the innermost loop of feature extraction.
  static let medialFirst: [UInt32] = (0..<21).map { letters(JamoTable.medials[$0])[0] }
  static let medialSecond: [UInt32] = (0..<21).map {
    letters(JamoTable.medials[$0]).dropFirst().first ?? 0
  }
  static let finalFirst: [UInt32] = (0..<28).map { $0 == 0 ? 0 : letters(JamoTable.finals[$0])[0] }
  static let finalSecond: [UInt32] = (0..<28).map {
    $0 == 0 ? 0 : letters(JamoTable.finals[$0]).dropFirst().first ?? 0
  }
  static let initialValues: [UInt32] = JamoTable.initials.map(\.value)
  static let finalValues: [UInt32] = JamoTable.finals.map(\.value)

  private static func letters(_ s: Unicode.Scalar) -> [UInt32] {
    guard let pair = JamoTable.splits[s] else { return [s.value] }
    return [pair.first.value, pair.second.value]
  }

  private static func scalar(_ v: UInt32) -> Unicode.Scalar { Unicode.Scalar(v) ?? "\u{0}" }
}
