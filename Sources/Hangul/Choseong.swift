/// 초성 (initial consonants): what people type when they are in a hurry ("ㄱㄱㄱㅈ" for 건강검진).
public enum Choseong {
  /// Replaces each syllable by its initial consonant: "건강검진" → "ㄱㄱㄱㅈ".
  ///
  /// Other characters stay.
  public static func extract(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if let syllable = HangulSyllable(scalar) {
        out.append(syllable.initialJamo)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether `text` is typed only in initial consonants (spaces and punctuation aside), with
  /// at least two of them: "ㄱㄱㄱㅈ", "ㅁㅂㅇ".
  public static func isChoseongOnly(_ text: String) -> Bool {
    var consonants = 0
    for scalar in text.unicodeScalars {
      if JamoTable.initialIndex[scalar] != nil {
        consonants += 1
      } else if scalar.properties.isAlphabetic || HangulSyllable(scalar) != nil {
        return false
      }
    }
    return consonants >= 2
  }

  /// Whether `query` matches somewhere in `text`, spaces ignored, where a consonant in the query
  /// stands for any syllable beginning with it and a syllable stands for itself:
  /// "ㄱㄱㄱㅈ" and "건강ㄱㅈ" both match "건강검진".
  public static func matches(query: String, in text: String) -> Bool {
    let q = Array(query.unicodeScalars.filter { !$0.properties.isWhitespace })
    let t = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    guard !q.isEmpty, q.count <= t.count else { return q.isEmpty }
    for start in 0...(t.count - q.count) {
      var matched = true
      for k in 0..<q.count where !matches(q[k], t[start + k]) {
        matched = false
        break
      }
      if matched { return true }
    }
    return false
  }

  private static func matches(_ q: Unicode.Scalar, _ t: Unicode.Scalar) -> Bool {
    if q == t { return true }
    guard JamoTable.initialIndex[q] != nil, let syllable = HangulSyllable(t) else { return false }
    return syllable.initialJamo == q
  }
}
