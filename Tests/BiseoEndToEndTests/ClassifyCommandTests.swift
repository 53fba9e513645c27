import Foundation
import Testing

@Suite(.ownThreads) struct ClassifyCommandTests {
  @Test("classify: 의도, 개체, 영문 자판") func classify() throws {
    let result = try BiseoProcess.run([
      "classify", "--no-cache", "--as-of", "2026-11-29", "90년생인데 다음 주 화요일 건강검진", "alsqkddnl",
    ])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("health_checkup\t") == true)
    #expect(lines.contains("  birth_year\t'90년생' = 1990\t[0, 4)"))
    #expect(lines.contains("  date\t'다음 주 화요일' = 2026-12-01\t[7, 15)"))
    #expect(lines.last?.hasPrefix("civil_defense\t") == true)
  }

  @Test("classify --json, stdin의 빈 줄과 이모지") func json() throws {
    let result = try BiseoProcess.run(
      ["classify", "--json", "--no-cache", "--as-of", "2026-11-29"],
      stdin: Data("\n😀😀\n상담원 연결\n".utf8))
    let objects = try result.stdout.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let intents = objects.map { ($0?["intent"] as? [String: Any])?["intent"] as? String }
    #expect(intents == ["out_of_scope", "out_of_scope", "human_agent"])
  }

  @Test("classify: 잘못된 의도 파일은 위치와 함께, 종료 코드 2") func badIntents() throws {
    let folder = NSTemporaryDirectory() + "biseo-intents-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "intent: car_tax\nexamples:\n- [1600cc](cc) 세금\n".write(
      toFile: folder + "/car_tax.intent", atomically: true, encoding: .utf8)
    let result = try BiseoProcess.run(["classify", "--intents", folder, "--no-cache", "안녕"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("car_tax.intent:3:12: error: unknown entity type 'cc' [I0008]"))
  }

  @Test("eval --json: 정확도와 처리량") func eval() throws {
    let result = try BiseoProcess.run(["eval", "--test", "Corpus/nlu/test.tsv", "--json"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let report = object?["report"] as? [String: Any]
    #expect((report?["accuracy"] as? Double ?? 0) > 0.8)
    #expect((report?["testCount"] as? Int) ?? 0 >= 800)
    // Measured 0.042 on Corpus/nlu/test.tsv (951 lines); 15 bins for the reliability diagram.
    #expect((report?["expectedCalibrationError"] as? Double ?? 1) < 0.1)
    #expect((report?["reliability"] as? [[String: Any]])?.count == 15)
  }

  @Test("eval --consent --json: 제안에 대한 답의 정밀도") func consent() throws {
    let result = try BiseoProcess.run([
      "eval", "--consent", "Corpus/nlu/consent.tsv", "--as-of", "2026-11-29", "--json",
    ])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let report = (object?["consent"] as? [String: Any])?["report"] as? [String: Any]
    let labels = report?["labels"] as? [[String: Any]] ?? []
    let accept = labels.first { $0["label"] as? String == "accept" }
    #expect((accept?["precision"] as? Double ?? 0) >= 0.99)
    #expect(object?["report"] == nil)
  }

  @Test("eval --entities: 종류, 위치, 값이 모두 맞아야") func entities() throws {
    let result = try BiseoProcess.run(["eval", "--entities", "Corpus/nlu/entities.tsv", "--json"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let report = (object?["entities"] as? [String: Any])?["report"] as? [String: Any]
    #expect((report?["precision"] as? Double ?? 0) >= 0.95)
    #expect((report?["recall"] as? Double ?? 0) >= 0.9)
  }

  @Test("intents export --format rasa, eval이 Rasa YAML을 읽고 잘못된 곳을 짚는다") func rasa() throws {
    let folder = NSTemporaryDirectory() + "biseo-rasa-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let exported = try BiseoProcess.run([
      "intents", "export", "--format", "rasa", "--output", folder + "/nlu.yml",
    ])
    #expect(exported.status == 0)
    let yaml = try String(contentsOfFile: folder + "/nlu.yml", encoding: .utf8)
    #expect(yaml.hasPrefix("version: \"3.1\"\nnlu:\n"))
    #expect(yaml.contains("- intent: health_checkup\n  examples: |\n"))
    let scored = try BiseoProcess.run(["eval", "--test", folder + "/nlu.yml", "--json"])
    #expect(scored.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any]
    let report = object?["report"] as? [String: Any]
    #expect((report?["testCount"] as? Int ?? 0) > 1000)
    try "nlu:\n- intent: a\n  examples: |\n    - [열린](date\n".write(
      toFile: folder + "/bad.yml", atomically: true, encoding: .utf8)
    let bad = try BiseoProcess.run(["eval", "--test", folder + "/bad.yml"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad.yml:4:11: error: '(' is not closed [Y0008]"))
  }
}
