/// Terminal column width of text: wide (East Asian) characters take two columns.
///
/// Carets under Hangul only line up when padding counts Hangul as two columns; this is a
/// compact table of the wide ranges that matter for Korean text, CJK and emoji.
public enum DisplayWidth {
  public static func of(_ text: some StringProtocol) -> Int {
    var width = 0
    for character in text { width += of(character) }
    return width
  }

  public static func of(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    return isWide(scalar.value) ? 2 : 1
  }

  static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F,  // Hangul choseong (leading jamo)
      0x2E80...0x303E, 0x3041...0x33FF,  // CJK radicals, kana, compatibility jamo
      0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
      0xA960...0xA97F,  // Hangul jamo extended-A
      0xAC00...0xD7A3,  // Hangul syllables
      0xF900...0xFAFF, 0xFE30...0xFE4F,  // compatibility ideographs and forms
      0xFF00...0xFF60, 0xFFE0...0xFFE6,  // full-width forms
      0x1F300...0x1F64F, 0x1F900...0x1F9FF,  // emoji
      0x20000...0x3FFFD:
      true
    default:
      false
    }
  }
}
