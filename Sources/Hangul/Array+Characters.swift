extension Array where Element == Character {
  /// Whether `word` occurs in these characters starting at `index`.
  ///
  /// Compared scalar by scalar: iterating `word` by `Character` runs the grapheme breaker on
  /// every Hangul syllable, and the entity extractors ask this for each word of their lists at
  /// each position of a line. Both sides are NFC, so equal characters are equal scalars.
  package func has(_ word: String, at index: Int) -> Bool {
    guard index >= 0 else { return false }
    var k = index
    var scalars = word.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard k < count else { return false }
      var own = self[k].unicodeScalars.makeIterator()
      guard own.next() == scalar else { return false }
      while let next = own.next() {
        guard scalars.next() == next else { return false }
      }
      k += 1
    }
    return true
  }
}
