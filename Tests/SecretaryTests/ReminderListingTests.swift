import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// "내 알림" must say what `biseo plan` and `biseo ical` will send, for the same day.
@Suite struct ReminderListingTests {
  @Test("내 알림 shows every window the planner plans for the coming year, no more, no less")
  func chatListsWhatThePlannerPlans() throws {
    let runtime = try #require(GoldenConversationTests.runtime).withDataDirectory(
      NSTemporaryDirectory() + "biseo-listing-\(UUID().uuidString)")
    let dialogue = DialogueManager(runtime: runtime)
    let asOf = try #require(CivilDate(iso: "2026-07-20"))
    let now = asOf.instant(atHour: 10)
    var checked = 0
    for id in runtime.profiles.citizenIDs().sorted() {
      let plans = ReminderPlanner(rules: runtime.rules).plan(citizen: id, asOf: asOf, days: 365)
      let windows = Set(plans.map { "\($0.rule):\($0.windowEnd)" })
      var conversation = Conversation(citizenID: id)
      let reply = dialogue.respond(to: "내 알림 보여줘", in: &conversation, asOf: asOf, now: now)
      let text = reply.paragraphs.map(TextRenderer.paragraph).joined(separator: "\n")
      if windows.isEmpty {
        #expect(!text.contains("예정된 알림 "), "\(id): \(text)")
        continue
      }
      checked += 1
      #expect(text.contains("예정된 알림 \(windows.count)건"), "\(id): \(text)")
      let first = try #require(plans.first)
      #expect(text.contains(first.message), "\(id) misses the first planned reminder: \(text)")
    }
    #expect(checked >= 3)
  }
}
