/// The 두벌식 input automaton: feeds compatibility jamo one at a time and emits syllables the
/// way a Korean IME does — compound vowels (ㅗ+ㅏ → ㅘ), double finals (ㄹ+ㄱ → ㄺ), and a
/// final consonant that moves to the next syllable when a vowel follows (ㅇㅏㄴㅕ → 아녀, not 안ㅕ).
///
/// State is three small indices (see `JamoIndex`), so feeding a key is a few array reads.
struct SyllableComposer {
  private var initial: Int8 = JamoIndex.none  // leading-consonant index
  private var medial: Int8 = JamoIndex.none  // medial index
  private var final: Int8 = 0  // final index, 0 = none
  /// An initial consonant that cannot lead a syllable (ㄳ typed alone) is kept as an offset.
  private var strayConsonant: Int8 = JamoIndex.none

  /// Feeds one scalar; anything that is not a compatibility jamo ends the syllable and passes
  /// through.
  @inline(__always)
  mutating func feed(_ v: UInt32, into sink: inout some ScalarSink) {
    if v >= JamoIndex.vowelBase, v <= 0x3163 {
      feedVowel(Int(v - JamoIndex.vowelBase), into: &sink)
    } else if v >= JamoIndex.consonantBase, v < JamoIndex.vowelBase {
      feedConsonant(Int(v - JamoIndex.consonantBase), into: &sink)
    } else {
      flush(into: &sink)
      sink.append(v)
    }
  }

  mutating func flush(into sink: inout some ScalarSink) {
    if strayConsonant >= 0 {
      sink.append(JamoIndex.consonantBase + UInt32(strayConsonant))
    } else if initial >= 0, medial >= 0 {
      let index = (Int(initial) * 21 + Int(medial)) * 28 + Int(final)
      sink.append(HangulSyllable.base + UInt32(index))
    } else {
      if initial >= 0 { sink.append(JamoIndex.initialValues[Int(initial)]) }
      if medial >= 0 { sink.append(JamoIndex.vowelBase + UInt32(medial)) }
    }
    initial = JamoIndex.none
    medial = JamoIndex.none
    final = 0
    strayConsonant = JamoIndex.none
  }

  private mutating func feedConsonant(_ c: Int, into sink: inout some ScalarSink) {
    if initial >= 0, medial >= 0 {
      if final == 0 {
        let t = JamoIndex.finalOfConsonant[c]
        if t > 0 {
          final = t
          return
        }
      } else {
        let double = JamoIndex.compoundFinal[Int(final) * 30 + c]
        if double > 0 {
          final = double
          return
        }
      }
    }
    flush(into: &sink)
    let i = JamoIndex.initialOfConsonant[c]
    if i >= 0 { initial = i } else { strayConsonant = Int8(c) }
  }

  private mutating func feedVowel(_ m: Int, into sink: inout some ScalarSink) {
    if strayConsonant >= 0 { flush(into: &sink) }
    if medial < 0 {
      medial = Int8(m)  // after a lone initial, or at the start
      return
    }
    if final == 0 {
      let compound = JamoIndex.compoundVowel[Int(medial) * 21 + m]
      if compound >= 0 {
        medial = compound
        return
      }
      flush(into: &sink)
      medial = Int8(m)
      return
    }
    // The final consonant (or the second half of a double final) starts the next syllable.
    let (first, second) = JamoIndex.splitFinal[Int(final)]
    let moving: Int
    if first >= 0 {
      final = first
      moving = Int(second)
    } else {
      moving = Int(JamoIndex.consonantOfFinal[Int(final)])
      final = 0
    }
    flush(into: &sink)
    initial = JamoIndex.initialOfConsonant[moving]
    medial = Int8(m)
  }
}
