import Diagnostics
import Hangul
import Testing

@testable import NLU

/// The shipped `Intents/` folder and `Corpus/nlu/test.tsv`.
@Suite struct IntentsFolderTests {
  @Test("Intents/는 오류 없이 읽힌다") func loadsCleanly() {
    #expect(RepoData.intents.diagnostics.isEmpty, "\(RepoData.intents.renderedDiagnostics)")
  }

  @Test("필수 의도 28개가 모두 있다") func inventory() {
    let names = Set(RepoData.intents.catalog.intents.map(\.name))
    #expect(RepoData.requiredIntents.subtracting(names).isEmpty)
  }

  // Which reply lines an intent needs is the dialogue's to say: SecretaryTests' ReplyCheckTests.
  @Test("의도마다 예문 40개 이상, 요약") func examplesPerIntent() {
    for intent in RepoData.intents.catalog.intents {
      #expect(intent.examples.count >= 40, "\(intent.name): \(intent.examples.count)")
      #expect(!intent.summary.isEmpty, "\(intent.name) has no summary")
    }
  }

  @Test("시험 문장은 800개 이상, 라벨은 모두 의도 이름") func corpusShape() {
    let names = Set(RepoData.intents.catalog.intents.map(\.name))
    #expect(RepoData.corpus.count >= 800)
    #expect(RepoData.corpus.allSatisfy { names.contains($0.label) })
    #expect(Set(RepoData.corpus.map(\.label)) == names)
  }

  @Test("시험 문장은 학습 예문에 없다 (정규화 후)") func noLeak() {
    func key(_ text: String) -> String { TextNormalizer.normalize(text).lowercased() }
    let training = Set(
      RepoData.intents.catalog.intents.flatMap { $0.examples.map { key($0.text) } })
    let leaked = RepoData.corpus.filter { training.contains(key($0.text)) }
    #expect(leaked.isEmpty, "\(leaked.prefix(5).map(\.text))")
    // Nor does spacing or the keyboard mode: what the classifier reads must be new too.
    let extractor = FeatureExtractor(options: .intents)
    func read(_ text: String) -> String {
      extractor.prepare(text).replacingOccurrences(of: " ", with: "")
    }
    let readTraining = Set(
      RepoData.intents.catalog.intents.flatMap { $0.examples.map { read($0.text) } })
    let readLeaked = RepoData.corpus.filter { readTraining.contains(read($0.text)) }
    #expect(readLeaked.isEmpty, "\(readLeaked.prefix(5).map(\.text))")
  }

  @Test("시험 문장에 영문 자판, 초성, 띄어쓰기 없음이 각각 10% 이상") func messyStyles() {
    let total = Double(RepoData.corpus.count)
    let texts = RepoData.corpus.map(\.text)
    let english = texts.filter { DubeolsikKeyboard.correctedIfMistyped($0) != nil }
    let choseong = texts.filter {
      $0.unicodeScalars.contains { (0x3131...0x314E).contains($0.value) }
    }
    let unspaced = texts.filter { !$0.contains(" ") && $0.count >= 6 }
    #expect(Double(english.count) / total >= 0.10)
    #expect(Double(choseong.count) / total >= 0.10)
    #expect(Double(unspaced.count) / total >= 0.10)
  }
}
