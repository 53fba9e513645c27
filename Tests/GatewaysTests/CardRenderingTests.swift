import Foundation
import Secretary
import Testing

@testable import Gateways

/// Service cards as the front ends show them: KakaoTalk's text cards with buttons to the place
/// to act, and the `cards` of the native JSON; text-only replies stay as they were.
@Suite struct CardRenderingTests {
  static func object(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  @Test("a Kakao answer about services: a text card each, a button to the page and the number")
  func kakaoCards() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let responder = SecretaryResponder(
      runtime: runtime, clock: SecretaryResponderTests.clock, demo: true)
    let reply = await responder.respond(
      to: ChatRequest(sender: "c004-choi-minho", text: "올해 건강검진 대상이야?", platform: .kakao))
    let checkup = try #require(reply.cards.first { $0.rule == "health_checkup" })
    #expect(checkup.verdict == "applies" && checkup.end == "2026-12-31")
    #expect(!checkup.text.contains("바로가기"), "the place is a button, not a line")
    let json = try Self.object(KakaoSkill.encode(reply))
    #expect(KakaoLimitCheck.violations(in: json).isEmpty)
    let outputs = try #require((json["template"] as? [String: Any])?["outputs"] as? [[String: Any]])
    let cards =
      outputs.compactMap { $0["textCard"] as? [String: Any] }
      + outputs.compactMap {
        (($0["carousel"] as? [String: Any])?["items"] as? [[String: Any]]) ?? nil
      }.flatMap { $0 }
    let card = try #require(cards.first { ($0["title"] as? String) == "일반건강검진 대상" })
    let buttons = try #require(card["buttons"] as? [[String: Any]])
    #expect(buttons.contains { $0["webLinkUrl"] as? String == "https://www.nhis.or.kr" })
    #expect(
      buttons.contains {
        $0["phoneNumber"] as? String == "1577-1000" && $0["label"] as? String == "전화 1577-1000"
      })
    // The offer follows the cards, as text.
    let last = try #require(outputs.last?["simpleText"] as? [String: Any])
    #expect((last["text"] as? String)?.contains("알림") == true)
  }

  @Test("a Kakao button sends its title, and the title does what the button stands for")
  func kakaoButtonsSendTheirTitles() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let data = runtime.withDataDirectory(NSTemporaryDirectory() + "biseo-kq-\(UUID().uuidString)")
    let responder = SecretaryResponder(
      runtime: data, clock: SecretaryResponderTests.clock, demo: true)
    let ask = ChatRequest(sender: "c004-choi-minho", text: "올해 건강검진 대상이야?", platform: .kakao)
    let offer = await responder.respond(to: ask)
    let yes = try #require(offer.quickReplies.first { $0.payload == "/affirm" })
    let json = try Self.object(KakaoSkill.encode(offer))
    let quick = try #require(
      (json["template"] as? [String: Any])?["quickReplies"] as? [[String: Any]])
    #expect(quick.contains { $0["messageText"] as? String == yes.title })
    #expect(!quick.contains { ($0["messageText"] as? String)?.hasPrefix("/") == true })
    let tapped = await responder.respond(
      to: ChatRequest(sender: "c004-choi-minho", text: yes.title, platform: .kakao))
    #expect(tapped.texts.joined().contains("신청했어요"), "\(tapped.texts)")
  }

  @Test("the native JSON carries the cards beside the texts; a plain reply has none")
  func nativeCards() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let responder = SecretaryResponder(
      runtime: runtime, clock: SecretaryResponderTests.clock, demo: true)
    let request = ChatRequest(sender: "c004-choi-minho", text: "민방위 언제까지야?", platform: .native)
    let reply = await responder.respond(to: request)
    let json = try Self.object(NativeChat.encode(reply, for: request))
    let cards = try #require(json["cards"] as? [[String: Any]])
    #expect(cards.first?["rule"] as? String == "civil_defense")
    #expect(cards.first?["verdict"] as? String == "applies")
    #expect((json["texts"] as? [String])?.isEmpty == false)
    // The answer's order, for a page that draws each card where it stands.
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    #expect(blocks.count == 1 && blocks.first?["card"] as? Int == 0, "\(blocks)")

    let thanks = ChatRequest(sender: "c004-choi-minho", text: "고마워", platform: .native)
    let plain = await responder.respond(to: thanks)
    #expect(try Self.object(NativeChat.encode(plain, for: thanks))["cards"] == nil)
  }

  @Test("a kept thread holds a turn's cards in order, so a reload draws them again")
  func threadKeepsCards() throws {
    let store = ThreadStore(dataDirectory: NSTemporaryDirectory() + "biseo-tc-\(UUID().uuidString)")
    let card = ChatCard(
      rule: "health_checkup", title: "일반건강검진 대상", verdict: "applies", start: "2026-01-01",
      end: "2026-12-31", amount: 12_000, placeTitle: "국민건강보험공단",
      placeURL: "https://www.nhis.or.kr", phone: "1577-1000", offersReminder: true,
      text: "올해 대상입니다.")
    let blocks: [ChatBlock] = [.text("먼저"), .card(card), .text("기한 전에 알림을 보내 드릴까요?")]
    store.append(
      ThreadTurn(message: "건강검진?", texts: ["먼저"], blocks: blocks), identity: "web:a",
      citizen: "c1")
    store.append(ThreadTurn(message: "고마워", texts: ["천만에요."]), identity: "web:a", citizen: "c1")
    let turns = store.turns(identity: "web:a", citizen: "c1")
    #expect(turns.map(\.blocks) == [blocks, []])
    let json = try Self.object(JSONBody.encode(ThreadStore.encode(turns[0])))
    #expect((json["blocks"] as? [[String: Any]])?.count == 3)
    #expect(try Self.object(JSONBody.encode(ThreadStore.encode(turns[1])))["cards"] == nil)
  }
}
