/// One word or phrase of a line that leans it one way.
struct PolarityCue: Equatable {
  enum Kind: Equatable {
    /// An answer word: 네, ㅇㅇ, 넵넵, ok.
    case yes
    /// Agreement: 좋아요, 그래, 알겠어요.
    case assent
    /// Asking for the thing: 알려 주세요, 받을래, 해줘.
    case request
    /// A no answer: 아니요, ㄴㄴ, 노노.
    case no
    /// A refusal that may also close a yes: 됐어, 괜찮아요 (after an offer), 나중에.
    case softRefusal
    /// A negation or refusal: 안 받을래, 싫어, 필요 없어, 그만, 말고.
    case negation
    /// A negation undone by another: "안 받는 건 아니고", "싫은 건 아닌데".
    case undoneNegation
    /// Doubt: 글쎄, 모르겠어요.
    case hedge
    /// A predicative 아니 or a clause-closing 않/마, resolved against its clause.
    case predicateNo
    case closingNegation
  }

  var kind: Kind
  var start: Int
  var end: Int
}

/// Finds polarity cues left to right; a negation takes the verb it negates with it, so the
/// "받을래" of "안 받을래" is not also read as a request.
enum PolarityScanner {
  private typealias Lexicon = PolarityLexicon

  /// The cues of `text` (lower-cased ASCII, otherwise as prepared), before clauses are resolved.
  static func cues(in text: [Character], afterOffer: Bool) -> [PolarityCue] {
    var cues: [PolarityCue] = []
    let firstLetter = text.firstIndex { $0.isLetter || $0.isNumber } ?? text.count
    var i = 0
    while i < text.count {
      let opening = i == firstLetter || openingAfterYes(text, at: i, cues: cues)
      if let cue = match(text, at: i, opening: opening, afterOffer: afterOffer) {
        cues.append(cue)
        i = max(cue.end, i + 1)
      } else {
        i += 1
      }
    }
    return cues
  }

  /// Whether only yes words come before `i` ("네 맞아요").
  private static func openingAfterYes(_ text: [Character], at i: Int, cues: [PolarityCue]) -> Bool {
    guard let last = cues.last, cues.allSatisfy({ $0.kind == .yes }) else { return false }
    return text.skippingSpaces(from: last.end) == i
  }

  private static func match(
    _ text: [Character], at i: Int, opening: Bool, afterOffer: Bool, glued: Bool = false
  ) -> PolarityCue? {
    guard i < text.count, Lexicon.firstCharacters.contains(text[i]) else { return nil }
    // Right after an opening answer word ("네좋아요"), a cue starts a word of its own.
    let wordStart = glued || text.isWordStart(i)
    if wordStart, let cue = answer(text, at: i, opening: opening) { return cue }
    if let cue = no(text, at: i) { return cue }
    if let cue = negatedVerb(text, at: i, wordStart: wordStart) { return cue }
    if let word = text.first(of: Lexicon.closingNegation, at: i) {
      return PolarityCue(kind: .closingNegation, start: i, end: text.wordEnd(from: i + word.count))
    }
    if let end = wantless(text, at: i, nouns: Lexicon.wantNouns) {
      return PolarityCue(kind: .negation, start: i, end: end)
    }
    if let end = wantless(text, at: i, nouns: Lexicon.reasonNouns) {
      return PolarityCue(kind: .predicateNo, start: i, end: end)
    }
    if let cue = done(text, at: i) ?? (afterOffer ? fine(text, at: i) : nil) { return cue }
    if let cue = phrase(text, at: i, wordStart: wordStart) { return cue }
    if wordStart, opening, let word = text.first(of: Lexicon.openingAssent, at: i) {
      return PolarityCue(kind: .assent, start: i, end: i + word.count)
    }
    return nil
  }

  /// Repeated answer units standing as a word ("네네", "ㅇㅇㅇ", "노노", "넵ㅎㅎ"); at the
  /// opening of a line also glued to a cue ("네알려주세요", "ㄴㄴ됐어").
  private static func answer(_ text: [Character], at i: Int, opening: Bool) -> PolarityCue? {
    for (units, kind) in [(Lexicon.yesUnits, PolarityCue.Kind.yes), (Lexicon.noUnits, .no)] {
      var k = i
      while let unit = text.first(of: units, at: k) { k += unit.count }
      guard k > i else { continue }
      // "ㄱㄱ ㅅㅇ", "ㅇ ㅎㄱㅇ": 초성 among other 초성 words spell something else.
      if text[i].isChoseong, hasOtherChoseongWord(text, besides: i..<k) { return nil }
      if text.isAnswerEnd(k) {
        // "네 번", "네 살": four, not yes.
        if text[i] == "네", k == i + 1,
          text.first(of: Lexicon.counters, at: text.skippingSpaces(from: k)) != nil
        {
          return nil
        }
        return PolarityCue(kind: kind, start: i, end: k)
      }
      // Glued only to syllables: "ㅇㄴ" is no "ㅇ" before "ㄴ".
      if opening, !text[k].isChoseong,
        match(text, at: k, opening: true, afterOffer: false, glued: true) != nil
      {
        return PolarityCue(kind: kind, start: i, end: k)
      }
    }
    return nil
  }

  /// Whether a word of 초성 letters other than `range` stands in the line.
  private static func hasOtherChoseongWord(_ text: [Character], besides range: Range<Int>) -> Bool {
    var k = 0
    while k < text.count {
      let end = text.wordEnd(from: k)
      if end > k, !range.overlaps(k..<end), text[k..<end].allSatisfy(\.isChoseong) { return true }
      k = max(end, k + 1)
    }
    return false
  }

  /// 아니요, 아닌데, 아뇨 …: a no answer, or after 건/게/것은 a predicative 아니 that denies the
  /// clause before it ("안 받는 건 아니고").
  private static func no(_ text: [Character], at i: Int) -> PolarityCue? {
    guard let stem = text.first(of: Lexicon.noStems, at: i) else { return nil }
    let after = i + stem.count
    if text.first(of: Lexicon.noBreakersAfter, at: after) != nil { return nil }
    var k = i
    while k > 0, text[k - 1] == " " { k -= 1 }
    let predicative = Lexicon.nominalizers.contains { word in
      k >= word.count && text.has(word, at: k - word.count)
    }
    if !predicative, !text.isWordStart(i) { return nil }
    let kind: PolarityCue.Kind = predicative ? .predicateNo : .no
    return PolarityCue(kind: kind, start: i, end: text.wordEnd(from: after))
  }

  /// 안 or 못 before a verb: "안 받을래", "안받아요", "못 해요", "알림안받을래".
  private static func negatedVerb(_ text: [Character], at i: Int, wordStart: Bool) -> PolarityCue? {
    guard text[i] == "안" || (text[i] == "못" && wordStart) else { return nil }
    if !wordStart, Lexicon.gluedNegationBreakersBefore.contains(text[i - 1]) { return nil }
    let k = text.skippingSpaces(from: i + 1)
    let stems = wordStart && k > i + 1 ? Lexicon.negatedStems : Lexicon.gluedNegatedStems
    guard let stem = text.first(of: stems, at: k) else { return nil }
    return PolarityCue(kind: .negation, start: i, end: text.wordEnd(from: k + stem.count))
  }

  /// "필요 없어", "관심없음", "필요는 없고", "이유가 없죠": the end of the cue.
  private static func wantless(_ text: [Character], at i: Int, nouns: [String]) -> Int? {
    guard let noun = text.first(of: nouns, at: i) else { return nil }
    var k = i + noun.count
    if k < text.count, "가는은도이".contains(text[k]) { k += 1 }
    k = text.skippingSpaces(from: k)
    guard let word = text.first(of: Lexicon.absent, at: k) else { return nil }
    return text.wordEnd(from: k + word.count)
  }

  /// "됐어", "됐고", "됬어요" as a refusal, not "잘 됐네" or "신청 됐어?".
  private static func done(_ text: [Character], at i: Int) -> PolarityCue? {
    guard let stem = text.first(of: Lexicon.doneStems, at: i) else { return nil }
    let end = text.wordEnd(from: i + stem.count)
    let before = text.wordBefore(i)
    let broken = Lexicon.doneBreakersBefore.contains { word in
      word.count == 1 ? before == word : before.hasSuffix(word)
    }
    if broken { return nil }
    if text.skippingSpaces(from: end) < text.count, text[text.skippingSpaces(from: end)] == "?" {
      return nil
    }
    if text.has("나", at: i + stem.count) || text.has("는지", at: i + stem.count) { return nil }
    return PolarityCue(kind: .softRefusal, start: i, end: end)
  }

  /// "괜찮아요", "괜찮습니다" after an offer: a refusal; "괜찮네요", "괜찮으면" are not.
  private static func fine(_ text: [Character], at i: Int) -> PolarityCue? {
    guard let stem = text.first(of: Lexicon.fineStems, at: i) else { return nil }
    let after = i + stem.count
    if text.first(of: Lexicon.fineBreakersAfter, at: after) != nil { return nil }
    return PolarityCue(kind: .softRefusal, start: i, end: text.wordEnd(from: after))
  }

  private static let wordStartNegations: Set<String> = [
    "말고", "말래", "말게", "말자", "마요", "안대", "앙대", "시러", "실타", "사양", "별로", "별루",
  ]

  /// The fixed phrases: negations, hedges, soft refusals, requests, assent.
  private static func phrase(_ text: [Character], at i: Int, wordStart: Bool) -> PolarityCue? {
    if let word = text.first(of: Lexicon.negation, at: i),
      wordStart || !wordStartNegations.contains(word),
      !(Lexicon.negationBreakersAfter[word] ?? []).contains(where: {
        text.has($0, at: i + word.count)
      })
    {
      return PolarityCue(kind: .negation, start: i, end: text.wordEnd(from: i + word.count))
    }
    if wordStart, text.has("마", at: i), text.isAnswerEnd(i + 1) {
      return PolarityCue(kind: .negation, start: i, end: i + 1)
    }
    if let word = text.first(of: Lexicon.hedge, at: i) {
      return PolarityCue(kind: .hedge, start: i, end: i + word.count)
    }
    if wordStart, let word = text.first(of: Lexicon.softRefusal, at: i) {
      return PolarityCue(kind: .softRefusal, start: i, end: text.wordEnd(from: i + word.count))
    }
    // Requests and assent take the rest of their word ("받을게요", "좋아용").
    if let word = text.first(of: Lexicon.request, at: i) {
      return PolarityCue(kind: .request, start: i, end: text.endingEnd(from: i + word.count))
    }
    if wordStart, let word = text.first(of: Lexicon.assent, at: i),
      !(Lexicon.assentBreakers[word] ?? []).contains(where: { text.has($0, at: i + word.count) })
    {
      return PolarityCue(kind: .assent, start: i, end: text.endingEnd(from: i + word.count))
    }
    return nil
  }
}

extension [Character] {
  /// The end of the word that runs through `index` (letters and digits).
  func wordEnd(from index: Int) -> Int {
    var k = index
    while k < count, self[k].isLetter || self[k].isNumber { k += 1 }
    return k
  }

  /// The end of a verb's ending from `index`: the rest of the word, short of a 지 that may
  /// start a negation ("받고 싶지 않아").
  func endingEnd(from index: Int) -> Int {
    var k = index
    while k < count, self[k].isLetter || self[k].isNumber, self[k] != "지", self[k] != "진" {
      k += 1
    }
    return k
  }

  /// The word that ends right before `index` (spaces skipped), or "".
  func wordBefore(_ index: Int) -> String {
    var end = index
    while end > 0, self[end - 1] == " " { end -= 1 }
    var start = end
    while start > 0, self[start - 1].isLetter || self[start - 1].isNumber { start -= 1 }
    return String(self[start..<end])
  }

  /// Whether an answer word may end at `index`: the text ends, a non-letter follows, or
  /// laughter and tears do ("넵ㅎㅎ", "아뇨ㅠ").
  func isAnswerEnd(_ index: Int) -> Bool {
    index == count || !(self[index].isLetter || self[index].isNumber)
      || "ㅋㅎㅠㅜ~".contains(self[index])
  }
}

extension Character {
  /// A compatibility consonant letter, ㄱ … ㅎ, as 초성 typing leaves them.
  var isChoseong: Bool { ("ㄱ"..."ㅎ").contains(self) }
}
