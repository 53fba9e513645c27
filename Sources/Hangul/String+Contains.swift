#if canImport(Glibc)
  import Glibc
#endif

extension StringProtocol {
  /// Whether `other` occurs in the text, compared as UTF-8 bytes.
  ///
  /// With Foundation imported, `"…".contains("…")` resolves to `NSString`'s search, which
  /// bridges both strings and compares them cluster by cluster; the dialogue asks it thousands
  /// of times a turn (every title word, frame word and alias against the line), and it was a
  /// tenth of the reply time. Every text is NFC from its input edge on, so equal text is equal
  /// bytes and a byte search finds what the cluster search found. Like Foundation's, an empty
  /// `other` is not contained.
  @inlinable
  public func contains(_ other: String) -> Bool { byteOffset(of: other) != nil }

  /// Where `word` first occurs, found as `contains` finds it; nil when it does not (or is empty).
  public func range(ofText word: String) -> Range<Index>? {
    guard let offset = byteOffset(of: word) else { return nil }
    let start = utf8.index(utf8.startIndex, offsetBy: offset)
    return start..<utf8.index(start, offsetBy: word.utf8.count)
  }

  /// The UTF-8 offset where `word` first occurs.
  @usableFromInline
  func byteOffset(of word: String) -> Int? {
    guard !word.isEmpty else { return nil }
    let direct = utf8.withContiguousStorageIfAvailable { text in
      word.utf8.withContiguousStorageIfAvailable { word in searchBytes(word, in: text) }
    }
    if let direct, let found = direct { return found }
    let text = Array(utf8)
    let bytes = Array(word.utf8)
    return text.withUnsafeBufferPointer { text in
      bytes.withUnsafeBufferPointer { word in searchBytes(word, in: text) }
    }
  }
}

/// Where `word` first occurs in `text`: `memchr` to each candidate first byte, `memcmp` there.
@usableFromInline
func searchBytes(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
  guard word.count <= text.count, let needle = word.baseAddress, let start = text.baseAddress
  else { return nil }
  let end = start + (text.count - word.count)  // the last place the word can start
  var at = start
  while at <= end {
    guard let hit = memchr(at, Int32(needle.pointee), end - at + 1) else { return nil }
    let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
    if memcmp(candidate, needle, word.count) == 0 { return candidate - start }
    at = candidate + 1
  }
  return nil
}

extension StringProtocol {
  /// The text with its spaces taken out ("지금 뭐 해야 돼" → "지금뭐해야돼"): citizens write the
  /// same words with and without them.
  public var unspaced: String {
    var out = String()
    out.reserveCapacity(utf8.count)
    for scalar in unicodeScalars where scalar != " " { out.unicodeScalars.append(scalar) }
    return out
  }
}
