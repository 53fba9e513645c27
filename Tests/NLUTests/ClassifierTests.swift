import CivilCalendar
import Foundation
import Testing

@testable import NLU

@Suite struct ClassifierTests {
  /// Measured 0.870 on Corpus/nlu (951 lines) with the shipped options; the floor leaves room
  /// for edits to Intents/ without letting the model quietly fall apart.
  static let accuracyFloor = 0.84

  @Test("Corpus/nlu 정확도가 바닥 이상") func accuracyOnCorpus() {
    let model = RepoData.model
    let report = Evaluator.evaluate(RepoData.corpus, passes: 1) { model.classify($0).intent }
    #expect(report.accuracy >= Self.accuracyFloor, "accuracy \(report.accuracy)")
    #expect(report.macroF1 >= Self.accuracyFloor - 0.02, "macro-F1 \(report.macroF1)")
  }

  @Test(
    "흔한 말은 맞힌다",
    arguments: [
      ("건강검진 언제 받아?", "health_checkup"), ("ㄱㄱㄱㅈ", "health_checkup"),
      ("rjsrkdrjawls", "health_checkup"), ("alsqkddnl", "civil_defense"),
      ("자동차세얼마야", "car_tax"), ("상담원 연결해주세요", "human_agent"), ("고마워요", "thanks"),
    ])
  func familiar(text: String, intent: String) {
    #expect(RepoData.model.classify(text).intent == intent)
  }

  @Test(
    "이상한 입력은 out_of_scope, 낮은 확신",
    arguments: ["", "   ", "\n\t", "😀😀😀", "🙏", "\u{FFFD}\u{FFFD}\u{0}\u{1}", "!!!???", "...."])
  func unreadable(text: String) {
    let prediction = RepoData.model.classify(text)
    #expect(prediction.intent == "out_of_scope")
    #expect(prediction.confidence < 0.5)
  }

  @Test("100 KB 한 줄과 이진 쓰레기도 죽지 않는다") func hugeAndBinary() {
    let huge = String(repeating: "건강검진 언제 받아야 하나요 ", count: 6_000)
    #expect(huge.utf8.count > 100_000)
    let prediction = RepoData.model.classify(huge)
    #expect(!prediction.intent.isEmpty)
    var random = SplitMix64(seed: 7)
    let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    let garbage = String(decoding: bytes, as: UTF8.self)
    #expect(!RepoData.model.classify(garbage).intent.isEmpty)
    let asOf = CivilDate(year: 2026, month: 1, day: 1)
    if let asOf {
      _ = Interpreter(model: RepoData.model).interpret(garbage, asOf: asOf)
      _ = Interpreter(model: RepoData.model).interpret(huge, asOf: asOf)
    }
  }

  @Test("확률의 합은 1, 순위는 내림차순") func probabilities() {
    let prediction = RepoData.model.classify("민방위 교육 언제야")
    #expect(prediction.ranking.count == IntentModel.rankingSize)
    #expect(
      zip(prediction.ranking, prediction.ranking.dropFirst()).allSatisfy {
        $0.probability >= $1.probability
      })
    #expect(prediction.confidence == prediction.ranking.first?.probability)
  }

  @Test("같은 데이터로 두 번 학습하면 같은 모델") func deterministic() {
    let data = Array(RepoData.intents.catalog.labeledExamples.prefix(300))
    let features = FeatureOptions(bucketBits: 14)
    let a = TextClassifier.train(data, features: features, training: .intents)
    let b = TextClassifier.train(data, features: features, training: .intents)
    #expect(a.model == b.model)
  }

  @Test("학습 줄의 순서를 바꿔도 같은 모델, 같은 선택, 같은 캐시 키") func orderIndependent() {
    let all = RepoData.intents.catalog.labeledExamples
    // Every fifth example: all 28 labels, few enough to train three times in a debug build.
    let data = stride(from: 0, to: all.count, by: 5).map { all[$0] }
    var shuffled = data
    var random = SplitMix64(seed: 2026)
    random.shuffle(&shuffled)
    let reversed = Array(data.reversed())
    #expect(shuffled != data)
    let features = FeatureOptions(bucketBits: 14)
    let training = TrainingOptions(epochs: 5, learningRate: 4, seed: 13)
    let base = TextClassifier.train(data, features: features, training: training)
    for other in [shuffled, reversed] {
      let model = TextClassifier.train(other, features: features, training: training)
      #expect(model.model == base.model)
      #expect(
        IntentModel.fingerprint(other, features: features, training: training)
          == IntentModel.fingerprint(data, features: features, training: training))
    }
    let candidates = [
      ModelSelection.Candidate(features: features, training: training),
      ModelSelection.Candidate(
        features: features, training: TrainingOptions(epochs: 3, learningRate: 1, seed: 13)),
    ]
    let chosen = ModelSelection.choose(data, candidates: candidates).accuracies
    #expect(ModelSelection.choose(shuffled, candidates: candidates).accuracies == chosen)
    // A different seed still gives a different model: the order is canonical, not ignored.
    let reseeded = TrainingOptions(epochs: 5, learningRate: 4, seed: 14)
    #expect(TextClassifier.train(data, features: features, training: reseeded).model != base.model)
  }

  @Test func labelSmoothingKeepsTheModelFromCertainty() {
    let data = [
      LabeledText(label: "greeting", text: "안녕하세요"), LabeledText(label: "thanks", text: "고마워요"),
      LabeledText(label: "greeting", text: "하이"), LabeledText(label: "thanks", text: "감사합니다"),
    ]
    let features = FeatureOptions(bucketBits: 12)
    let plain = TrainingOptions(epochs: 30, learningRate: 4, seed: 13)
    var smoothed = plain
    smoothed.labelSmoothing = 0.1
    #expect(plain.fingerprint != smoothed.fingerprint)
    #expect(!plain.fingerprint.contains("ls"))
    let sure = TextClassifier.train(data, features: features, training: plain)
    let unsure = TextClassifier.train(data, features: features, training: smoothed)
    for example in data {
      let a = sure.rank(example.text)[0]
      let b = unsure.rank(example.text)[0]
      #expect(a.label == example.label && b.label == example.label)
      // The smoothed target is 0.9: training stops pushing past it.
      #expect(b.probability < a.probability)
      #expect(b.probability < 0.95)
    }
  }
}

@Suite struct ModelCacheTests {
  private static let data = [
    LabeledText(label: "greeting", text: "안녕하세요"), LabeledText(label: "thanks", text: "고마워요"),
    LabeledText(label: "greeting", text: "하이"), LabeledText(label: "thanks", text: "감사합니다"),
  ]
  private static let features = FeatureOptions(bucketBits: 12)

  private func temporaryPath() -> String {
    NSTemporaryDirectory() + "biseo-nlu-\(UUID().uuidString)/model.bin"
  }

  @Test("저장한 모델을 그대로 읽는다") func roundTrip() {
    let path = temporaryPath()
    let first = IntentModel.loadOrTrain(Self.data, cachePath: path, features: Self.features)
    #expect(!first.fromCache)
    let second = IntentModel.loadOrTrain(Self.data, cachePath: path, features: Self.features)
    #expect(second.fromCache)
    #expect(first.model.classifier.model == second.model.classifier.model)
  }

  @Test("입력이 바뀌면 캐시는 버려진다") func staleCacheIsRebuilt() {
    let path = temporaryPath()
    _ = IntentModel.loadOrTrain(Self.data, cachePath: path, features: Self.features)
    var changed = Self.data
    changed.append(LabeledText(label: "thanks", text: "땡큐"))
    #expect(!IntentModel.loadOrTrain(changed, cachePath: path, features: Self.features).fromCache)
    let otherOptions = FeatureOptions(bucketBits: 13)
    #expect(!IntentModel.loadOrTrain(changed, cachePath: path, features: otherOptions).fromCache)
  }

  @Test("깨진 캐시는 믿지 않는다") func damagedCache() throws {
    let model = TextClassifier.train(Self.data, features: Self.features, training: .intents).model
    let bytes = ModelFile.encode(model, inputHash: 42)
    #expect(ModelFile.decode(bytes, inputHash: 42) == model)
    #expect(ModelFile.decode(bytes, inputHash: 43) == nil)
    var flipped = bytes
    flipped[flipped.count / 2] ^= 0x10
    #expect(ModelFile.decode(flipped, inputHash: 42) == nil)
    #expect(ModelFile.decode(Array(bytes.dropLast(9)), inputHash: 42) == nil)
    #expect(ModelFile.decode([], inputHash: 42) == nil)
    #expect(Array(bytes.prefix(8)) == Array("BISEONLU".utf8))
  }
}

@Suite struct FeatureTests {
  @Test("FNV-1a 32 test vectors") func fnv() {
    #expect(FNV1a.hash("") == 0x811c_9dc5)
    #expect(FNV1a.hash("a") == 0xe40c_292c)
    #expect(FNV1a.hash("foobar") == 0xbf9c_f968)
  }

  @Test("영문 자판 입력은 한글과 같은 특징") func englishModeMatchesHangul() {
    let extractor = FeatureExtractor(options: .intents)
    #expect(extractor.features(of: "rjsrkdrjawls") == extractor.features(of: "건강검진"))
    #expect(extractor.prepare("alsqkddnl rydbr") == "민방위 교육")
  }

  @Test("Shift가 눌린 된소리도 예사소리와 자모 특징을 나눈다") func tenseFoldsIntoPlain() {
    // "wkehdckTp" is 자동차쎄: only the syllable n-grams of 쎄 and 세 differ once folded.
    var plain = FeatureOptions.intents
    plain.foldTense = false
    let shared = { (options: FeatureOptions) -> Int in
      let extractor = FeatureExtractor(options: options)
      let typed = Set(extractor.features(of: "wkehdckTp"))
      return typed.intersection(extractor.features(of: "자동차세")).count
    }
    #expect(shared(.intents) >= shared(plain) + 4)
    #expect(FeatureExtractor(options: .intents).prepare("wkehdckTp") == "자동차쎄")
  }

  @Test("초성만 쳐도 완성형과 특징이 겹친다") func choseongOverlap() {
    let extractor = FeatureExtractor(options: .intents)
    let full = Set(extractor.features(of: "건강검진"))
    let initials = Set(extractor.features(of: "ㄱㄱㄱㅈ"))
    #expect(initials.intersection(full).count >= 5)
  }

  @Test(
    "짧은 단어, 낱자, 섞인 문자도 특징 버퍼에 맞는다",
    arguments: [
      "가 나 다 라 마 바", "ㄱ ㄴ ㄷ ㄹ", "a b c d e f", "갃 갃갃 갃갃갃", "😀 가 😀 a 1", "x",
      String(repeating: "각 ", count: 2_000),
    ])
  func featureBuffer(text: String) {
    let extractor = FeatureExtractor(options: .intents)
    let features = extractor.features(of: text)
    #expect(!features.isEmpty)
    #expect(features.allSatisfy { $0 < 1 << FeatureOptions.intents.bucketBits })
  }

  /// Hashes every feature of a few utterances against values recorded with the extractor
  /// before it was rewritten without intermediate arrays (re-recorded when lines typed wholly
  /// in 초성, such as "ㄱㄱㄱㅈ" here, lost their syllable and jamo n-grams).
  ///
  /// A change here changes what cached models mean: bump `ModelFile.version`, then record the
  /// new value.
  @Test("특징은 기록된 그대로", arguments: [(18, 0x3d65_9848_cd2e_dd0e), (20, 0xd1f0_f44c_782f_8a30)])
  func recordedFeatures(bits: Int, fingerprint: UInt64) {
    let texts = [
      "건강검진 언제 받아?", "ㄱㄱㄱㅈ", "rjsrkdrjawls", "alsqkddnl rydbr", "자동차세얼마야",
      "상담원 연결해주세요", "고마워요", "서울에서는 민방위 교육을 어디서 받나요", "ＡＢＣ 카드 결제",
      "Hello 여권 재발급", "  여러   칸의   공백  ", "갃 갃갃 ㅎㅏㄴ", "2026년 3월 15일 오후 3시",
    ]
    let extractor = FeatureExtractor(options: FeatureOptions(bucketBits: bits))
    var hash = FNV1a64()
    for text in texts {
      for feature in extractor.features(of: text) { hash.combine(String(feature)) }
    }
    #expect(hash.value == fingerprint)
  }

  @Test("극성 특징: 거절끼리는 겹치고 승낙과는 겹치지 않는다") func polarityFeatures() {
    let plain = FeatureExtractor(options: FeatureOptions(bucketBits: 18))
    let polar = FeatureExtractor(options: FeatureOptions(bucketBits: 18, polarity: true))
    // The polarity features come after the letters' features, which do not change.
    func extra(_ text: String) -> Set<UInt32> {
      let letters = plain.features(of: text)
      let all = polar.features(of: text)
      #expect(Array(all.prefix(letters.count)) == letters)
      return Set(all.dropFirst(letters.count))
    }
    #expect(!extra("아니요").isDisjoint(with: extra("ㄴㄴ")))
    #expect(!extra("네").isEmpty)
    #expect(extra("네").isDisjoint(with: extra("아니요")))
    #expect(extra("건강검진 대상이야?").isEmpty)
    #expect(
      FeatureOptions(bucketBits: 18, polarity: true).fingerprint
        != FeatureOptions(bucketBits: 18).fingerprint)
  }

  @Test("특징 수는 입력 길이로 제한된다") func bounded() {
    let extractor = FeatureExtractor(options: .intents)
    let count = extractor.features(of: String(repeating: "가나다라 ", count: 50_000)).count
    #expect(count < 20 * FeatureOptions.intents.maxCharacters)
  }
}

@Suite struct EvaluationTests {
  @Test("정확도, 매크로 F1, 혼동") func scores() {
    let report = EvaluationReport.score(
      expected: ["a", "a", "b", "b"], predicted: ["a", "b", "b", "b"])
    #expect(report.accuracy == 0.75)
    // a: P 1, R 0.5, F1 2/3; b: P 2/3, R 1, F1 0.8
    #expect(abs(report.macroF1 - (2.0 / 3.0 + 0.8) / 2) < 1e-9)
    #expect(report.confusions.first?.expected == "a")
    #expect(report.confusions.first?.predicted == "b")
  }

  @Test("TSV 오류는 위치와 함께") func tsvDiagnostics() {
    let parsed = LabeledData.parse("a\t안녕\nno tab here\n\t빈 라벨\n\nb\t하이\n", path: "t.tsv")
    #expect(parsed.rows.map(\.label) == ["a", "b"])
    #expect(parsed.diagnostics.map(\.span.start.line) == [2, 3])
  }
}

@Suite struct ModelSelectionTests {
  @Test("선택은 학습 데이터의 10%로만, 결정적으로") func choosesOnHoldout() {
    let data = Array(RepoData.intents.catalog.labeledExamples.prefix(400))
    let small = [
      ModelSelection.Candidate(
        features: FeatureOptions(bucketBits: 12), training: TrainingOptions(epochs: 1)),
      ModelSelection.Candidate(features: FeatureOptions(bucketBits: 14), training: .intents),
    ]
    let first = ModelSelection.choose(data, candidates: small)
    let second = ModelSelection.choose(data, candidates: small)
    #expect(first.accuracies.count == 2)
    #expect(first.accuracies == second.accuracies)
    #expect(first.choice.features == second.choice.features)
  }

  @Test("라벨이 많아도 후보의 가중치 표는 예산 안에") func boundedForManyLabels() {
    for labels in [3, 7, 28, 400, 1000, 4000] {
      let candidates = ModelSelection.affordable(labelCount: labels)
      #expect(!candidates.isEmpty, "\(labels) labels")
      for candidate in candidates {
        let bytes = (labels << candidate.features.bucketBits) * MemoryLayout<Float>.size
        #expect(bytes <= ModelSelection.weightBudget, "\(labels) labels")
      }
    }
    // Few labels keep the candidates that fit as they are; 1,000 get every schedule at 2^14
    // (the gentle one twice over, with 2^20 and 2^22 cut alike, is tried once).
    #expect(ModelSelection.affordable(labelCount: 3).count == 4)
    #expect(ModelSelection.affordable(labelCount: 7).map(\.features.bucketBits) == [20, 20, 20])
    let many = ModelSelection.affordable(labelCount: 1000)
    #expect(many.map(\.features.bucketBits) == [14, 14, 14])
    #expect(many.map(\.training.labelSmoothing) == [0, 0.05, 0.05])
  }
}

@Suite struct ChoseongConfidenceTests {
  static let consonants = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ".map(String.init)

  @Test("초성 한두 글자는 뜻이 하나가 아니면 0.9를 넘지 않는다") func capped() {
    var checked = 0
    for a in Self.consonants {
      for text in [a] + Self.consonants.map({ a + $0 }) {
        let confidence = RepoData.model.classify(text).confidence
        checked += 1
        if ChoseongConfidence.unambiguous.contains(text) { continue }
        #expect(confidence <= 0.9 + 1e-6, "\(text): \(confidence)")
      }
    }
    #expect(checked == 19 + 19 * 19)
  }

  @Test("누그러뜨려도 순서와 합은 그대로") func tempered() {
    var p: [Float] = [0.99, 0.006, 0.004]
    ChoseongConfidence.temper(&p)
    #expect(abs(p[0] - 0.9) < 1e-5)
    #expect(p[0] > p[1] && p[1] > p[2])
    #expect(abs(p.reduce(0, +) - 1) < 1e-5)
  }
}

@Suite struct OutOfScopeOffsetTests {
  @Test("out_of_scope의 몫만 줄고 합은 1, 나머지 순서는 그대로") func offset() {
    var p: [Float] = [0.5, 0.3, 0.2]
    OutOfScopeOffset.apply(0, at: 0, to: &p)
    #expect(p == [0.5, 0.3, 0.2])
    OutOfScopeOffset.apply(1.25, at: 0, to: &p)
    #expect(abs(p.reduce(0, +) - 1) < 1e-6)
    #expect(p[0] < 0.5 && p[1] > 0.3 && p[2] > 0.2 && p[1] > p[2])
    #expect(abs(p[1] / p[2] - 1.5) < 1e-5)
    #expect(abs(p[0] / p[1] - 0.5 / 0.3 * expf(-1.25)) < 1e-5)
  }

  @Test("출하 모델은 교차 검증이 고른 out_of_scope 몫을 쓴다") func shipped() {
    #expect(RepoData.model.calibration.outOfScopeOffset == Calibration.intents.outOfScopeOffset)
    #expect(Calibration.intents.outOfScopeOffset > 0)
  }
}

@Suite struct OutOfFoldDecisionTests {
  @Test("교차 검증 판정은 classify처럼 몫을 빼고 문턱 아래는 out_of_scope로 돌린다") func decide() {
    let labels = ["affirm", "out_of_scope", "thanks"]
    let folds = [
      // A clear affirm stays affirm.
      CrossValidation.Fold(label: "affirm", labels: labels, scores: [4, 0, 0]),
      // out_of_scope barely ahead: the offset hands the line to the runner-up.
      CrossValidation.Fold(label: "thanks", labels: labels, scores: [0, 1.1, 1]),
      // Nothing stands out: below the threshold, so out_of_scope.
      CrossValidation.Fold(label: "out_of_scope", labels: labels, scores: [1, 0.9, 1]),
    ]
    let calibration = Calibration(temperature: 1, threshold: 0.5, outOfScopeOffset: 1.25)
    let decided = CrossValidation.decisions(
      folds, calibration: calibration, fallback: "out_of_scope")
    #expect(decided == ["affirm", "thanks", "out_of_scope"])
  }
}
