import Foundation
import Testing

@testable import Secretary

/// The dialogue's data files beside the intents: the shipped ones load clean, and a bad line
/// in each is an error at its line.
@Suite struct DialogueFilesTests {
  static let intents = GoldenConversationTests.root.appendingPathComponent("Intents").path

  private func write(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "biseo-dialogue-file-\(UUID().uuidString).txt"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("the shipped frames, aliases and answer sentences load without a diagnostic")
  func shippedFilesLoad() {
    #expect(QuestionFrames.load(path: Self.intents + "/frames.txt").1.isEmpty)
    #expect(WordAliases.load(path: Self.intents + "/aliases.txt").1.isEmpty)
    #expect(AnswerPhrases.load(path: Self.intents + "/answers.txt").1.isEmpty)
  }

  @Test("frames.txt: an unknown frame and a frame with no word, at their lines")
  func badFrames() throws {
    let path = try write("# c\nwhen: 언제\nsoon: 곧\nhow:\n")
    let problems = QuestionFrames.load(path: path).1
    #expect(problems.map(\.span.start.line) == [3, 4], "\(problems.map(\.message))")
  }

  @Test("aliases.txt: a line that is not 'word = title word', at its line")
  func badAliases() throws {
    let path = try write("독감 = 인플루엔자\n독감 인플루엔자\n= 위암\n")
    let (aliases, problems) = WordAliases.load(path: path)
    #expect(problems.map(\.span.start.line) == [2, 3])
    #expect(aliases.expanded("독감 주사 맞아야 돼?").hasSuffix("인플루엔자"))
  }

  @Test("answers.txt: an unknown key at its line, a missing key named, a template filled")
  func badAnswers() throws {
    let shipped = try String(contentsOfFile: Self.intents + "/answers.txt", encoding: .utf8)
    let broken = shipped.replacingOccurrences(of: "offer: ", with: "offr: ")
    let line = broken.components(separatedBy: "\n").firstIndex { $0.hasPrefix("offr:") }
    let problems = AnswerPhrases.load(path: try write(broken)).1
    #expect(
      problems.contains { $0.message.contains("'offr'") && $0.span.start.line == (line ?? -2) + 1 })
    #expect(problems.contains { $0.message.contains("'offer', which is missing") })
    let (answers, _) = AnswerPhrases.load(path: Self.intents + "/answers.txt")
    #expect(answers.text("lacks", ["facts": .text("운전면허")]) == "운전면허가 없어서 지금은 해당하지 않아요.")
  }
}
