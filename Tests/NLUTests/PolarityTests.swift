import CivilCalendar
import Testing

@testable import NLU

@Suite struct PolarityTests {
  static let asOf = CivilDate(year: 2026, month: 11, day: 29)

  private func interpret(_ text: String) throws -> Interpretation {
    let asOf = try #require(Self.asOf)
    return Interpreter(model: RepoData.model).interpret(text, asOf: asOf)
  }

  @Test(
    "긍정",
    arguments: [
      "네", "넵", "넵넵", "네네네", "ㅇㅇ", "ㅇㅋ", "응응", "ok", "OK", "오케이", "좋아요", "그래",
      "네 알려 주세요", "네알려주세요", "응 보내줘", "받을게요", "알림 받을래", "부탁드려요",
      "넵ㅎㅎ", "그럼요", "맞아요", "dd", "dz", "좋지", "어 해줘", "ㅇㅇ맞아", "네좋아요",
    ])
  func positive(text: String) {
    #expect(PolarityDetector.polarity(of: text, afterOffer: true) == .positive)
  }

  @Test(
    "부정",
    arguments: [
      "아니요", "아뇨", "아니", "아닙니다", "ㄴㄴ", "노노", "no", "ss", "싫어", "싫어요", "됐어",
      "됐어요", "됬어요", "됐고", "필요 없어", "필요없어요", "필요업어", "관심 없음", "그만", "그만 보내",
      "말고", "나중에", "나중에요", "담에", "안 할래", "안할래요", "안 받을래", "알림안받을래", "별로",
      "별로야", "하지 마", "보내지 마세요", "받고 싶지 않아", "안 돼요", "아니 좋아", "아니요 괜찮아요",
      "네 안 받을래요", "응 필요 없어", "취소해 줘", "그만 보내 줘", "ㄴㄴ됐어", "노 땡큐", "패스",
      "괜찮아요", "괜찮습니다", "괜찬아요", "아직이요", "됐다니까", "나중에 할게요",
      "이알림그만받을게", "연락그만주세요", "알림 삭제해 주세요", "ㅇㄴㅇㅇ",
    ])
  func negative(text: String) {
    #expect(PolarityDetector.polarity(of: text, afterOffer: true) == .negative)
  }

  @Test("괜찮아요는 제안에 답할 때만 거절") func fineOnlyAfterOffer() {
    #expect(PolarityDetector.polarity(of: "괜찮아요", afterOffer: true) == .negative)
    #expect(PolarityDetector.polarity(of: "괜찮아요", afterOffer: false) == .neutral)
    #expect(PolarityDetector.polarity(of: "괜찮네요 보내 주세요", afterOffer: true) == .positive)
  }

  @Test(
    "이중 부정은 부정이 아니다",
    arguments: ["안 받는 건 아니고", "싫은 건 아닌데", "필요 없는 건 아니에요", "안 받겠다는 게 아니라"])
  func doubleNegative(text: String) {
    #expect(PolarityDetector.polarity(of: text, afterOffer: true) != .negative)
  }

  @Test(
    "중립: 예도 아니요도 아닌 말, 헷갈리는 말",
    arguments: [
      "건강검진 언제야", "안녕하세요", "안내문 어디서 봐요", "제안받았어요", "노인 일자리", "네이버", "어디서 해요",
      "네 됐어요", "네 괜찮아요", "아니 보내줘", "좋아요 근데 나중에", "잘 됐네요", "신청 됐어?", "다음 주 화요일",
      "아니면 다음 달", "그래서 언제야", "상관없어요", "ㄱㄱ ㅅㅇ", "ㅇ ㅎㄱㅇ", "그만큼 받아요", "ㅇㄴ",
    ])
  func neutral(text: String) {
    #expect(PolarityDetector.polarity(of: text, afterOffer: true) == .neutral)
  }

  @Test(
    "제안에 대한 답",
    arguments: [
      ("네", OfferAnswer.accept), ("ㅇㅇ", .accept), ("네 알려 주세요", .accept), ("좋아요", .accept),
      ("응 보내줘", .accept), ("됐어", .refuse), ("ㄴㄴ", .refuse), ("노노", .refuse),
      ("괜찮아요", .refuse), ("괜찮습니다", .refuse), ("안 받을래", .refuse), ("싫어", .refuse),
      ("필요 없어", .refuse), ("나중에", .refuse), ("그만", .refuse), ("별로", .refuse),
      ("아니 좋아", .refuse), ("아니요 괜찮아요", .refuse), ("네 됐어요", .unclear),
      ("안 받는 건 아니고", .unclear), ("싫은 건 아닌데", .unclear), ("글쎄요", .unclear),
      ("네?", .unclear), ("건강검진 언제야", .unclear), ("아니 보내줘", .unclear),
    ])
  func offerAnswers(text: String, expected: OfferAnswer) throws {
    #expect(try interpret(text).answerToOffer() == expected)
  }

  @Test("해석에 극성이 담기고 개체로도 나온다") func interpretation() throws {
    let yes = try interpret("네 알려 주세요")
    #expect(yes.polarity == .positive)
    #expect(yes.entities.map(\.kind) == [.yesNo, .polarity])
    let polarity = try #require(yes.entities.last)
    #expect(polarity.value == "positive")
    #expect(polarity.range == 0..<8)
    let no = try interpret("됐어요 나중에")
    #expect(no.polarity == .negative)
    #expect(no.entities.first { $0.kind == .polarity }?.text == "됐어요 나중에")
    #expect(try interpret("건강검진 언제야").entities.allSatisfy { $0.kind != .polarity })
    // Not an answer to an offer here: "괜찮아요" says nothing on its own.
    #expect(try interpret("괜찮아요").polarity == .neutral)
  }

  @Test("영문 자판으로 친 거절") func englishMode() {
    // 싫어요 = tlfgdjdy, 필요없어 = vlfdyduqtdj
    #expect(PolarityDetector.polarity(of: "tlfgdjdy", afterOffer: true) == .negative)
    #expect(PolarityDetector.polarity(of: "vlfdydjqtdj", afterOffer: true) == .negative)
  }
}
