import CivilCalendar
import Foundation
import Secretary
import Testing

@testable import Gateways

/// The gateways talking to the real secretary on the shipped rules, intents and profiles.
@Suite struct SecretaryResponderTests {
  static let runtime: SecretaryRuntime? = {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var paths = SecretaryPaths(
      rules: root.appendingPathComponent("Rules").path,
      intents: root.appendingPathComponent("Intents").path,
      profiles: root.appendingPathComponent("Corpus/profiles").path,
      faq: root.appendingPathComponent("Corpus/faq").path,
      data: NSTemporaryDirectory() + "biseo-gw-\(UUID().uuidString)")
    paths.modelCacheDirectory = NSTemporaryDirectory() + "biseo-gw-model"
    return SecretaryRuntime.load(paths).runtime
  }()

  /// 2026-03-02 09:00 in Seoul.
  static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_772_409_600) }

  @Test("데모 모드에서 데모 시민은 그 시민으로, 처음 보는 발신자는 손님으로 대화한다")
  func sessionsTalkAsTheirCitizens() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let responder = SecretaryResponder(runtime: runtime, clock: Self.clock, demo: true)
    let demo = await responder.respond(
      to: ChatRequest(sender: "c004-choi-minho", text: "민방위 언제까지야?", platform: .native))
    #expect(demo.texts.first?.contains("최민호님은 2026년 민방위 4년차입니다") == true)
    #expect(demo.quickReplies.map(\.payload).contains("/explain_why"))
    #expect(demo.intent == "civil_defense")

    let stranger = await responder.respond(
      to: ChatRequest(sender: "u:1", text: "올해 건강검진 대상이야?", platform: .kakao))
    #expect(stranger.texts.first?.contains("생년월일") == true)
    let answered = await responder.respond(
      to: ChatRequest(sender: "u:1", text: "1990-05-01", platform: .kakao))
    #expect(answered.texts.first?.contains("해당하시나요") == true)
    let stored = try runtime.profiles.profile(SecretaryResponder.guestID(for: "kakao:u:1"))
    #expect(stored["birthDate"] == .string("1990-05-01"))
  }

  @Test func speakersGetSpeech() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let responder = SecretaryResponder(runtime: runtime, clock: Self.clock, demo: true)
    let reply = await responder.respond(
      to: ChatRequest(sender: "c004-choi-minho", text: "민방위 언제까지야?", speaker: true, platform: .nugu)
    )
    #expect(reply.speech?.hasPrefix("<speak>") == true)
    // This year's date is said without its year.
    #expect(reply.texts.first?.contains("민방위 사 년차") == true)
    #expect(reply.texts.first?.contains(" 십일 월 삼십 일까지") == true)
    #expect(reply.texts.first?.contains("년 십일 월") == false)
    #expect(reply.intent == "civil_defense")
    // "자세히" goes on with the last reply: nothing new was understood, so nothing is counted.
    let more = await responder.respond(
      to: ChatRequest(sender: "c004-choi-minho", text: "자세히", speaker: true, platform: .nugu))
    #expect(more.intent == nil)
  }
}
