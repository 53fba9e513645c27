import Hangul

/// Turns an utterance into hashed feature indices: syllable, joined, jamo and 초성 n-grams
/// and josa-stripped words, all FNV-1a hashed into `1 << bucketBits` buckets.
package struct FeatureExtractor: Sendable {
  /// The options in force.
  package let options: FeatureOptions
  private let mask: UInt32
  private let stems = StemCache()

  private enum Namespace: UInt8 {
    // 5 and 7 are the stem and stem-초성 namespaces of `StemHashes`.
    case syllable = 1, joined, jamo, choseong, wordPair = 6
  }

  /// Marks the start and end of a word inside n-grams (not characters that occur in text).
  private static let wordStart: UInt32 = 0x02
  private static let wordEnd: UInt32 = 0x03

  /// Creates an extractor.
  ///
  /// - Parameter options: which features to produce.
  package init(options: FeatureOptions) {
    self.options = options
    self.mask = UInt32((1 << options.bucketBits) - 1)
  }

  /// The text the features are taken from: normalised (NFC, spacing, full-width), cut to
  /// `maxCharacters`, English-mode typing turned back into Hangul, lower-cased.
  ///
  /// - Parameter text: raw input.
  /// - Returns: the prepared text.
  package func prepare(_ text: String) -> String {
    var t = TextNormalizer.normalize(text)
    if t.unicodeScalars.count > options.maxCharacters {
      t = String(t.prefix(options.maxCharacters))
    }
    if t.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }),
      let corrected = DubeolsikKeyboard.correctedIfMistyped(t)
    {
      t = corrected
    }
    let hasUpper = t.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }
    let hasOtherCase = t.unicodeScalars.contains { $0.value >= 0x80 && $0.value < 0x3000 }
    return hasUpper || hasOtherCase ? t.lowercased() : t
  }

  /// Hashed features of `text`, appended to `into` (indices may repeat: they add up).
  ///
  /// - Parameters:
  ///   - text: raw input.
  ///   - into: the buffer to append bucket indices to.
  package func features(of text: String, into out: inout [UInt32]) {
    features(ofPrepared: prepare(text), into: &out)
  }

  /// Hashed features of text already passed through `prepare`, appended to `into`.
  ///
  /// - Parameters:
  ///   - prepared: the output of `prepare`.
  ///   - into: the buffer to append bucket indices to.
  package func features(ofPrepared prepared: String, into out: inout [UInt32]) {
    guard !prepared.isEmpty else { return }
    // One pass builds three parallel views, spaces kept as word separators: the scalars, their
    // jamo (compatibility letters, no tables beyond HangulSyllable's own) and their 초성.
    var scalars: [UInt32] = []
    var jamo: [UInt32] = []
    var initials: [UInt32] = []
    scalars.reserveCapacity(prepared.utf8.count)
    jamo.reserveCapacity(prepared.utf8.count)
    initials.reserveCapacity(prepared.utf8.count)
    for scalar in prepared.unicodeScalars {
      scalars.append(scalar.value)
      if let syllable = HangulSyllable(scalar) {
        initials.append(syllable.initialJamo.value)
        jamo.append(syllable.initialJamo.value)
        jamo.append(syllable.medialJamo.value)
        if let final = syllable.finalJamo { jamo.append(final.value) }
      } else {
        initials.append(scalar.value)
        jamo.append(scalar.value)
      }
    }
    let syllableRange = 1...max(options.syllableGrams, 1)
    let useJamo = !options.jamoGrams.isEmpty && options.jamoGrams.lowerBound > 0
    eachWord(scalars) { grams($0, bounded: true, n: syllableRange, .syllable, &out) }
    if useJamo {
      eachWord(jamo) { grams($0, bounded: true, n: options.jamoGrams, .jamo, &out) }
    }
    if options.choseongGrams > 0 {
      eachWord(initials) { grams($0, bounded: true, n: 1...options.choseongGrams, .choseong, &out) }
    }
    if options.joinedGrams >= 2 && scalars.contains(0x20) {
      let joined = scalars.filter { $0 != 0x20 }
      grams(joined[...], bounded: false, n: 2...options.joinedGrams, .joined, &out)
    }
    if options.words || options.wordBigrams {
      wordFeatures(prepared, &out)
    }
  }

  @inline(__always)
  private func eachWord(_ units: [UInt32], _ body: (ArraySlice<UInt32>) -> Void) {
    var start = 0
    for i in 0...units.count where i == units.count || units[i] == 0x20 {
      if i > start { body(units[start..<i]) }
      start = i + 1
    }
  }

  /// Hashed features of `text` as a new array.
  ///
  /// - Parameter text: raw input.
  /// - Returns: bucket indices.
  package func features(of text: String) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(256)
    features(of: text, into: &out)
    return out
  }

  private func grams(
    _ word: ArraySlice<UInt32>, bounded: Bool, n range: ClosedRange<Int>, _ ns: Namespace,
    _ out: inout [UInt32]
  ) {
    // Units are the word's scalars, between a start and an end mark when bounded; they are
    // read in place rather than copied.
    let base = word.startIndex
    let count = word.count + (bounded ? 2 : 0)
    let seed = FNV1a(namespace: ns.rawValue)
    for i in 0..<count {
      var hash = seed
      for n in 1...range.upperBound {
        let last = i + n - 1
        guard last < count else { break }
        let unit: UInt32
        if bounded {
          unit =
            last == 0 ? Self.wordStart : last == count - 1 ? Self.wordEnd : word[base + last - 1]
        } else {
          unit = word[base + last]
        }
        hash.combine(scalar: unit)
        if n < range.lowerBound { continue }
        // A lone boundary mark says nothing.
        if n == 1 && bounded && (i == 0 || last == count - 1) { continue }
        out.append(hash.value & mask)
      }
    }
  }

  private func wordFeatures(_ prepared: String, _ out: inout [UInt32]) {
    var previous: UInt32?
    for token in prepared.split(separator: " ") {
      let hashes = stems.hashes(token)
      if options.words {
        out.append(hashes.stem & mask)
        if options.choseongGrams > 0 { out.append(hashes.initials & mask) }
      }
      if options.wordBigrams, let previous {
        var pair = FNV1a(namespace: Namespace.wordPair.rawValue)
        pair.combine(word: previous)
        pair.combine(word: hashes.stem)
        out.append(pair.value & mask)
      }
      previous = hashes.stem
    }
  }
}
