import Foundation
import Testing

@testable import NLU

@Suite struct RasaTests {
  static let sample = """
    version: "3.1"
    # a comment
    nlu:
    - intent: greet
      examples: |
        - 안녕하세요
        - 반가워요  # not a comment inside a block
    - intent: inform_birth
      metadata:
        source: hand
      examples: |
        - [90년생](birth_year)이에요
        - [다음 주 화요일]{"entity": "date", "value": "2026-12-01"}에 이사 가요
        - [서울](sido:서울특별시)로
    - synonym: 서울특별시
      examples: |
        - 서울시
    - regex: phone
      examples: |
        - \\d{3}-\\d{4}
    - lookup: sido
      examples: |
        - 부산
    - intent: "thanks"
      examples:
      - text: 고마워요
      - text: |
          감사합니다
        metadata:
          sentiment: positive
    responses:
      utter_greet:
      - text: 안녕하세요!
    """

  @Test("Rasa NLU YAML: 의도, 예문, 개체, 그 밖의 항목은 건너뜀") func reads() {
    let (examples, diagnostics) = RasaNLUReader.parse(Self.sample, path: "nlu.yml")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(
      examples.map(\.intent) == [
        "greet", "greet", "inform_birth", "inform_birth", "inform_birth", "thanks", "thanks",
      ])
    #expect(
      examples.map(\.text) == [
        "안녕하세요", "반가워요  # not a comment inside a block", "90년생이에요", "다음 주 화요일에 이사 가요",
        "서울로", "고마워요", "감사합니다",
      ])
    #expect(examples[2].entities == [RasaEntity(entity: "birth_year", range: 0..<4, value: nil)])
    #expect(
      examples[3].entities == [RasaEntity(entity: "date", range: 0..<8, value: "2026-12-01")])
    #expect(examples[4].entities == [RasaEntity(entity: "sido", range: 0..<2, value: "서울특별시")])
    #expect(examples[0].line == 6)
  }

  @Test("잘못된 Rasa 파일은 파일:줄:열과 함께, 끝까지 읽는다") func diagnostics() {
    let source = """
      nlu:
      - intent: a
        examples: |
          - [열린 괄호](date
          그냥 줄
      \t- intent: b
      - intnt: c
      - intent: d
        examples: |
          - 멀쩡한 예문
      """
    let (examples, diagnostics) = RasaNLUReader.parse(source, path: "bad.yml")
    #expect(examples.map(\.text) == ["멀쩡한 예문"])
    let located = diagnostics.map { "\($0.span):\($0.code)" }
    #expect(
      located == [
        "bad.yml:4:14:Y0008", "bad.yml:5:5:Y0004", "bad.yml:6:1:Y0001", "bad.yml:7:3:Y0005",
      ])
    let none = RasaNLUReader.parse("version: \"3.1\"\n", path: "x.yml").diagnostics
    #expect(none.map(\.code) == ["Y0007"])
  }

  @Test("Intents/를 Rasa로 내보내고 다시 읽으면 같은 예문과 개체") func roundTrip() {
    let catalog = RepoData.intents.catalog
    let (examples, diagnostics) = RasaNLUReader.parse(
      RasaNLUWriter.yaml(catalog), path: "intents.yml")
    #expect(diagnostics.isEmpty)
    #expect(
      examples.map { LabeledText(label: $0.intent, text: $0.text) } == catalog.labeledExamples)
    let marks = catalog.intents.flatMap { $0.examples.map(\.marks) }
    #expect(marks.count == examples.count)
    for (mark, example) in zip(marks, examples) {
      #expect(mark.map(\.kind.rawValue) == example.entities.map(\.entity))
      #expect(mark.map(\.range) == example.entities.map(\.range))
      #expect(mark.map(\.value) == example.entities.map(\.value))
    }
  }

  @Test("같은 나눔이면 Rasa 파일의 정확도 = TSV 정확도") func sameAccuracy() throws {
    let rows = RepoData.corpus
    let train = rows.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let test = rows.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    let folder = NSTemporaryDirectory() + "biseo-rasa-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func tsv(_ rows: [LabeledText]) -> String {
      rows.map { "\($0.label)\t\($0.text)" }.joined(separator: "\n") + "\n"
    }
    try tsv(train).write(toFile: folder + "/train.tsv", atomically: true, encoding: .utf8)
    try tsv(test).write(toFile: folder + "/test.tsv", atomically: true, encoding: .utf8)
    try RasaNLUWriter.yaml(train).write(
      toFile: folder + "/train.yml", atomically: true, encoding: .utf8)
    try RasaNLUWriter.yaml(test).write(
      toFile: folder + "/test.yml", atomically: true, encoding: .utf8)
    var accuracies: [Double] = []
    for format in ["tsv", "yml"] {
      let trainRows = LabeledData.read(path: folder + "/train.\(format)")
      let testRows = LabeledData.read(path: folder + "/test.\(format)")
      #expect(trainRows.diagnostics.isEmpty && testRows.diagnostics.isEmpty)
      #expect(Set(trainRows.rows) == Set(train))
      let (_, report) = Evaluator.trainAndEvaluate(
        train: trainRows.rows, test: testRows.rows, features: .intents, training: .intents,
        passes: 1)
      accuracies.append(report.accuracy)
    }
    #expect(accuracies[0] == accuracies[1], "\(accuracies)")
  }

  @Test("Rasa 2 Markdown도 같은 예문으로 읽는다") func markdown() {
    let source = """
      <!-- Rasa 2 -->
      ## intent:greet
      - 안녕하세요
      - 반가워요

      ## intent:inform_birth
      - [90년생](birth_year)이에요
      - [서울]{"entity": "sido", "value": "서울특별시"}로

      ## synonym:서울특별시
      - 서울시
      """
    let (examples, diagnostics) = RasaMarkdownReader.parse(source, path: "nlu.md")
    #expect(diagnostics.isEmpty)
    #expect(examples.map(\.intent) == ["greet", "greet", "inform_birth", "inform_birth"])
    #expect(examples.map(\.text) == ["안녕하세요", "반가워요", "90년생이에요", "서울로"])
    #expect(examples[3].entities == [RasaEntity(entity: "sido", range: 0..<2, value: "서울특별시")])
    let bad = RasaMarkdownReader.parse("- 제목 없이\n## intent:a\n- [열린](date\n", path: "b.md")
    #expect(
      bad.diagnostics.map { "\($0.span):\($0.code)" } == ["b.md:1:1:Y0005", "b.md:3:7:Y0008"])
  }
}
