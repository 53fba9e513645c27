import Hangul
import Synchronization

/// Remembers the hashes of each word's josa-stripped stem and of that stem's 초성.
///
/// Stripping is the slowest step of feature extraction (several microseconds a word) and
/// words repeat (Zipf), so a bounded memo shared by all callers pays for itself; it is
/// emptied when full rather than evicting one by one.
package final class StemCache: Sendable {
  private let table = Mutex<[Substring: StemHashes]>([:])
  private let capacity: Int

  /// Creates an empty cache.
  ///
  /// - Parameter capacity: the most words kept before the cache is emptied.
  package init(capacity: Int = 200_000) {
    self.capacity = capacity
  }

  /// The FNV-1a hashes of `word` with its particles stripped, and of its 초성.
  ///
  /// - Parameter word: one space-free token of prepared text.
  /// - Returns: the two hashes.
  package func hashes(_ word: Substring) -> StemHashes {
    if let hit = table.withLock({ $0[word] }) { return hit }
    let stem = Josa.stripped(from: word)
    var stemHash = FNV1a(namespace: StemHashes.stemNamespace)
    for scalar in stem.unicodeScalars { stemHash.combine(scalar: scalar.value) }
    var initialsHash = FNV1a(namespace: StemHashes.initialsNamespace)
    for scalar in Choseong.extract(stem).unicodeScalars {
      initialsHash.combine(scalar: scalar.value)
    }
    let value = StemHashes(stem: stemHash.value, initials: initialsHash.value)
    table.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[word] = value
    }
    return value
  }
}

/// Hashes of a word's stem and of the stem's 초성 ("건강검진을" → 건강검진, ㄱㄱㄱㅈ), so that a
/// word typed in 초성 alone meets the whole word.
package struct StemHashes: Sendable, Hashable {
  static let stemNamespace: UInt8 = 5
  static let initialsNamespace: UInt8 = 7

  /// Hash of the stripped stem.
  package var stem: UInt32
  /// Hash of the stem's 초성.
  package var initials: UInt32
}
