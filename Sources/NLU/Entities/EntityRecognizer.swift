import Hangul

/// Runs every entity extractor and keeps a non-overlapping set.
///
/// Longer spans win, then the extractor listed first. Kinds that stand apart (a line's polarity, a
/// date range) may overlap the others.
package struct EntityRecognizer: Sendable {
  /// The built-in extractors, in priority order.
  package static let builtIn: [any EntityExtractor] = [
    DateRangeExtractor(), DateExtractor(), BirthYearExtractor(), AgeExtractor(),
    AmountExtractor(), DisplacementExtractor(), OrdinalExtractor(), MultipleBirthExtractor(),
    CountExtractor(), NumberExtractor(), SidoExtractor(), YesNoExtractor(), PolarityExtractor(),
  ]

  private let extractors: [any EntityExtractor]

  /// Creates a recognizer.
  ///
  /// - Parameter extractors: the extractors, highest priority first.
  package init(extractors: [any EntityExtractor] = EntityRecognizer.builtIn) {
    self.extractors = extractors
  }

  /// The text entities are found in: normalised, English-mode typing turned into Hangul
  /// (not lower-cased, so that spans match what the user sees).
  ///
  /// - Parameter text: raw input.
  /// - Returns: the text spans refer to.
  package static func prepare(_ text: String) -> String {
    var t = TextNormalizer.normalize(text)
    if t.unicodeScalars.count > 1000 { t = String(t.prefix(1000)) }
    return DubeolsikKeyboard.correctedIfMistyped(t) ?? t
  }

  /// Entities in `text`, in order of position.
  ///
  /// - Parameters:
  ///   - text: raw input; spans refer to `EntityRecognizer.prepare(text)`.
  ///   - context: the as-of date.
  /// - Returns: non-overlapping entities.
  package func entities(in text: String, context: EntityContext) -> [Entity] {
    let characters = Array(Self.prepare(text))
    guard !characters.isEmpty else { return [] }
    var context = context
    if context.polarity == nil {
      context.polarity = PolarityDetector.reading(of: characters, afterOffer: false)
    }
    var candidates: [(entity: Entity, priority: Int)] = []
    for (priority, extractor) in extractors.enumerated() {
      for entity in extractor.extract(characters, context: context) {
        candidates.append((entity, priority))
      }
    }
    candidates.sort {
      let a = $0.entity.end - $0.entity.start
      let b = $1.entity.end - $1.entity.start
      return (a, -$0.priority, -$0.entity.start) > (b, -$1.priority, -$1.entity.start)
    }
    var taken = [Bool](repeating: false, count: characters.count)
    var kept: [Entity] = []
    for (entity, _) in candidates where entity.start < entity.end {
      // The line's polarity overlaps the very words it reads ("네"), a range its two dates:
      // they are kept beside them.
      if entity.kind.standsApart {
        kept.append(entity)
        continue
      }
      guard !taken[entity.start..<entity.end].contains(true) else { continue }
      for k in entity.start..<entity.end { taken[k] = true }
      kept.append(entity)
    }
    return kept.sorted {
      ($0.start, $0.kind.standsApart ? 1 : 0) < ($1.start, $1.kind.standsApart ? 1 : 0)
    }
  }
}
