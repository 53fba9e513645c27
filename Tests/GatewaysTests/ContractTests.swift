import Foundation
import Gateways
import Testing

/// Stored request JSON in, exact response JSON out, for every chat endpoint.
///
/// `Contracts/<endpoint>[-case].request.json` is posted to the endpoint's path (`nugu` to
/// `/nugu/answer.checkup`) with a fresh
/// `EchoResponder`; the body must equal `<same>.response.json` byte for byte (one trailing
/// newline in the file is ignored). Cases named `-error` expect 400. `RECORD_CONTRACTS=1`
/// rewrites the response files and records an issue, so recording never passes.
@Suite("Endpoint contracts")
struct ContractTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Contracts")

  static let paths = [
    "chat": "/chat", "rest": "/webhooks/rest/webhook", "kakao": "/kakao/skill",
    "speaker": "/speaker", "nugu": "/nugu/answer.checkup", "thread": "/thread",
  ]

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".request.json") }
      .map { String($0.dropLast(".request.json".count)) }.sorted()
  }

  @Test("every endpoint has contracts")
  func coverage() {
    for endpoint in Self.paths.keys {
      #expect(Self.cases.contains(endpoint), "no contract for \(endpoint)")
    }
  }

  @Test("request → exact response", arguments: cases)
  func contract(name: String) async throws {
    let endpoint = String(name.prefix { $0 != "-" })
    let path = try #require(Self.paths[endpoint], "unknown endpoint prefix in \(name)")
    let body = try Data(contentsOf: Self.folder.appendingPathComponent("\(name).request.json"))
    let request = HTTPRequest(method: "POST", target: path, body: [UInt8](body))
    let router = Router(metrics: GatewayMetrics())
    let response = await router.response(for: request, responder: EchoResponder())
    #expect(response.status == (name.hasSuffix("-error") ? 400 : 200))
    #expect(response.headers.first?.value == "application/json; charset=utf-8")
    let actual = String(decoding: response.body, as: UTF8.self)
    let expectedURL = Self.folder.appendingPathComponent("\(name).response.json")
    if ProcessInfo.processInfo.environment["RECORD_CONTRACTS"] == "1" {
      try Data((actual + "\n").utf8).write(to: expectedURL)
      Issue.record("recorded \(expectedURL.lastPathComponent); rerun without RECORD_CONTRACTS")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(actual == (expected.hasSuffix("\n") ? String(expected.dropLast()) : expected))
  }

  @Test("Kakao outputs: at most 3 texts of at most 1000 characters")
  func kakaoSplitting() {
    #expect(KakaoSkill.outputs([]) == [""])
    #expect(KakaoSkill.outputs(["가", "나"]) == ["가", "나"])
    let long = String(repeating: "가", count: 2500)
    #expect(KakaoSkill.outputs([long]).map(\.count) == [1000, 1000, 500])
    #expect(KakaoSkill.outputs(["a", "b", "c", "d"]) == ["a\n\nb\n\nc\n\nd"])
    let huge = KakaoSkill.outputs([String(repeating: "나", count: 5000)])
    #expect(huge.count == 3 && huge.allSatisfy { $0.count <= 1000 } && huge[2].hasSuffix("…"))
  }

  @Test("the Kakao skill path is configurable, and the default path is then unknown")
  func kakaoPath() async {
    let router = Router(metrics: GatewayMetrics(), kakaoSkillPath: "/kakao/s3cret")
    let body = Array(#"{"userRequest":{"utterance":"u","user":{"id":"i"}}}"#.utf8)
    let moved = await router.response(
      for: HTTPRequest(method: "POST", target: "/kakao/s3cret", body: body),
      responder: EchoResponder())
    let old = await router.response(
      for: HTTPRequest(method: "POST", target: "/kakao/skill", body: body),
      responder: EchoResponder())
    #expect(moved.status == 200)
    #expect(old.status == 404)
  }

  @Test("replies split into paragraphs at blank lines")
  func paragraphs() {
    let reply = ChatReply(texts: ["첫째\n\n둘째\n  \n", "", "셋째\n넷째"])
    #expect(reply.paragraphs == ["첫째", "둘째", "셋째\n넷째"])
    #expect(reply.plainSpeech == "첫째 둘째 셋째\n넷째")
  }
}
