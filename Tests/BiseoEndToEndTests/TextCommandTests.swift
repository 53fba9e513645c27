import Foundation
import Testing

@Suite(.ownThreads) struct TextCommandTests {
  private func run(_ arguments: String...) throws -> BiseoProcess.Result {
    try BiseoProcess.run(arguments)
  }

  @Test("이슈의 예시가 그대로 나온다")
  func issueExamples() throws {
    #expect(
      try run("text", "keyboard", "dkssudgktpdy", "rjsrkdrjawls", "alsqkddnl").stdout
        == "안녕하세요\n건강검진\n민방위\n")
    #expect(try run("text", "keyboard", "--detect", "hello").stdout == "hello\t0.00\n")
    #expect(try run("text", "choseong", "--query", "ㄱㄱㄱㅈ", "건강검진").stdout == "match\n")
    #expect(try run("text", "choseong", "--query", "건강ㄱㅈ", "건강검진").stdout == "match\n")
    #expect(try run("text", "choseong", "--query", "ㅁㅂㅇ", "건강검진").status == 1)
    #expect(try run("text", "josa", "SK", "을/를").stdout == "SK를\n")
    #expect(try run("text", "josa", "KT", "를").stdout == "KT를\n")
    #expect(try run("text", "josa", "3", "을").stdout == "3을\n")
    #expect(try run("text", "josa", "1", "으로").stdout == "1로\n")
    #expect(
      try run("text", "read", "123,450원", "2026년 3월 2일", "6월", "10월", "3시", "20살", "2개").stdout
        == "십이만 삼천사백오십 원\n이천이십육 년 삼 월 이 일\n유월\n시월\n세 시\n스무 살\n두 개\n")
    #expect(
      try run("text", "number", "삼십만", "3만 5천", "마흔", "스물한", "일억 이천만").stdout
        == "300000\n35000\n40\n21\n120000000\n")
    #expect(try run("text", "jamo", "한글").stdout == "ㅎㅏㄴㄱㅡㄹ\n")
    #expect(try run("text", "compose", "ㅎㅏㄴㄱㅡㄹ").stdout == "한글\n")
  }

  @Test func stdinLinesWithInvalidUTF8AreReplacedAndReported() throws {
    let input = Data("rjsrkdrjawls\n".utf8) + Data([0xFF, 0xFE]) + Data("\nalsqkddnl\n".utf8)
    let result = try BiseoProcess.run(["text", "keyboard"], stdin: input)
    #expect(result.status == 0)
    #expect(result.stdout == "건강검진\n\u{FFFD}\u{FFFD}\n민방위\n")
    #expect(result.stderr.contains("stdin: warning: replaced 2 invalid UTF-8 sequence(s)"))
  }

  @Test func aMegabyteLineOnStdin() throws {
    let line = String(repeating: "dkssudgktpdy ", count: 80_000)
    let result = try BiseoProcess.run(["text", "keyboard"], stdin: Data((line + "\n").utf8))
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("안녕하세요 안녕하세요"))
  }

  @Test func usageErrorsNameTheClosestValidChoice() throws {
    let command = try run("txt")
    #expect(command.status == 2)
    #expect(command.stderr.contains("unknown command 'txt'"))
    #expect(command.stderr.contains("did you mean 'text'?"))
    let option = try run("text", "keyboard", "--detct", "x")
    #expect(option.status == 2)
    #expect(option.stderr.contains("did you mean '--detect'?"))
    let operation = try run("text", "nmber", "3")
    #expect(operation.status == 2)
    #expect(operation.stderr.contains("did you mean 'number'?"))
    let bad = try run("text", "number", "사과")
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("'사과' is not a number"))
  }

  @Test func helpAndVersion() throws {
    let help = try run("--help")
    #expect(help.status == 0)
    #expect(help.stdout.contains("text"))
    #expect(try run("text", "--help").stdout.contains("biseo text josa WORD PARTICLE"))
    #expect(try run("--version").stdout.hasPrefix("biseo "))
    #expect(try run().status == 2)
  }
}
