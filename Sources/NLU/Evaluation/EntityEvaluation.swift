/// Entity precision and recall on a test set: what `biseo eval --entities` prints.
package struct EntityReport: Sendable, Codable, Equatable {
  /// Lines scored.
  package var lines: Int
  /// Over every kind: found entities that are exactly right (kind, span and value).
  package var precision: Double
  /// Over every kind: listed entities found exactly.
  package var recall: Double
  package var f1: Double
  /// Per kind; `support` is how many the test set lists.
  package var kinds: [EvaluationReport.LabelReport]
  /// The first mistakes, as `line N: missed|extra kind:surface=value`.
  package var mistakes: [String]
}

extension Evaluator {
  /// Scores the entity recognizer on `cases`.
  ///
  /// An entity counts only when kind, span and value are all exact. The line's polarity is
  /// left out (the consent set judges it).
  ///
  /// - Parameters:
  ///   - cases: the test set.
  ///   - recognizer: the recognizer.
  ///   - maxMistakes: how many mistakes to list.
  /// - Returns: the report.
  package static func evaluateEntities(
    _ cases: [EntityCase], recognizer: EntityRecognizer = EntityRecognizer(), maxMistakes: Int = 30
  ) -> EntityReport {
    var right: [EntityKind: Int] = [:]
    var expected: [EntityKind: Int] = [:]
    var found: [EntityKind: Int] = [:]
    var mistakes: [String] = []
    func note(_ what: String, _ e: Entity, _ line: Int) {
      if mistakes.count < maxMistakes {
        mistakes.append("line \(line): \(what) \(e.kind.rawValue):\(e.text)=\(e.value)")
      }
    }
    for item in cases {
      let predicted = recognizer.entities(in: item.text, context: EntityContext(asOf: item.asOf))
        .filter { $0.kind != .polarity }
      var unmatched = predicted
      for entity in item.entities {
        expected[entity.kind, default: 0] += 1
        if let k = unmatched.firstIndex(of: entity) {
          right[entity.kind, default: 0] += 1
          unmatched.remove(at: k)
        } else {
          note("missed", entity, item.line)
        }
      }
      for entity in predicted { found[entity.kind, default: 0] += 1 }
      for entity in unmatched { note("extra", entity, item.line) }
    }
    func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
    let kinds = Set(expected.keys).union(found.keys).sorted { $0.rawValue < $1.rawValue }.map {
      kind in
      let p = ratio(right[kind] ?? 0, found[kind] ?? 0)
      let r = ratio(right[kind] ?? 0, expected[kind] ?? 0)
      return EvaluationReport.LabelReport(
        label: kind.rawValue, precision: p, recall: r, f1: f1(p, r), support: expected[kind] ?? 0)
    }
    let total = right.values.reduce(0, +)
    let p = ratio(total, found.values.reduce(0, +))
    let r = ratio(total, expected.values.reduce(0, +))
    return EntityReport(
      lines: cases.count, precision: p, recall: r, f1: f1(p, r), kinds: kinds, mistakes: mistakes)
  }
}
