import CivilCalendar
import Foundation
import Secretary
import Testing

@testable import Gateways

/// Contract tests against the documented limits of a Kakao skill response (`KakaoLimits`):
/// every reply of the golden text conversations, answered on the Kakao platform and encoded by
/// `KakaoSkill`, must keep to them — and so must any card a later reply carries.
@Suite struct KakaoLimitsTests {
  static let conversations = SecretaryFixture.root.appendingPathComponent("Corpus/conversations")

  /// The golden conversations shown as text (not `mode: speaker` or `ssml`).
  static var textConversations: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: conversations.path)) ?? []
    return names.filter { $0.hasSuffix(".chat") }.sorted().filter { name in
      let text =
        (try? String(
          contentsOf: conversations.appendingPathComponent(name), encoding: .utf8)) ?? ""
      let head = text.components(separatedBy: "\n\n").first ?? ""
      return !head.contains("mode: speaker") && !head.contains("mode: ssml")
    }
  }

  @Test("there are golden text conversations to check")
  func enoughConversations() {
    #expect(Self.textConversations.count >= 30)
  }

  @Test("every golden text reply, as a Kakao skill response, keeps to the documented limits")
  func goldenRepliesKeepTheLimits() async throws {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    var replies = 0
    for name in Self.textConversations {
      let text = try String(
        contentsOf: Self.conversations.appendingPathComponent(name), encoding: .utf8)
      let header = Dictionary(
        text.components(separatedBy: "\n\n").first?.split(separator: "\n").compactMap { line in
          line.firstIndex(of: ":").map {
            (
              String(line[..<$0]),
              line[line.index(after: $0)...].trimmingCharacters(in: .whitespaces)
            )
          }
        } ?? [], uniquingKeysWith: { first, _ in first })
      let day = try #require(header["as-of"].flatMap(CivilDate.init(iso:)), "\(name): no as-of")
      let citizen = header["citizen"] == "new" ? "kakao-\(UUID().uuidString)" : header["citizen"]
      let sender = try #require(citizen, "\(name): no citizen")
      let runtime = shared.withDataDirectory(
        NSTemporaryDirectory() + "biseo-kakao-\(UUID().uuidString)")
      let instant = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400)
      let responder = SecretaryResponder(runtime: runtime, clock: { instant }, demo: true)
      let lines = text.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { $0.dropFirst(2) }
      for (index, line) in lines.enumerated() {
        let reply = await responder.respond(
          to: ChatRequest(sender: sender, text: String(line), platform: .kakao))
        let json = try Self.decode(KakaoSkill.encode(reply))
        let problems = KakaoLimitCheck.violations(in: json)
        #expect(problems.isEmpty, "\(name) line \(index + 1) '\(line)': \(problems)")
        replies += 1
      }
    }
    #expect(replies >= 150, "only \(replies) replies checked")
  }

  @Test("a long quick reply label is cut to 14 characters; its message, the title, stays whole")
  func longLabels() throws {
    let title = "종합부동산세 주택분 납부 알림 받기"
    let reply = ChatReply(
      texts: ["안내"],
      quickReplies: (0..<12).map { QuickReply(title: "\(title) \($0)", payload: "/p\($0)") })
    let json = try Self.decode(KakaoSkill.encode(reply))
    #expect(KakaoLimitCheck.violations(in: json).isEmpty)
    let quick = try #require(
      (json["template"] as? [String: Any])?["quickReplies"] as? [[String: Any]])
    #expect(quick.count == KakaoLimits.quickReplies)
    #expect(quick.first?["label"] as? String == "종합부동산세 주택분 납부…")
    #expect(quick.first?["messageText"] as? String == "\(title) 0")
  }

  @Test("the checker itself finds each kind of excess")
  func checkerFindsExcess() {
    let long = String(repeating: "가", count: 401)
    let button: [String: Any] = ["label": "열다섯 글자 넘는 버튼 이름입니다요", "action": "webLink"]
    let card: [String: Any] = [
      "title": String(repeating: "제", count: 51), "description": long,
      "buttons": Array(repeating: button, count: 4),
    ]
    let json: [String: Any] = [
      "version": "2.0",
      "template": [
        "outputs": [
          ["simpleText": ["text": String(repeating: "나", count: 1001)]],
          ["textCard": card],
          ["basicCard": ["title": "기본", "description": String(repeating: "다", count: 231)]],
          ["carousel": ["type": "textCard", "items": Array(repeating: ["title": "t"], count: 11)]],
        ],
        "quickReplies": Array(
          repeating: ["label": "열다섯 글자가 넘는 바로가기 이름", "messageText": "x"], count: 11),
      ],
    ]
    let problems = KakaoLimitCheck.violations(in: json)
    for fragment in [
      "outputs: 4", "simpleText: 1001", "textCard title: 51", "textCard description: 401",
      "buttons: 4", "button label", "basicCard description: 231", "carousel items: 11",
      "quickReplies: 11", "quickReply label",
    ] {
      #expect(problems.contains { $0.contains(fragment) }, "no '\(fragment)' in \(problems)")
    }
  }

  static func decode(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }
}

/// Every documented limit a SkillResponse 2.0 can break, as messages naming the field.
enum KakaoLimitCheck {
  static func violations(in response: [String: Any]) -> [String] {
    var problems: [String] = []
    func over(_ what: String, _ count: Int, _ limit: Int) {
      if count > limit { problems.append("\(what): \(count) > \(limit)") }
    }
    guard let template = response["template"] as? [String: Any] else { return ["no template"] }
    let outputs = template["outputs"] as? [[String: Any]] ?? []
    if !KakaoLimits.outputs.contains(outputs.count) {
      problems.append("outputs: \(outputs.count) not in \(KakaoLimits.outputs)")
    }
    func card(_ kind: String, _ card: [String: Any]) {
      let title = (card["title"] as? String)?.count ?? 0
      let description = (card["description"] as? String)?.count ?? 0
      if kind == "textCard" {
        over("textCard title", title, KakaoLimits.textCardTitleLength)
        over("textCard description", description, KakaoLimits.textCardDescriptionLength)
      } else {
        over("basicCard description", description, KakaoLimits.basicCardDescriptionLength)
      }
      let buttons = card["buttons"] as? [[String: Any]] ?? []
      over("\(kind) buttons", buttons.count, KakaoLimits.buttonsPerCard)
      for button in buttons {
        over(
          "button label", (button["label"] as? String)?.count ?? 0, KakaoLimits.buttonLabelLength)
      }
    }
    for output in outputs {
      if let simple = output["simpleText"] as? [String: Any] {
        over("simpleText", (simple["text"] as? String)?.count ?? 0, KakaoLimits.simpleTextLength)
      }
      for kind in ["textCard", "basicCard"] {
        if let value = output[kind] as? [String: Any] { card(kind, value) }
      }
      if let carousel = output["carousel"] as? [String: Any] {
        let items = carousel["items"] as? [[String: Any]] ?? []
        over("carousel items", items.count, KakaoLimits.carouselItems)
        let kind = carousel["type"] as? String ?? "basicCard"
        for item in items { card(kind, item) }
      }
    }
    let quickReplies = template["quickReplies"] as? [[String: Any]] ?? []
    over("quickReplies", quickReplies.count, KakaoLimits.quickReplies)
    for quick in quickReplies {
      let label = quick["label"] as? String ?? ""
      over("quickReply label '\(label)'", label.count, KakaoLimits.quickReplyLabelLength)
      if label.isEmpty { problems.append("quickReply label is empty") }
    }
    return problems
  }
}
