extension Array where Element == Character {
  /// Whether `word` occurs in these characters starting at `index`.
  func has(_ word: String, at index: Int) -> Bool {
    var k = index
    for c in word {
      guard k < count, self[k] == c else { return false }
      k += 1
    }
    return true
  }
}
