import Foundation
import Gateways
import Testing

@Suite("JSON writer")
struct JSONOutputTests {
  @Test("matches JSONSerialization with sorted keys and unescaped slashes")
  func matchesFoundation() throws {
    var random = SplitMix64(state: 42)
    let alphabet: [Character] = [
      "a", "Z", "/", "\\", "\"", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "한",
      "글", "😀", " ", "{", ":",
    ]
    for _ in 0..<500 {
      let string = String(
        (0..<Int.random(in: 0..<12, using: &random)).map { _ in
          alphabet.randomElement(using: &random) ?? "a"
        })
      // Keys as we use them (ASCII lowercase and '_'); Foundation sorts others case-insensitively.
      let key = "k" + String((0..<3).map { _ in "abcxyz_".randomElement(using: &random) ?? "a" })
      let value: JSONOutput = [
        key: .string(string), "b": [true, false, .int(-7)], "a_b": ["x": .null], "c": "",
      ]
      let foundation: [String: Any] = [
        key: string, "b": [true, false, -7], "a_b": ["x": NSNull()], "c": "",
      ]
      let expected = try JSONSerialization.data(
        withJSONObject: foundation, options: [.sortedKeys, .withoutEscapingSlashes])
      #expect(
        String(decoding: value.encoded, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
        "string \(string.debugDescription), key \(key.debugDescription)")
    }
  }

  @Test("keys are in Unicode scalar order, strings escape only quote, backslash and controls")
  func order() {
    let value: JSONOutput = ["b": 1, "B": 2, "_": 3, "한": 4, "a/b": "x/y\u{7F}\u{2028}"]
    let text = String(decoding: value.encoded, as: UTF8.self)
    #expect(text == "{\"B\":2,\"_\":3,\"a/b\":\"x/y\u{7F}\u{2028}\",\"b\":1,\"한\":4}")
  }
}
