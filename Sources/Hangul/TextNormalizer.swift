import Foundation

/// The one normalization every input edge applies before Korean text is compared or hashed.
///
/// NFC and NFD "한" are equal `String`s with different bytes, full-width "ＡＢＣ" and zero-width
/// spaces arrive from phones and web forms, and a 2벌식 user may type loose jamo: all of this is
/// folded here so that everything downstream sees one spelling.
public enum TextNormalizer {
  /// The normalized text.
  ///
  /// NFC; full-width ASCII → ASCII; invisible characters removed (U+200B zero-width space,
  /// U+200C ZWNJ, U+2060 word joiner, U+FEFF BOM, U+00AD soft hyphen, U+180E, and U+200D ZWJ
  /// except between two parts of an emoji, where it joins 👨‍👩‍👧 into one family); control
  /// characters and whitespace runs collapsed to one space and trimmed; loose compatibility
  /// jamo that form syllables composed (ㅎㅏㄴ → 한, while ㄱㄱㄱㅈ stays). Variation selectors
  /// (U+FE0F) and skin-tone modifiers are kept.
  public static func normalize(_ text: String) -> String {
    if let result = fold(text, composeFirst: false) { return result }
    // Some scalar may not be in NFC: compose canonically, then fold again.
    return fold(text.precomposedStringWithCanonicalMapping, composeFirst: true) ?? ""
  }

  /// Canonical composition (NFC) only, for values that keep their spacing and width, such as
  /// names and addresses in a profile.
  public static func nfc(_ text: String) -> String {
    for scalar in text.unicodeScalars where !isNFCStable(scalar.value) {
      if (0xAC00...0xD7A3).contains(scalar.value) { continue }
      return text.precomposedStringWithCanonicalMapping
    }
    return text
  }

  /// One pass over the scalars; returns nil (when `composeFirst` is false) as soon as a scalar
  /// outside the ranges known to be NFC-stable appears, so the common path skips Foundation.
  private static func fold(_ text: String, composeFirst: Bool) -> String? {
    var sink = UTF8Sink(capacity: text.utf8.count)
    var pendingSpace = false
    var written = false
    var sawJamoVowel = false
    // A ZWJ right after an emoji part is held until the next scalar shows whether it joins.
    var lastWasEmoji = false
    var heldJoiner = false
    // Most input is already normal: then the original string is returned and the copy dropped.
    var changed = composeFirst
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if heldJoiner {
        heldJoiner = false
        if v >= 0x80, isEmojiPart(scalar) {
          sink.append(0x200D)
        } else {
          changed = true
        }
      }
      if v == 0x200D, lastWasEmoji, !pendingSpace {
        heldJoiner = true
        lastWasEmoji = false
        continue
      }
      lastWasEmoji = v >= 0x80 && isEmojiPart(scalar)
      let isSpace: Bool
      if v < 0x80 {
        isSpace = v <= 0x20 || v == 0x7F
      } else if v >= 0xAC00, v <= 0xD7A3 {
        isSpace = false
      } else {
        if isRemoved(v) {
          changed = true
          continue
        }
        if !composeFirst, !isNFCStable(v) { return nil }
        isSpace = (0x80...0x9F).contains(v) || scalar.properties.isWhitespace
      }
      if isSpace {
        // Only a single ' ' between words is kept as it is.
        if v != 0x20 || pendingSpace || !written { changed = true }
        pendingSpace = written
        continue
      }
      if pendingSpace {
        sink.append(0x20)
        pendingSpace = false
      }
      written = true
      if v >= 0xFF01, v <= 0xFF5E {
        changed = true
        sink.append(v - 0xFEE0)  // full-width ASCII
      } else {
        if v >= 0x314F, v <= 0x3163 { sawJamoVowel = true }
        sink.append(v)
      }
    }
    if pendingSpace || heldJoiner { changed = true }  // trailing whitespace or ZWJ dropped
    let result = changed ? sink.string : text
    return sawJamoVowel ? Jamo.compose(result) : result
  }

  /// Ranges with no canonical decomposition or combining class: text made only of these is
  /// already NFC.
  private static func isNFCStable(_ v: UInt32) -> Bool {
    v < 0x300 || (0x2000...0x206F).contains(v) || (0x3000...0x3030).contains(v)
      || (0x3131...0x318E).contains(v) || (0xFF01...0xFF5E).contains(v)
      || (0x1F300...0x1FAFF).contains(v)
  }

  /// Whether `scalar` can stand on either side of a ZWJ in an emoji sequence.
  ///
  /// An emoji (not an ASCII digit or `#`, which are "emoji" only as keycap bases), a variation
  /// selector, a skin-tone modifier or a tag character. Hangul is never one, so Hangul text
  /// normalizes exactly as before.
  private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v)
      || (0x3131...0x318E).contains(v)
    {
      return false
    }
    return v == 0xFE0F || (0xE0020...0xE007F).contains(v) || scalar.properties.isEmoji
  }

  private static func isRemoved(_ v: UInt32) -> Bool {
    switch v {
    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: true
    default: false
    }
  }
}
