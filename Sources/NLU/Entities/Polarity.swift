import Hangul

/// Whether a line says yes or no, however casually.
package enum Polarity: String, Sendable, Codable, Equatable {
  case positive, negative, neutral
}

/// How a line answers an open yes/no offer ("알림 보내 드릴까요?").
package enum OfferAnswer: Sendable, Equatable { case accept, refuse, unclear }

/// What the cues of one line add up to.
package struct PolarityReading: Equatable, Sendable {
  /// The cues after clauses are resolved (double negatives undone, absorbed requests dropped).
  var cues: [PolarityCue]
  var polarity: Polarity
  /// Both a yes and a no that neither outweighs ("네 됐어요", "아니 보내 줘").
  var isMixed: Bool
  /// Any negation at all, even one undone by another ("안 받는 건 아니고").
  var hasNegation: Bool
  /// Doubt ("글쎄요") or a question ("네?"): not an answer yet.
  var isTentative: Bool
  /// From the first to the last cue that agrees with `polarity`.
  var span: Range<Int>?
  /// Every word of the line is a cue or a filler ("넵ㅎㅎ", "네 꼭 알려 주세요"): the line is
  /// nothing but its answer.
  var isOnlyAnswer = false
}

/// Negation and refusal detection over the text the interpreter sees.
package enum PolarityDetector {
  /// Whether a line says yes or no.
  ///
  /// - Parameters:
  ///   - text: raw or prepared input (it is prepared here; preparing twice changes nothing).
  ///   - afterOffer: the line answers a yes/no question just asked ("괜찮아요" then refuses).
  /// - Returns: the polarity.
  package static func polarity(of text: String, afterOffer: Bool) -> Polarity {
    reading(of: text, afterOffer: afterOffer).polarity
  }

  /// The polarity of a line as an entity spanning the words that decide it, nil when neutral.
  ///
  /// - Parameters:
  ///   - text: the prepared line as characters.
  ///   - reading: the line's reading, when already made.
  /// - Returns: a `polarity` entity valued `positive` or `negative`.
  static func entity(in text: [Character], reading: PolarityReading? = nil) -> Entity? {
    let reading = reading ?? self.reading(of: text, afterOffer: false)
    guard reading.polarity != .neutral, let span = reading.span else { return nil }
    return Entity(
      kind: .polarity, text: text.text(span), start: span.lowerBound, end: span.upperBound,
      value: reading.polarity.rawValue)
  }

  static func reading(of text: String, afterOffer: Bool) -> PolarityReading {
    reading(of: Array(EntityRecognizer.prepare(text)), afterOffer: afterOffer)
  }

  static func reading(of prepared: [Character], afterOffer: Bool) -> PolarityReading {
    var text = prepared.map { $0.isASCII ? Character($0.lowercased()) : $0 }
    // "ss", "dd", "dz": ㄴㄴ, ㅇㅇ, ㅇㅋ with the keyboard in English mode, which the general
    // correction leaves alone (no syllable forms).
    if (1...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isLetter }) {
      let jamo = Array(DubeolsikKeyboard.hangul(fromKeys: String(text)))
      if jamo.count == text.count, jamo.allSatisfy(\.isChoseong) { text = jamo }
    }
    let cues = resolve(PolarityScanner.cues(in: text, afterOffer: afterOffer), in: text)
    var reading = decide(cues, questioning: isQuestion(text))
    reading.isOnlyAnswer = isOnlyAnswer(text, cues: cues)
    return reading
  }

  /// Whether every word of `text` lies inside a cue or is a filler.
  private static func isOnlyAnswer(_ text: [Character], cues: [PolarityCue]) -> Bool {
    guard !cues.isEmpty else { return false }
    var covered = [Bool](repeating: false, count: text.count)
    for cue in cues { for k in cue.start..<min(cue.end, text.count) { covered[k] = true } }
    var k = 0
    while k < text.count {
      guard text[k].isLetter || text[k].isNumber else {
        k += 1
        continue
      }
      let end = text.wordEnd(from: k)
      let word = String(text[k..<end]).trimmingLaughter()
      let uncovered = (k..<end).contains { !covered[$0] && !"ㅋㅎㅠㅜ".contains(text[$0]) }
      if uncovered, !PolarityLexicon.fillers.contains(word) { return false }
      k = end
    }
    return true
  }

  /// Double negatives undone, clause-closing negations applied, requests a negation asks
  /// for dropped ("그만 보내 줘" asks for nothing).
  private static func resolve(_ scanned: [PolarityCue], in text: [Character]) -> [PolarityCue] {
    var cues: [PolarityCue] = []
    var clauseStart = 0
    for var cue in scanned {
      let clause = cues.indices.filter {
        cues[$0].start >= clauseStart && !hasBoundary(text, cues[$0].end..<cue.start)
      }
      switch cue.kind {
      case .predicateNo, .closingNegation:
        // A predicative 아니 undoes any no before it ("싫은 건 아니고"); a closing 않/마 only a
        // negated verb ("안 받지 않아"): "됐어요 신경 쓰지 마세요" are two refusals.
        let undoable: [PolarityCue.Kind] =
          cue.kind == .predicateNo ? [.negation, .no, .softRefusal] : [.negation]
        let negated = clause.filter { undoable.contains(cues[$0].kind) }
        if negated.isEmpty {
          if cue.kind == .closingNegation {
            // "받고 싶지 않아": the wish is undone.
            let undone = Set(clause.filter { [.request, .assent].contains(cues[$0].kind) })
            cues = cues.enumerated().filter { !undone.contains($0.offset) }.map(\.element)
          }
          cue.kind = .negation
        } else {
          for k in negated { cues[k].kind = .undoneNegation }
          cue.kind = .undoneNegation
        }
        cues.append(cue)
        clauseStart = cue.end
      case .request:
        // "그만 보내 줘", "나중에 할게요": the request is what the negation refuses or puts off.
        // "보내지 말아 주세요": the request right after a negation is part of it.
        let adjacent = cues.last.flatMap { last in
          text[last.end..<cue.start].allSatisfy { $0 == " " } ? last : nil
        }
        if let last = clause.last.map({ cues[$0] }) ?? adjacent,
          last.kind == .negation
            || (last.kind == .softRefusal
              && PolarityLexicon.later.contains { text.has($0, at: last.start) })
        {
          continue
        }
        cues.append(cue)
      default:
        cues.append(cue)
      }
    }
    return cues
  }

  /// Punctuation between two cues ends a clause.
  private static func hasBoundary(_ text: [Character], _ range: Range<Int>) -> Bool {
    guard range.lowerBound < range.upperBound else { return false }
    return text[range].contains { ".,!?;~".contains($0) }
  }

  private static func isQuestion(_ text: [Character]) -> Bool {
    var end = text.count
    while end > 0, text[end - 1] == " " { end -= 1 }
    guard end > 0 else { return false }
    if text[end - 1] == "?" { return true }
    let line = String(text[..<end])
    return ["까요", "나요", "을까", "는지"].contains { line.hasSuffix($0) }
  }

  private static func decide(_ cues: [PolarityCue], questioning: Bool) -> PolarityReading {
    let positive = cues.filter { [.yes, .assent, .request, .undoneNegation].contains($0.kind) }
    let negative = cues.filter { [.no, .negation, .softRefusal].contains($0.kind) }
    let negatedVerb = negative.contains { $0.kind == .negation }
    let requests = positive.contains { $0.kind == .request || $0.kind == .undoneNegation }
    var polarity: Polarity
    var mixed = false
    switch (positive.isEmpty, negative.isEmpty) {
    case (true, true): polarity = .neutral
    case (false, true): polarity = .positive
    case (true, false): polarity = .negative
    case (false, false):
      if cues.first?.kind == .no, !requests {
        // "아니 좋아", "아니요 괜찮아요": the opening no decides.
        polarity = .negative
      } else if cues.first?.kind == .yes, negatedVerb, !requests {
        // "네 안 받을래요", "응 필요 없어": the yes acknowledges the no.
        polarity = .negative
      } else {
        polarity = .neutral
        mixed = true
      }
    }
    let agreeing = polarity == .positive ? positive : polarity == .negative ? negative : []
    var span: Range<Int>?
    if let start = agreeing.map(\.start).min(), let end = agreeing.map(\.end).max() {
      span = start..<end
    }
    return PolarityReading(
      cues: cues, polarity: polarity, isMixed: mixed,
      hasNegation: cues.contains {
        [.no, .negation, .softRefusal, .undoneNegation].contains($0.kind)
      },
      isTentative: questioning || cues.contains { $0.kind == .hedge }, span: span)
  }
}

/// The polarity of the whole line; it overlaps the words it reads, so the recognizer keeps it
/// beside the other entities rather than letting it compete for their spans.
package struct PolarityExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// The line's polarity, if it has one.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: the line's polarity, when already read.
  /// - Returns: at most one entity, valued `positive` or `negative`.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    PolarityDetector.entity(in: text, reading: context.polarity).map { [$0] } ?? []
  }
}

extension Interpretation {
  /// The intents that take up an offer.
  static let acceptingIntents: Set<String> = ["affirm", "subscribe"]
  /// The intents that turn one down when the words themselves say nothing either way.
  static let refusingIntents: Set<String> = ["deny", "unsubscribe"]

  /// The reading of this line as the answer to an open offer: accept only on an unambiguous
  /// yes (affirm, or subscribe, with positive polarity and no negation; or a line that is
  /// nothing but yes words, whatever the classifier says); refuse on any
  /// refusal however casual (됐어, 말고, 나중에, 싫어, 필요 없어, 그만, ㄴㄴ, 노노, 아니, 괜찮아요/괜찮습니다
  /// after an offer, 안 할래, 안 받을래, 별로); unclear otherwise (ask again, never act).
  ///
  /// - Returns: accept, refuse or unclear.
  package func answerToOffer() -> OfferAnswer {
    let reading = PolarityDetector.reading(of: text, afterOffer: true)
    if reading.polarity == .negative { return .refuse }
    if reading.isMixed || reading.isTentative { return .unclear }
    let label = intent.fellBack ? IntentModel.fallback : intent.intent
    // A line that is nothing but a yes ("ok", "받을게요", "넵ㅎㅎ") needs no classifier to agree.
    if reading.polarity == .positive, !reading.hasNegation,
      Self.acceptingIntents.contains(label) || reading.isOnlyAnswer
    {
      return .accept
    }
    if reading.polarity == .neutral, Self.refusingIntents.contains(label) { return .refuse }
    return .unclear
  }
}

extension String {
  /// Without trailing ㅋ, ㅎ, ㅠ, ㅜ.
  fileprivate func trimmingLaughter() -> String {
    var s = Substring(self)
    while let last = s.last, "ㅋㅎㅠㅜ".contains(last) { s = s.dropLast() }
    return String(s)
  }
}
