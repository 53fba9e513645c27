import Diagnostics
import Foundation
import Testing

@testable import Secretary

@Suite struct JSONParserTests {
  private func parse(_ text: String) -> Result<JSONValue, Diagnostic> {
    JSONParser.parse(text, path: "p.json")
  }

  @Test func parsesAndWritesBackInOrder() throws {
    let text =
      #"{"id":"C01","name":"김민준","n":-1.5e3,"ok":true,"none":null,"list":[1,{"a":"\u00e9\n"}]}"#
    let value = try parse(text).get()
    #expect(
      value.text
        == #"{"id":"C01","name":"김민준","n":-1.5e3,"ok":true,"none":null,"list":[1,{"a":"é\n"}]}"#)
    #expect(value["name"]?.stringValue == "김민준")
    #expect(value.setting("id", to: .string("C02"))["id"] == .string("C02"))
    #expect(try parse(value.prettyText).get() == value)
  }

  @Test("NFD로 쓴 이름도 NFC로 읽는다")
  func stringsAreNFC() throws {
    let nfd = "김민준".decomposedStringWithCanonicalMapping
    let value = try parse("\"\(nfd)\"").get()
    #expect(Array(value.stringValue?.utf8 ?? "".utf8) == Array("김민준".utf8))
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9, "expected a key in quotes, found '}'"),
    ("{\n  \"a\" 1\n}", 2, 7, "expected ':' after the key, found '1'"),
    ("[1, 2", 1, 6, "expected ',' or ']', found the end of the file"),
    ("\"abc", 1, 5, "unterminated string"),
    ("tru", 1, 4, "expected 'true', found the end of the file"),
    ("01", 1, 2, "unexpected text after the JSON value"),
    ("{\"이름\": 김}", 1, 8, "expected a JSON value, found '김'"),
    ("\"\\x\"", 1, 3, "unknown escape '\\x'"),
    ("", 1, 1, "expected a JSON value, found the end of the file"),
  ])
  func mistakesAreLocated(text: String, line: Int, column: Int, message: String) {
    guard case .failure(let d) = parse(text) else {
      Issue.record("parsed \(text)")
      return
    }
    #expect(d.span.start == SourcePosition(line: line, column: column))
    #expect(d.message == message)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    guard case .failure(let d) = parse(deep) else {
      Issue.record("parsed")
      return
    }
    #expect(d.message.contains("nested deeper"))
  }
}
