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
    case syllable = 1, joined, jamo, choseong, wordPair = 6, polarity = 8
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
    // A text of no more UTF-8 bytes than the limit has no more scalars either.
    if t.utf8.count > options.maxCharacters && t.unicodeScalars.count > options.maxCharacters {
      t = String(t.prefix(options.maxCharacters))
    }
    var letters = Letters(t)
    if letters.latin, let corrected = DubeolsikKeyboard.correctedIfMistyped(t) {
      t = corrected
      letters = Letters(t)
    }
    return letters.upper || letters.otherCased ? t.lowercased() : t
  }

  /// What one pass over a text's UTF-8 says about its letters.
  private struct Letters {
    /// An ASCII letter: the text may be Korean typed in English mode.
    var latin = false
    /// An ASCII capital.
    var upper = false
    /// A scalar in U+0080..<U+3000, where the other cased scripts are (lead bytes C2–E2).
    var otherCased = false

    init(_ text: String) {
      for byte in text.utf8 {
        if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
          latin = true
          if byte <= 0x5A { upper = true }
        } else if byte >= 0xC2 && byte <= 0xE2 {
          otherCased = true
        }
      }
    }
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
    // Four views of the text side by side in one temporary buffer (on the stack for usual
    // lengths), spaces kept as word separators: its scalars, their jamo (compatibility
    // letters), their 초성, and the scalars without spaces. A scalar has at most as many jamo
    // as UTF-8 bytes, so the UTF-8 length bounds every view.
    let capacity = prepared.utf8.count
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * capacity) { buffer in
      guard let base = buffer.baseAddress else { return }
      let scalars = base
      let jamo = base + capacity
      let initials = base + 2 * capacity
      let joined = base + 3 * capacity
      var count = 0
      var jamoCount = 0
      var joinedCount = 0
      var wordCount = 0
      for scalar in prepared.unicodeScalars {
        let v = scalar.value
        if v != 0x20 && (count == 0 || scalars[count - 1] == 0x20) { wordCount += 1 }
        scalars[count] = v
        if let syllable = HangulSyllable(scalar) {
          initials[count] = syllable.initialJamo.value
          jamo[jamoCount] = fold(syllable.initialJamo.value)
          jamo[jamoCount + 1] = syllable.medialJamo.value
          jamoCount += 2
          if let final = syllable.finalJamo {
            jamo[jamoCount] = fold(final.value)
            jamoCount += 1
          }
        } else {
          initials[count] = v
          jamo[jamoCount] = v
          jamoCount += 1
        }
        if v != 0x20 {
          joined[joinedCount] = v
          joinedCount += 1
        }
        count += 1
      }
      // At most one feature per n for each position of a word between its marks, and three
      // per word: features are written into a buffer of that size, then copied out once.
      let marked = count + 2 * wordCount
      let bound =
        marked * (max(options.syllableGrams, 1) + max(options.choseongGrams, 0))
        + (jamoCount + 2 * wordCount) * max(options.jamoGrams.upperBound, 0)
        + joinedCount * max(options.joinedGrams, 0) + 3 * wordCount
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bound) { features in
        guard let start = features.baseAddress else { return }
        var writer = FeatureWriter(base: start, capacity: bound)
        let text = UnsafeBufferPointer(start: scalars, count: count)
        let syllableRange = 1...max(options.syllableGrams, 1)
        let skip = options.choseongGrams > 0 && Self.isChoseongOnly(text)
        eachWord(text) {
          if skip { return }
          grams($0, bounded: true, n: syllableRange, .syllable, &writer)
        }
        if !options.jamoGrams.isEmpty && options.jamoGrams.lowerBound > 0 {
          eachWord(UnsafeBufferPointer(start: jamo, count: jamoCount)) {
            if skip { return }
            grams($0, bounded: true, n: options.jamoGrams, .jamo, &writer)
          }
        }
        if options.choseongGrams > 0 {
          eachWord(UnsafeBufferPointer(start: initials, count: count)) {
            grams($0, bounded: true, n: 1...options.choseongGrams, .choseong, &writer)
          }
        }
        // One word has no joined n-grams of its own: they would repeat its syllable n-grams.
        if options.joinedGrams >= 2 && joinedCount < count {
          grams(
            UnsafeBufferPointer(start: joined, count: joinedCount), bounded: false,
            n: 2...options.joinedGrams, .joined, &writer)
        }
        if options.words || options.wordBigrams {
          wordFeatures(text, &writer)
        }
        out.append(contentsOf: UnsafeBufferPointer(start: start, count: writer.count))
      }
    }
    if options.polarity { polarityFeatures(prepared, into: &out) }
  }

  /// What the polarity detector reads in the line, as features: its polarity, whether it
  /// negates anything, and whether it is nothing but a yes or a no.
  private func polarityFeatures(_ prepared: String, into out: inout [UInt32]) {
    let reading = PolarityDetector.reading(of: Array(prepared), afterOffer: false)
    func append(_ code: UInt32) {
      var hash = FNV1a(namespace: Namespace.polarity.rawValue)
      hash.combine(scalar: code)
      out.append(hash.value & mask)
    }
    switch reading.polarity {
    case .positive: append(reading.isOnlyAnswer ? 1 : 2)
    case .negative: append(reading.isOnlyAnswer ? 3 : 4)
    case .neutral: break
    }
    if reading.hasNegation { append(5) }
    if reading.isMixed { append(6) }
  }

  /// Appends features to a buffer sized in advance (cheaper than `Array.append`, which checks
  /// uniqueness and capacity each time).
  private struct FeatureWriter {
    let base: UnsafeMutablePointer<UInt32>
    let capacity: Int
    var count = 0

    init(base: UnsafeMutablePointer<UInt32>, capacity: Int) {
      self.base = base
      self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ feature: UInt32) {
      precondition(count < capacity, "feature bound too small")
      base[count] = feature
      count += 1
    }
  }

  /// Whether a text is nothing but Hangul consonant letters (ㄱ…ㅎ) and spaces.
  ///
  /// That is a line typed wholly in 초성. Such a line gets no syllable or jamo n-grams (they would repeat its 초성
  /// n-grams in namespaces where only other 초성-typed lines meet them, which in `Intents/` are
  /// mostly out-of-scope noise such as ㅋㅋ and ㅁㄴㅇㄹ), so that it is read by its 초성
  /// features, where it meets the 초성 of whole words. Lines mixing 초성 and syllables keep
  /// theirs: there the typed 초성 words match the same words typed so in training.
  @inline(__always)
  private static func isChoseongOnly(_ text: UnsafeBufferPointer<UInt32>) -> Bool {
    for v in text where v != 0x20 && !(0x3131...0x314E).contains(v) { return false }
    return true
  }

  /// The plain consonant of a tense one (compatibility letters ㄲ ㄸ ㅃ ㅆ ㅉ, each right
  /// after its plain letter), when the options fold them; any other letter as it is.
  @inline(__always)
  private func fold(_ letter: UInt32) -> UInt32 {
    guard options.foldTense else { return letter }
    switch letter {
    case 0x3132, 0x3138, 0x3143, 0x3146, 0x3149: return letter - 1
    default: return letter
    }
  }

  /// Calls `body` with each maximal run of units that are not spaces.
  @inline(__always)
  private func eachWord(
    _ units: UnsafeBufferPointer<UInt32>, _ body: (UnsafeBufferPointer<UInt32>) -> Void
  ) {
    guard let base = units.baseAddress else { return }
    var start = 0
    for i in 0...units.count where i == units.count || units[i] == 0x20 {
      if i > start { body(UnsafeBufferPointer(start: base + start, count: i - start)) }
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
    _ word: UnsafeBufferPointer<UInt32>, bounded: Bool, n range: ClosedRange<Int>,
    _ ns: Namespace, _ out: inout FeatureWriter
  ) {
    // Units are the word's scalars, between a start and an end mark when bounded; they are
    // read in place rather than copied.
    let count = word.count + (bounded ? 2 : 0)
    let seed = FNV1a(namespace: ns.rawValue)
    for i in 0..<count {
      var hash = seed
      for n in 1...range.upperBound {
        let last = i + n - 1
        guard last < count else { break }
        let unit: UInt32
        if bounded {
          unit = last == 0 ? Self.wordStart : last == count - 1 ? Self.wordEnd : word[last - 1]
        } else {
          unit = word[last]
        }
        hash.combine(scalar: unit)
        if n < range.lowerBound { continue }
        // A lone boundary mark says nothing.
        if n == 1 && bounded && (i == 0 || last == count - 1) { continue }
        out.append(hash.value & mask)
      }
    }
  }

  private func wordFeatures(_ text: UnsafeBufferPointer<UInt32>, _ out: inout FeatureWriter) {
    var previous: UInt32?
    eachWord(text) { word in
      let hashes = stems.hashes(word)
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
