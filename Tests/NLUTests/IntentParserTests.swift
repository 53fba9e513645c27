import Diagnostics
import Foundation
import Testing

@testable import NLU

@Suite struct IntentParserTests {
  private func load(_ text: String, path: String = "Intents/t.intent") -> IntentLoadResult {
    IntentLoader.load(files: [(path, Array(text.utf8))])
  }

  @Test("필드, 예문, 개체 표시를 읽는다") func readsAFile() throws {
    let result = load(
      """
      # comment
      intent: car_tax
      summary: 자동차세
      rules: car_tax
      facts: vehicles, sido
      reply due: {name}님, 자동차세는 {end}까지예요. {{중괄호}}

      examples:
      - 자동차세 언제 내요
      - [1600cc](displacement) 차 세금 얼마야
      -   [다음 주 화요일](date)까지 \\[급함\\]
      """)
    #expect(result.diagnostics.isEmpty)
    let intent = try #require(result.catalog.intent(named: "car_tax"))
    #expect(intent.summary == "자동차세")
    #expect(intent.rules == ["car_tax"])
    #expect(intent.facts == ["vehicles", "sido"])
    #expect(intent.replies["due"] == "{name}님, 자동차세는 {end}까지예요. {{중괄호}}")
    #expect(intent.examples.map(\.text) == ["자동차세 언제 내요", "1600cc 차 세금 얼마야", "다음 주 화요일까지 [급함]"])
    #expect(intent.examples[1].marks == [EntityMark(kind: .displacement, range: 0..<6)])
    #expect(intent.examples[2].marks == [EntityMark(kind: .date, range: 0..<8)])
    #expect(intent.examples[2].span.start == SourcePosition(line: 11, column: 5))
  }

  @Test("한 파일에 여러 의도") func severalIntentsInOneFile() {
    let result = load("intent: affirm\nexamples:\n- 네\nintent: deny\nexamples:\n- 아니요\n")
    #expect(result.diagnostics.isEmpty)
    #expect(result.catalog.intents.map(\.name) == ["affirm", "deny"])
  }

  @Test("값이 있는 개체 표시") func markWithValue() throws {
    let result = load("intent: affirm\nexamples:\n- [ㅇㅇ](yes_no=yes) 맞아\n")
    let example = try #require(result.catalog.intents.first?.examples.first)
    #expect(example.marks == [EntityMark(kind: .yesNo, range: 0..<2, value: "yes")])
  }

  @Test("같은 의도가 두 파일에") func duplicateAcrossFiles() {
    let result = IntentLoader.load(files: [
      ("Intents/a.intent", Array("intent: greeting\nexamples:\n- 안녕\n".utf8)),
      ("Intents/b.intent", Array("intent: greeting\nexamples:\n- 하이\n".utf8)),
    ])
    #expect(result.diagnostics.map(\.code) == ["I0003"])
    #expect(result.diagnostics.first?.notes == ["first defined at Intents/a.intent:1"])
    #expect(result.catalog.intents.count == 1)
  }

  @Test("오류가 있는 파일은 통째로 빠진다") func fileWithErrorsIsSkipped() {
    let result = IntentLoader.load(files: [
      ("Intents/a.intent", Array("intent: greeting\nexamples:\n- 안녕\n".utf8)),
      ("Intents/b.intent", Array("intent: thanks\nexamples:\n- [고마워(yes_no)\n".utf8)),
    ])
    #expect(result.diagnostics.hasErrors)
    #expect(result.catalog.intents.map(\.name) == ["greeting"])
  }

  @Test("다른 의도와 같은 예문은 경고") func sameExampleTwice() {
    let result = load("intent: affirm\nexamples:\n- 네\nintent: deny\nexamples:\n-  네 \n")
    #expect(result.diagnostics.map(\.code) == ["I0013"])
    #expect(result.diagnostics.first?.severity == .warning)
    #expect(result.catalog.intents.count == 2)
  }

  @Test("깨진 바이트도 죽지 않고 위치를 알린다") func invalidUTF8() {
    var bytes = Array("intent: greeting\nexamples:\n- 안녕".utf8)
    bytes += [0xFF, 0xFE, 0x0A]
    let result = IntentLoader.load(files: [("Intents/bad.intent", bytes)])
    #expect(result.diagnostics.first?.code == "I0014")
    #expect(result.diagnostics.first?.span.start == SourcePosition(line: 3, column: 5))
  }

  @Test("없는 폴더") func missingFolder() {
    let result = IntentLoader.load(directory: "/nonexistent/Intents")
    #expect(result.diagnostics.map(\.code) == ["I0015"])
  }
}
