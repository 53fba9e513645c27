import Foundation
import Testing

@testable import Secretary

@Suite struct FAQIndexTests {
  static let shipped = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpus/faq").path

  @Test("배포된 FAQ는 오류 없이 읽히고 비슷한 질문에 답한다")
  func shippedKnowledgeBaseAnswers() throws {
    let (index, problems) = FAQIndex.load(directory: Self.shipped)
    #expect(problems.isEmpty, "\(problems)")
    #expect(index.entries.count >= 15)
    for question in [
      "여권 재발급 어떻게 해?", "여권재발급어케해", "주민등록등본 뽑으려면 어디로 가야 돼", "면허 갱신 어디서 해요", "전입신고 온라인으로 되나요",
    ] {
      #expect(index.answer(question) != nil, "\(question)")
    }
    #expect(index.answer("여권 재발급 어떻게 해?")?.entry.answer.contains("여권") == true)
    for question in [
      "오늘 날씨 어때", "ㅋㅋㅋ", "", "🙂", "아기 이름 추천해줘", "자동차 보험 어디가 싸", "사망보험금 청구 방법",
    ] {
      #expect(index.answer(question) == nil, "\(question)")
    }
  }

  @Test func malformedEntriesAreLocated() {
    let text = "q: 질문\nq: 또\n\na: 답만 있고 질문 없음\n\nq: 질문\n답\na: 답\n"
    let (entries, problems) = FAQIndex.parse(text, path: "x.faq")
    #expect(entries.count == 1)
    #expect(problems.map(\.code) == ["F0002", "F0003", "F0001"])
    #expect(problems.map(\.span.start.line) == [1, 4, 7])
  }
}
