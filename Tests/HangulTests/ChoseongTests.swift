import Testing

@testable import Hangul

@Suite struct ChoseongTests {
  @Test func extraction() {
    #expect(Choseong.extract("건강검진") == "ㄱㄱㄱㅈ")
    #expect(Choseong.extract("민방위 훈련!") == "ㅁㅂㅇ ㅎㄹ!")
  }

  @Test(arguments: [
    ("ㄱㄱㄱㅈ", "건강검진", true), ("건강ㄱㅈ", "건강검진", true), ("ㄱㄱ ㄱㅈ", "건강 검진 대상", true),
    ("ㅁㅂㅇ", "올해 민방위 훈련", true), ("ㄱㄱㄱㅈ", "건강검사", false), ("ㄲ", "건강", false),
    ("건강검진", "건강검진", true), ("", "건강", true), ("ㄱㄱㄱㄱㄱ", "건강", false),
  ])
  func matching(query: String, text: String, expected: Bool) {
    #expect(Choseong.matches(query: query, in: text) == expected)
  }

  @Test func choseongOnlyInput() {
    #expect(Choseong.isChoseongOnly("ㄱㄱㄱㅈ"))
    #expect(Choseong.isChoseongOnly("ㅁㅂㅇ 언제?") == false)
    #expect(Choseong.isChoseongOnly("ㅁㅂㅇ?"))
    #expect(Choseong.isChoseongOnly("ㄱ") == false)
  }
}
