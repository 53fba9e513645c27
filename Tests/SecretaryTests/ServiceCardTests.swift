import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// Answers about services carry them as cards: verdict, window, amount and the place to act,
/// with the sentences text shows; the place line is shown once a conversation, never spoken.
@Suite struct ServiceCardTests {
  static func dialogue() throws -> DialogueManager {
    let runtime = try #require(GoldenConversationTests.runtime).withDataDirectory(
      NSTemporaryDirectory() + "biseo-cards-\(UUID().uuidString)")
    return DialogueManager(runtime: runtime)
  }

  static func day(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

  @Test("a check-up that applies: its window, its place line once, and the card's verdicts")
  func checkupCard() throws {
    let dialogue = try Self.dialogue()
    var conversation = Conversation(citizenID: "c004-choi-minho")
    let asOf = try Self.day("2026-06-15")
    let now = asOf.instant(atHour: 10)
    let first = dialogue.respond(
      to: "올해 건강검진 대상이야?", in: &conversation, asOf: asOf, now: now)
    let checkup = try #require(first.cards.first { $0.rule == "health_checkup" })
    #expect(checkup.verdict == .applies)
    let year = try Self.day("2026-01-01")...Self.day("2026-12-31")
    #expect(checkup.window == year)
    #expect(checkup.place?.url == "https://www.nhis.or.kr")
    #expect(checkup.offersReminder)
    let text = TextRenderer.text(of: first)
    #expect(text.contains("바로가기: 국민건강보험공단 https://www.nhis.or.kr (전화 1577-1000)"))
    // Spoken, the page is left out; the sentences are the same.
    let spoken = SpeechRenderer.sentences(of: first).joined(separator: " ")
    #expect(!spoken.contains("바로가기") && !spoken.contains("https"))
    // A cancer screening years away is a later card, without a place line.
    let cancer = try #require(first.cards.first { $0.rule == "cancer_screening" })
    #expect(cancer.verdict == .later && cancer.placeLine == nil)

    let again = dialogue.respond(to: "언제까지야?", in: &conversation, asOf: asOf, now: now)
    #expect(again.cards.contains { $0.rule == "health_checkup" && $0.place != nil })
    #expect(!TextRenderer.text(of: again).contains("바로가기"), "shown once a conversation")
  }

  @Test("three benefits at one page show that page once; an amount rides on its card")
  func onePlaceOnce() throws {
    let dialogue = try Self.dialogue()
    var conversation = Conversation(citizenID: "c002-park-junho")
    let day = try Self.day("2026-02-20")
    let reply = dialogue.respond(
      to: "오늘 아기 낳았어요", in: &conversation, asOf: day, now: day.instant(atHour: 10))
    let text = TextRenderer.text(of: reply)
    #expect(text.components(separatedBy: "복지로 https://www.bokjiro.go.kr").count == 2, "\(text)")
    let voucher = try #require(reply.cards.first { $0.rule == "first_meeting_voucher" })
    #expect(voucher.amount == 3_000_000)
  }
}
