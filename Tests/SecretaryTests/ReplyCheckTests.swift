import Foundation
import NLU
import Testing

@testable import Secretary

/// The intents' reply lines are exactly those the dialogue says, and their rule names exist.
@Suite struct ReplyCheckTests {
  static let folder = GoldenConversationTests.root.appendingPathComponent("Intents").path

  @Test("the shipped intents: every reply line said, none unsaid, every rule name known")
  func shippedIntentsPass() throws {
    let runtime = try #require(GoldenConversationTests.runtime)
    let problems = ReplyCheck.problems(
      in: runtime.intents, book: runtime.book, folder: Self.folder)
    #expect(problems.isEmpty, "\(problems.map(\.message))")
  }

  @Test("an unsaid line, a missing one and an unknown rule name are located errors")
  func problemsAreLocated() throws {
    let runtime = try #require(GoldenConversationTests.runtime)
    let text = """
      intent: thanks
      summary: 감사 인사
      rules: no_such_rule
      reply due: 쓰이지 않는 문장

      examples:
      - 고마워
      """
    let loaded = IntentLoader.load(files: [("t/thanks.intent", Array(text.utf8))])
    let problems = ReplyCheck.problems(in: loaded.catalog, book: runtime.book, folder: "t")
    #expect(
      problems.contains {
        $0.message.contains("'reply due' is never said") && $0.span.start.line == 4
      })
    #expect(problems.contains { $0.message.contains("'no_such_rule'") && $0.span.start.line == 3 })
    #expect(problems.contains { $0.message.contains("'reply ok' of intent 'thanks'") })
  }
}
