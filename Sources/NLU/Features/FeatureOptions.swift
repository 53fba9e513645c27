/// Which features the extractor produces and how many hash buckets they share.
///
/// Part of a model's identity: a cached model trained with other options is stale.
package struct FeatureOptions: Sendable, Hashable, Codable {
  /// log2 of the number of hash buckets.
  package var bucketBits: Int
  /// Syllable (character) n-grams of each word with boundary marks, n = 1…this.
  package var syllableGrams: Int
  /// Character n-grams of the text with spaces removed, n = 2…this (0 = off); they make
  /// "국가건강검진대상" and "국가 건강검진 대상" share features.
  package var joinedGrams: Int
  /// Jamo-letter n-grams of each word (typo tolerance), n in this range (empty = off).
  package var jamoGrams: ClosedRange<Int>
  /// 초성 n-grams of each word, n = 1…this (0 = off); "ㄱㄱㄱㅈ" meets "건강검진" here.
  package var choseongGrams: Int
  /// Josa-stripped word tokens.
  package var words: Bool
  /// Adjacent pairs of josa-stripped words.
  package var wordBigrams: Bool
  /// Characters of input looked at; the rest of a longer text is ignored.
  package var maxCharacters: Int
  /// Whether features are weighted by inverse document frequency (computed per bucket on the
  /// training set), as TF-IDF does: common n-grams count for less.
  package var idf: Bool
  /// Whether to add features from `PolarityDetector`'s reading of the line.
  ///
  /// Yes, no, a negation, nothing but an answer: so that the classifier weighs a refusal as a
  /// refusal and not only by its letters. Off in every shipped setting: on `Intents/` it moved
  /// accuracy by about a line in 400 and made each prediction five to seven times slower
  /// (`bench/nlu/README.md`).
  package var polarity: Bool
  /// Whether the jamo view folds a tense consonant into its plain one (ㅆ → ㅅ, ㄲ → ㄱ …).
  ///
  /// In English mode a held Shift turns t into ㅆ ("wkehdckTp" is 자동차쎄), and people type
  /// 쎄/씨/꺼 for 세/시/거 on purpose; the syllable n-grams keep the letters as typed.
  package var foldTense: Bool

  /// Creates options.
  ///
  /// - Parameters: one per property.
  package init(
    bucketBits: Int = 20, syllableGrams: Int = 3, joinedGrams: Int = 3,
    jamoGrams: ClosedRange<Int> = 3...4, choseongGrams: Int = 4, words: Bool = true,
    wordBigrams: Bool = true, maxCharacters: Int = 1000, idf: Bool = true, polarity: Bool = false,
    foldTense: Bool = false
  ) {
    precondition((8...26).contains(bucketBits), "bucketBits out of range")
    self.bucketBits = bucketBits
    self.syllableGrams = syllableGrams
    self.joinedGrams = joinedGrams
    self.jamoGrams = jamoGrams
    self.choseongGrams = choseongGrams
    self.words = words
    self.wordBigrams = wordBigrams
    self.maxCharacters = maxCharacters
    self.idf = idf
    self.polarity = polarity
    self.foldTense = foldTense
  }

  /// The options Biseo's intent model uses: 2^18 buckets (29 MB for 28 intents) score as well
  /// as 2^20 on `Corpus/nlu` within seed noise (see `bench/nlu/README.md`).
  package static let intents = FeatureOptions(bucketBits: 18, foldTense: true)

  /// The options `biseo eval --train` uses for other data: larger sets, fewer labels, so more
  /// buckets.
  package static let general = FeatureOptions(bucketBits: 20)

  /// A stable text form, hashed into model fingerprints.
  package var fingerprint: String {
    "b\(bucketBits) s\(syllableGrams) j\(joinedGrams) m\(jamoGrams.lowerBound)-\(jamoGrams.upperBound)"
      + " c\(choseongGrams) w\(words ? 1 : 0) wb\(wordBigrams ? 1 : 0) x\(maxCharacters)"
      + (idf ? " idf" : "") + (polarity ? " pol" : "") + (foldTense ? " ft" : "")
  }
}
