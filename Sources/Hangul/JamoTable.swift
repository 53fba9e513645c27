/// The jamo orders Unicode uses for syllable arithmetic, as compatibility jamo, plus the
/// compound letters the 두벌식 keyboard builds from two keys.
enum JamoTable {
  static let initials: [Unicode.Scalar] = scalars("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
  static let medials: [Unicode.Scalar] = scalars("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ")
  /// Index 0 is "no final"; a placeholder keeps the indices aligned with Unicode's.
  static let finals: [Unicode.Scalar] = ["\u{0}"] + scalars("ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

  static let initialIndex: [Unicode.Scalar: Int] = index(initials)
  static let medialIndex: [Unicode.Scalar: Int] = index(medials)
  static let finalIndex: [Unicode.Scalar: Int] = index(finals).filter { $0.value != 0 }

  /// Two vowels that combine into one: ㅗ+ㅏ = ㅘ and six more.
  static let compoundVowels: [Pair: Unicode.Scalar] = pairs([
    ("ㅗ", "ㅏ", "ㅘ"), ("ㅗ", "ㅐ", "ㅙ"), ("ㅗ", "ㅣ", "ㅚ"), ("ㅜ", "ㅓ", "ㅝ"),
    ("ㅜ", "ㅔ", "ㅞ"), ("ㅜ", "ㅣ", "ㅟ"), ("ㅡ", "ㅣ", "ㅢ"),
  ])

  /// Two consonants that combine into one final: ㄱ+ㅅ = ㄳ and ten more.
  static let compoundFinals: [Pair: Unicode.Scalar] = pairs([
    ("ㄱ", "ㅅ", "ㄳ"), ("ㄴ", "ㅈ", "ㄵ"), ("ㄴ", "ㅎ", "ㄶ"), ("ㄹ", "ㄱ", "ㄺ"),
    ("ㄹ", "ㅁ", "ㄻ"), ("ㄹ", "ㅂ", "ㄼ"), ("ㄹ", "ㅅ", "ㄽ"), ("ㄹ", "ㅌ", "ㄾ"),
    ("ㄹ", "ㅍ", "ㄿ"), ("ㄹ", "ㅎ", "ㅀ"), ("ㅂ", "ㅅ", "ㅄ"),
  ])

  /// The reverse of the two tables above: a compound letter → its two parts.
  static let splits: [Unicode.Scalar: Pair] = {
    var result: [Unicode.Scalar: Pair] = [:]
    for (pair, compound) in compoundVowels { result[compound] = pair }
    for (pair, compound) in compoundFinals { result[compound] = pair }
    return result
  }()

  struct Pair: Hashable {
    let first: Unicode.Scalar
    let second: Unicode.Scalar
  }

  static func isConsonant(_ s: Unicode.Scalar) -> Bool { (0x3131...0x314E).contains(s.value) }
  static func isVowel(_ s: Unicode.Scalar) -> Bool { (0x314F...0x3163).contains(s.value) }
  static func isCompatibilityJamo(_ s: Unicode.Scalar) -> Bool {
    (0x3131...0x3163).contains(s.value)
  }

  private static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

  private static func index(_ list: [Unicode.Scalar]) -> [Unicode.Scalar: Int] {
    var result: [Unicode.Scalar: Int] = [:]
    for (i, s) in list.enumerated() { result[s] = i }
    return result
  }

  private static func pairs(
    _ list: [(Unicode.Scalar, Unicode.Scalar, Unicode.Scalar)]
  ) -> [Pair: Unicode.Scalar] {
    var result: [Pair: Unicode.Scalar] = [:]
    for (a, b, c) in list { result[Pair(first: a, second: b)] = c }
    return result
  }
}
