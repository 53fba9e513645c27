import Hangul
import Synchronization

/// Remembers the hashes of each word's josa-stripped stem and of that stem's 초성.
///
/// Stripping is the slowest step of feature extraction (several microseconds a word) and
/// words repeat (Zipf), so a bounded memo shared by all callers pays for itself; it is
/// emptied when full rather than evicting one by one. Words are looked up by their scalars,
/// read in place: no `String` is built (nor hashed with Unicode normalization) unless the word
/// is new.
package final class StemCache: Sendable {
  private let table = Mutex<[UInt64: Entry]>([:])
  private let capacity: Int

  /// A remembered word: its scalars (to tell apart words whose keys collide) and its hashes.
  private struct Entry {
    var word: [UInt32]
    var hashes: StemHashes
  }

  /// Creates an empty cache.
  ///
  /// - Parameter capacity: the most words kept before the cache is emptied.
  package init(capacity: Int = 200_000) {
    self.capacity = capacity
  }

  /// The FNV-1a hashes of a word with its particles stripped, and of its 초성.
  ///
  /// - Parameter word: the scalar values of one space-free token of prepared text.
  /// - Returns: the two hashes.
  package func hashes(_ word: UnsafeBufferPointer<UInt32>) -> StemHashes {
    var key: UInt64 = 14_695_981_039_346_656_037
    for v in word { key = (key ^ UInt64(v)) &* 1_099_511_628_211 }
    let hit = table.withLock { table -> StemHashes? in
      guard let entry = table[key], entry.word.elementsEqual(word) else { return nil }
      return entry.hashes
    }
    if let hit { return hit }
    var text = String.UnicodeScalarView()
    for v in word { text.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
    let value = StemHashes(of: String(text))
    table.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[key] = Entry(word: Array(word), hashes: value)
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

  /// Strips `word` and hashes the stem and its 초성.
  ///
  /// - Parameter word: one space-free token of prepared text.
  package init(of word: String) {
    let stem = Josa.stripped(from: word)
    var stemHash = FNV1a(namespace: Self.stemNamespace)
    for scalar in stem.unicodeScalars { stemHash.combine(scalar: scalar.value) }
    var initialsHash = FNV1a(namespace: Self.initialsNamespace)
    for scalar in Choseong.extract(stem).unicodeScalars {
      initialsHash.combine(scalar: scalar.value)
    }
    self.stem = stemHash.value
    self.initials = initialsHash.value
  }
}
