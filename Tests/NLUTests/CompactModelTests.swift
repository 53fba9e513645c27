import Testing

@testable import NLU

@Suite struct CompactModelTests {
  private static let unseen = ["", "!!!", "아무말 대잔치", "ㅋㅋㅋㅋ", "qwerty", "자동차세 언제 내요"]

  /// The scores of the dense and the compact form, which must be the same floats.
  private static func mismatches(_ classifier: TextClassifier, _ texts: [String]) -> [String] {
    var dense: [Float] = []
    var compact: [Float] = []
    return texts.filter { text in
      let features = classifier.extractor.features(of: text)
      classifier.model.scores(features, into: &dense)
      classifier.compact.scores(features, into: &compact)
      return dense != compact
    }
  }

  @Test("압축 모델은 출하 모델과 같은 점수, 훨씬 적은 행") func shippedModel() {
    let classifier = RepoData.model.classifier
    #expect(Self.mismatches(classifier, RepoData.corpus.map(\.text) + Self.unseen).isEmpty)
    #expect(classifier.compact.rowCount > 0)
    #expect(classifier.compact.rowCount < (1 << classifier.model.bucketBits) / 4)
  }

  @Test(
    "라벨 수와 IDF에 상관없이 같은 점수",
    arguments: [(2, true), (2, false), (3, true), (5, false), (8, true)])
  func smallModels(labelCount: Int, idf: Bool) {
    let examples = RepoData.intents.catalog.labeledExamples
    let labels = Array(Set(examples.map(\.label)).sorted().prefix(labelCount))
    let data = examples.filter { labels.contains($0.label) }
    let features = FeatureOptions(bucketBits: 14, idf: idf)
    let classifier = TextClassifier.train(data, features: features, training: .intents)
    #expect(classifier.model.labels.count == labelCount)
    #expect(Self.mismatches(classifier, data.map(\.text) + Self.unseen).isEmpty)
  }

  @Test("라벨이 둘이면 차이만 읽어도 같은 답, 같은 확률", arguments: [true, false])
  func binaryTop(idf: Bool) {
    let examples = RepoData.intents.catalog.labeledExamples
    let labels = ["affirm", "deny"]
    let data = examples.filter { labels.contains($0.label) }
    let features = FeatureOptions(bucketBits: 14, idf: idf)
    let classifier = TextClassifier.train(data, features: features, training: .intents)
    var scores: [Float] = []
    var scratch = TextClassifier.Scratch()
    for text in data.map(\.text) + RepoData.corpus.prefix(300).map(\.text) + Self.unseen {
      let features = classifier.extractor.features(of: text)
      classifier.compact.scores(features, into: &scores)
      LinearModel.softmax(&scores)
      let expected = scores[1] > scores[0] ? 1 : 0
      guard let top = classifier.compact.binaryTop(features) else {
        Issue.record("no binary answer")
        return
      }
      #expect(top.label == expected || abs(scores[0] - scores[1]) < 1e-5, "\(text)")
      #expect(abs(top.probability - scores[expected]) < 1e-5, "\(text)")
      #expect(classifier.top(text, scratch: &scratch)?.label == top.label)
    }
    let three = TextClassifier.train(
      examples.filter { ["affirm", "deny", "thanks"].contains($0.label) }, features: features,
      training: .intents)
    #expect(three.compact.binaryTop(three.extractor.features(of: "네")) == nil)
  }

  @Test("학습하지 않은 모델은 편향만") func zeroModel() {
    let model = LinearModel(labels: ["a", "b", "c"], bucketBits: 10)
    let compact = CompactModel(model)
    var scores: [Float] = []
    compact.scores([1, 2, 3], into: &scores)
    #expect(compact.rowCount == 0)
    #expect(scores == [0, 0, 0])
  }
}
