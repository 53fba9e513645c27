import Hangul
import Synchronization

/// Remembers the hash of each word's josa-stripped stem.
///
/// Stripping is the slowest step of feature extraction (several microseconds a word) and
/// words repeat (Zipf), so a bounded memo shared by all callers pays for itself; it is
/// emptied when full rather than evicting one by one.
package final class StemCache: Sendable {
  private let table = Mutex<[Substring: UInt32]>([:])
  private let capacity: Int

  /// Creates an empty cache.
  ///
  /// - Parameter capacity: the most words kept before the cache is emptied.
  package init(capacity: Int = 200_000) {
    self.capacity = capacity
  }

  /// The FNV-1a hash (in `namespace`) of `word` with its particles stripped.
  ///
  /// - Parameters:
  ///   - word: one space-free token of prepared text.
  ///   - namespace: the feature namespace byte.
  /// - Returns: the hash.
  package func stemHash(_ word: Substring, namespace: UInt8) -> UInt32 {
    if let hit = table.withLock({ $0[word] }) { return hit }
    var hash = FNV1a(namespace: namespace)
    for scalar in Josa.stripped(from: word).unicodeScalars { hash.combine(scalar: scalar.value) }
    let value = hash.value
    table.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[word] = value
    }
    return value
  }
}
