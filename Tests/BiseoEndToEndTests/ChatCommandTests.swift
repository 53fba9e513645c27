import Foundation
import Testing

/// `biseo chat` as a citizen would run it: piped stdin, the shipped data, a scratch data dir.
@Suite(.ownThreads) struct ChatCommandTests {
  /// One trained model for every test here, so each process only loads it.
  static let cache = NSTemporaryDirectory() + "biseo-chat-e2e-model"

  private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "biseo-chat-e2e-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func chat(_ input: Data, _ extra: [String] = [], data: String) throws
    -> BiseoProcess.Result
  {
    try BiseoProcess.run(
      ["chat", "--citizen", "c004-choi-minho", "--as-of", "2026-03-02", "--data", data]
        + ["--cache", Self.cache] + extra,
      stdin: input)
  }

  @Test("빈 줄, 1MB 줄, 잘못된 UTF-8, EOF에도 답하고 깨끗이 끝난다")
  func badInputNeverCrashes() throws {
    let data = try temporaryDirectory()
    var input = Data("\n   \n".utf8)
    input += Data(String(repeating: "가", count: 400_000).utf8) + Data("\n".utf8)
    input += Data([0xFF, 0xFE, 0x0A])
    input += Data("민방위 언제까지야?".utf8)  // no final newline: EOF ends the line
    let result = try chat(input, data: data)
    #expect(result.status == 0)
    #expect(result.stdout.contains("최민호님은 2026년 민방위 4년차입니다"))
    #expect(result.stderr.contains("line longer than"))
    #expect(result.stderr.contains("invalid UTF-8"))
  }

  @Test("배운 사실과 동의는 재시작 뒤에도 남는다")
  func factsAndConsentsSurviveARestart() throws {
    let data = try temporaryDirectory()
    let first = try BiseoProcess.run(
      ["chat", "--new", "--as-of", "2026-03-02", "--data", data, "--cache", Self.cache],
      stdin: Data("김하나예요\n올해 건강검진 대상이야?\n1990-05-01\n사무직\n여자\n네\n".utf8))
    #expect(first.status == 0)
    #expect(first.stdout.contains("알림을 신청했어요"))
    let second = try BiseoProcess.run(
      [
        "chat", "--citizen", "guest-1", "--as-of", "2026-03-02", "--data", data, "--cache",
        Self.cache,
      ],
      stdin: Data("내 알림 보여줘\n".utf8))
    #expect(second.stdout.contains("안녕하세요, 김하나님"))
    #expect(second.stdout.contains("일반건강검진 대상입니다"))
    let consents = try String(contentsOfFile: data + "/consents.jsonl", encoding: .utf8)
    #expect(consents.contains("\"action\":\"subscribe\""))
  }

  @Test func aMalformedProfileIsALocatedErrorAtStart() throws {
    let corpus = try temporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: corpus + "/profiles", withIntermediateDirectories: true)
    try Data("{\n  \"id\": \"x1\",\n  \"name\": 김\n}\n".utf8)
      .write(to: URL(fileURLWithPath: corpus + "/profiles/x1.json"))
    let result = try BiseoProcess.run(
      ["chat", "--corpus", corpus, "--data", try temporaryDirectory(), "--cache", Self.cache],
      stdin: Data())
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("/profiles/x1.json:3:11: error: expected a JSON value, found '김'"))
  }

  @Test func unknownCitizenNamesTheClosest() throws {
    let result = try BiseoProcess.run(
      [
        "chat", "--citizen", "c004-choi-minh", "--data", try temporaryDirectory(), "--cache",
        Self.cache,
      ],
      stdin: Data())
    #expect(result.status == 2)
    #expect(result.stderr.contains("did you mean 'c004-choi-minho'?"))
  }

  @Test func speakerModeSpeaksWords() throws {
    let result = try chat(Data("민방위 언제까지야?\n".utf8), ["--speaker"], data: try temporaryDirectory())
    // This year's date without its year ("십일 월 삼십 일"), digits read as words.
    #expect(result.stdout.contains("십일 월 삼십 일까지"))
    #expect(!result.stdout.contains("년 십일 월 삼십 일"))
    #expect(!result.stdout.contains("2026") && !result.stdout.contains("30"))
  }
}
