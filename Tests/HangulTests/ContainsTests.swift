import Foundation
import Testing

@testable import Hangul

/// The byte search that stands in for Foundation's `contains` must answer as Foundation did.
@Suite struct ContainsTests {
  @Test(arguments: [
    ("건강검진 대상이야?", "검진", true), ("건강검진", "건강검진", true), ("건강", "건강검진", false),
    ("주민세는요", "민세는", true), ("각", "가", false), ("abc", "", false), ("", "a", false),
    ("aab", "ab", true), ("카톡이랑 네이버로", "네이버", true), ("ㄱㄱ", "ㄱ", true),
  ])
  func agreesWithFoundation(text: String, word: String, expected: Bool) {
    #expect(text.contains(word) == expected)
    #expect(text[...].contains(word) == expected)
    #expect(((text as NSString).range(of: word).location != NSNotFound) == expected)
  }

  @Test func findsAtTheLastPossiblePlace() {
    #expect("아아아아아나".contains("아나"))
    #expect(!"아아아아아".contains("아나"))
    let long = String(repeating: "가", count: 10_000) + "끝"
    #expect(long.contains("가끝"))
  }
}
