/// Decomposition of Hangul text into jamo and composition back.
public enum Jamo {
  public enum Form: Sendable {
    /// Conjoining jamo (U+1100…), exactly what NFD produces for syllables.
    case conjoining
    /// Compatibility jamo (U+3131…), one letter per jamo: 괜 → ㄱㅙㄴ.
    case compatibility
    /// Compatibility jamo with compound vowels and finals split into keyboard letters:
    /// 괜 → ㄱㅗㅐㄴ. Typo-tolerant features use this form.
    case letters
  }

  /// Replaces every Hangul syllable by its jamo; other characters are kept.
  public static func decompose(_ text: String, to form: Form = .compatibility) -> String {
    var sink = UTF8Sink(capacity: text.utf8.count * 3)
    for scalar in text.unicodeScalars {
      let v = scalar.value
      let index = Int(v) - Int(HangulSyllable.base)
      guard index >= 0, index < HangulSyllable.count else {
        if form == .letters, v >= JamoIndex.consonantBase, v <= 0x3163,
          let pair = JamoTable.splits[scalar]
        {
          sink.append(pair.first)
          sink.append(pair.second)
        } else {
          sink.append(v)
        }
        continue
      }
      let l = index / 588
      let m = (index / 28) % 21
      let t = index % 28
      switch form {
      case .conjoining:
        sink.append(0x1100 + UInt32(l))
        sink.append(0x1161 + UInt32(m))
        if t != 0 { sink.append(0x11A7 + UInt32(t)) }
      case .compatibility:
        sink.append(JamoIndex.initialValues[l])
        sink.append(JamoIndex.vowelBase + UInt32(m))
        if t != 0 { sink.append(JamoIndex.finalValues[t]) }
      case .letters:
        sink.append(JamoIndex.initialValues[l])
        sink.append(JamoIndex.medialFirst[m])
        if JamoIndex.medialSecond[m] != 0 { sink.append(JamoIndex.medialSecond[m]) }
        if t != 0 {
          sink.append(JamoIndex.finalFirst[t])
          if JamoIndex.finalSecond[t] != 0 { sink.append(JamoIndex.finalSecond[t]) }
        }
      }
    }
    return sink.string
  }

  /// Composes jamo into syllables.
  ///
  /// Conjoining jamo compose canonically (L V T? → syllable, as NFC does). Runs of compatibility
  /// jamo that contain a vowel are composed as a 두벌식 keyboard would (ㅎㅏㄴㄱㅡㄹ → 한글);
  /// runs of consonants alone, such as a 초성 query "ㄱㄱㄱㅈ" or "ㅋㅋ", are left as they are.
  public static func compose(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var sink = UTF8Sink(capacity: text.utf8.count)
    var i = 0
    while i < scalars.count {
      let v = scalars[i].value
      if JamoTable.isCompatibilityJamo(scalars[i]) {
        var end = i
        var hasVowel = false
        while end < scalars.count, JamoTable.isCompatibilityJamo(scalars[end]) {
          if JamoTable.isVowel(scalars[end]) { hasVowel = true }
          end += 1
        }
        if hasVowel {
          var composer = SyllableComposer()
          for k in i..<end { composer.feed(scalars[k].value, into: &sink) }
          composer.flush(into: &sink)
        } else {
          for k in i..<end { sink.append(scalars[k].value) }
        }
        i = end
      } else if let (syllable, used) = conjoiningSyllable(scalars, at: i) {
        sink.append(syllable)
        i += used
      } else {
        sink.append(v)
        i += 1
      }
    }
    return sink.string
  }

  /// L V (T)? in conjoining jamo → one syllable; returns the scalar value and how many it used.
  private static func conjoiningSyllable(_ s: [Unicode.Scalar], at i: Int) -> (UInt32, Int)? {
    guard i + 1 < s.count else { return nil }
    let l = s[i].value
    let v = s[i + 1].value
    guard (0x1100...0x1112).contains(l), (0x1161...0x1175).contains(v) else { return nil }
    let base = HangulSyllable.base + ((l - 0x1100) * 21 + (v - 0x1161)) * 28
    if i + 2 < s.count, (0x11A8...0x11C2).contains(s[i + 2].value) {
      return (base + s[i + 2].value - 0x11A7, 3)
    }
    return (base, 2)
  }
}
