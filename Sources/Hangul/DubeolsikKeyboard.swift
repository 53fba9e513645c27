/// The standard Korean 두벌식 keyboard: text typed with the keyboard left in English mode
/// ("dkssudgktpdy") back to Hangul ("안녕하세요"), Hangul to its keys, and a score that says when
/// Latin input is probably Korean typed in the wrong mode.
public enum DubeolsikKeyboard {
  /// Unshifted keys.
  ///
  /// Shift gives ㅃㅉㄸㄲㅆㅒㅖ on Q W E R T O P and the plain jamo elsewhere.
  static let keyToJamo: [Character: Unicode.Scalar] = [
    "q": "ㅂ", "w": "ㅈ", "e": "ㄷ", "r": "ㄱ", "t": "ㅅ", "y": "ㅛ", "u": "ㅕ", "i": "ㅑ",
    "o": "ㅐ", "p": "ㅔ", "a": "ㅁ", "s": "ㄴ", "d": "ㅇ", "f": "ㄹ", "g": "ㅎ", "h": "ㅗ",
    "j": "ㅓ", "k": "ㅏ", "l": "ㅣ", "z": "ㅋ", "x": "ㅌ", "c": "ㅊ", "v": "ㅍ", "b": "ㅠ",
    "n": "ㅜ", "m": "ㅡ",
    "Q": "ㅃ", "W": "ㅉ", "E": "ㄸ", "R": "ㄲ", "T": "ㅆ", "O": "ㅒ", "P": "ㅖ",
  ]

  /// The same map by ASCII code, shift included, 0 for keys that type no jamo.
  static let asciiToJamo: [UInt32] = (0..<128).map { code in
    guard let scalar = Unicode.Scalar(code), let key = Optional(Character(scalar)),
      key.isLetter
    else { return 0 }
    if let jamo = keyToJamo[key] { return jamo.value }
    return keyToJamo[Character(key.lowercased())]?.value ?? 0
  }

  static let jamoToKey: [Unicode.Scalar: Character] = {
    var result: [Unicode.Scalar: Character] = [:]
    for (key, jamo) in keyToJamo { result[jamo] = key }
    return result
  }()

  /// The jamo a key types, with shift applied as a real keyboard does.
  public static func jamo(forKey key: Character) -> Unicode.Scalar? {
    guard let ascii = key.asciiValue, asciiToJamo[Int(ascii)] != 0 else { return nil }
    return Unicode.Scalar(asciiToJamo[Int(ascii)])
  }

  /// Converts keys typed in English mode to the Hangul the user meant; characters that are not
  /// letter keys (digits, spaces, punctuation, Hangul) pass through and end the syllable.
  public static func hangul(fromKeys text: String) -> String {
    var sink = UTF8Sink(capacity: text.utf8.count * 2)
    convert(text, into: &sink)
    return sink.string
  }

  static func convert(_ text: some StringProtocol, into sink: inout some ScalarSink) {
    var composer = SyllableComposer()
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 128, asciiToJamo[Int(v)] != 0 {
        composer.feed(asciiToJamo[Int(v)], into: &sink)
      } else {
        composer.flush(into: &sink)
        sink.append(v)
      }
    }
    composer.flush(into: &sink)
  }

  /// The keys that type `text` on a 두벌식 keyboard; non-Hangul characters pass through.
  public static func keys(fromHangul text: String) -> String {
    var out = ""
    for scalar in Jamo.decompose(text, to: .letters).unicodeScalars {
      if let key = jamoToKey[scalar] {
        out.append(key)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
