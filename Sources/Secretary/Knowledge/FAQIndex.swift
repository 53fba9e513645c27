import Diagnostics
import Foundation
import Hangul

/// One answer of the FAQ knowledge base with the questions that lead to it.
struct FAQEntry: Sendable {
  var questions: [String]
  var answer: String
  var source: String?
  var span: SourceSpan
}

/// Questions no rule answers ("여권 재발급 어떻게 해?"), answered by n-gram retrieval over
/// `Corpus/faq/*.faq` when the match is confident.
///
/// Each question is a bag of syllable bigrams and trigrams weighted by inverse document
/// frequency; a query matches the entry whose best question has the highest cosine, if that
/// cosine reaches `threshold`.
struct FAQIndex: Sendable {
  let entries: [FAQEntry]
  private let vectors: [(entry: Int, weights: [String: Double], norm: Double)]
  private let idf: [String: Double]
  /// Below this cosine the secretary says it does not know rather than guess.
  static let threshold = 0.42

  init(entries: [FAQEntry]) {
    self.entries = entries
    var documentFrequency: [String: Int] = [:]
    var bags: [(Int, [String: Int])] = []
    for (i, entry) in entries.enumerated() {
      for question in entry.questions {
        let bag = Self.grams(question)
        bags.append((i, bag))
        for gram in bag.keys { documentFrequency[gram, default: 0] += 1 }
      }
    }
    let n = Double(max(bags.count, 1))
    let idf = documentFrequency.mapValues { log((n + 1) / (Double($0) + 0.5)) }
    self.idf = idf
    vectors = bags.map { entry, bag in
      var weights: [String: Double] = [:]
      for (gram, count) in bag { weights[gram] = Double(count) * (idf[gram] ?? 0) }
      return (entry, weights, sqrt(weights.values.reduce(0) { $0 + $1 * $1 }))
    }
  }

  /// The best entry for `query` and its cosine, if it reaches the threshold.
  func answer(_ query: String) -> (entry: FAQEntry, score: Double)? {
    let bag = Self.grams(query)
    var weights: [String: Double] = [:]
    for (gram, count) in bag { weights[gram] = Double(count) * (idf[gram] ?? 0) }
    let norm = sqrt(weights.values.reduce(0) { $0 + $1 * $1 })
    guard norm > 0 else { return nil }
    var best: (Int, Double)?
    for vector in vectors where vector.norm > 0 {
      var dot = 0.0
      for (gram, w) in weights { dot += w * (vector.weights[gram] ?? 0) }
      let cosine = dot / (norm * vector.norm)
      if cosine > (best?.1 ?? 0) { best = (vector.entry, cosine) }
    }
    guard let (i, score) = best, score >= Self.threshold else { return nil }
    return (entries[i], score)
  }

  /// Whether `line` shares a syllable bigram or trigram with the entry's questions or answer: an
  /// entry found through the conversation's subject must also be about something the line says
  /// ("날씨 어때" after a birth is not 첫만남이용권).
  func shares(_ line: String, with entry: FAQEntry) -> Bool {
    let said = Self.grams(line).keys.filter { (idf[$0] ?? 0) > 0 }
    return (entry.questions + [entry.answer]).contains { question in
      let asked = Self.grams(question)
      return said.contains { asked[$0] != nil }
    }
  }

  /// Syllable bigrams and trigrams of the normalized text, spaces removed, josa stripped.
  static func grams(_ text: String) -> [String: Int] {
    let words = TextNormalizer.normalize(text).split(separator: " ").map { Josa.stripped(from: $0) }
    let characters = Array(words.joined())
      .filter { $0.isLetter || $0.isNumber }
    var bag: [String: Int] = [:]
    for size in 2...3 where characters.count >= size {
      for i in 0...(characters.count - size) {
        bag[String(characters[i..<i + size]), default: 0] += 1
      }
    }
    return bag
  }
}
