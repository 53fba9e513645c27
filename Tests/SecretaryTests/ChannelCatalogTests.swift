import CivilCalendar
import Foundation
import Testing

@testable import Secretary

@Suite struct ChannelCatalogTests {
  static let catalog: ChannelCatalog = {
    let path = GoldenConversationTests.root.appendingPathComponent("Rules/channels.txt").path
    return ChannelCatalog.load(path: path).0
  }()

  private func day(_ text: String) throws -> CivilDate { try #require(CivilDate(iso: text)) }

  @Test("the shipped catalog loads; 문자 closed at the end of January 2026")
  func shippedCatalog() throws {
    let path = GoldenConversationTests.root.appendingPathComponent("Rules/channels.txt").path
    let (catalog, problems) = ChannelCatalog.load(path: path)
    #expect(problems.isEmpty, "\(problems)")
    #expect(catalog.most == 2)
    #expect(catalog.standard == "kakao")
    #expect(catalog.isOpen("sms", on: try day("2026-01-31")))
    #expect(!catalog.isOpen("sms", on: try day("2026-02-01")))
    #expect(catalog.isOpen("outbox", on: try day("2030-01-01")), "unknown names stay open")
  }

  @Test("a malformed line or date is a located error")
  func malformedLines() {
    let (_, problems) = ChannelCatalog.parse(
      "most: 0\nkakao | 카카오톡 | 카톡 | 2021-13-01 | |\nbroken line\ndefault: nope\n",
      path: "c.txt")
    let lines = problems.map(\.span.start.line)
    #expect(lines.contains(1) && lines.contains(2) && lines.contains(3), "\(problems)")
    #expect(problems.contains { $0.message.contains("'nope'") })
  }

  @Test(
    "lines choose channels as people say it",
    arguments: [
      ("네이버로 받을래", ["kakao"], ["naver"]),
      ("카톡도 추가해줘", ["naver"], ["naver", "kakao"]),
      ("문자 말고 네이버로", ["sms"], ["naver"]),
      ("카톡이랑 네이버로 받을래", ["toss"], ["kakao", "naver"]),
      ("카톡이랑 네이버랑 토스로", [], ["kakao", "naver"]),
      ("토스 빼줘", ["toss", "kakao"], ["kakao"]),
      ("문자로 보내줘", [], ["kakao"]),
    ])
  func choices(_ line: String, _ current: [String], _ expected: [String]) throws {
    let choice = ChannelChoice(
      line, current: current, catalog: Self.catalog, asOf: try day("2026-07-20"))
    #expect(choice.channels == expected, "\(line)")
  }

  @Test("a closed channel is explained, never chosen; the limit is said")
  func notes() throws {
    let asOf = try day("2026-07-20")
    let sms = ChannelChoice("문자로 보내줘", current: [], catalog: Self.catalog, asOf: asOf)
    #expect(
      sms.closed.map(\.name) == ["sms"] && sms.closed.first?.note?.contains("2026년 2월부터") == true)
    let three = ChannelChoice("카톡 네이버 토스 다", current: [], catalog: Self.catalog, asOf: asOf)
    #expect(three.trimmed && three.channels == ["kakao", "naver"])
  }

  @Test("a 'moved:' line naming a value the planner does not give is a located error")
  func movedPlaceholdersChecked() {
    let text = "default: kakao\nkakao | 카카오톡 | 카톡 | 2021-02-01 | |\nmoved: {closed} 대신 {channl}\n"
    let (catalog, problems) = ChannelCatalog.parse(text, path: "channels.txt")
    #expect(catalog.moved != nil)
    #expect(problems.count == 1)
    #expect(problems.first?.span.start.line == 3)
    #expect(problems.first?.message.contains("{channl}") == true)
  }

  /// The shipped data with 최민호's one subscription, 민방위, through `channels`.
  static func runtime(c004CivilDefenseThrough channels: [String]) throws -> SecretaryRuntime {
    let runtime = try #require(GoldenConversationTests.runtime).withDataDirectory(
      NSTemporaryDirectory() + "biseo-channels-\(UUID().uuidString)")
    let subscription = JSONValue.object([
      ("service", .string("civil_defense")), ("channels", .array(channels.map(JSONValue.string))),
    ])
    let profile = try runtime.profiles.profile("c004-choi-minho")
    try runtime.profiles.save(
      "c004-choi-minho", profile.setting("subscriptions", to: .array([subscription])))
    return runtime
  }

  @Test("the planner sends nothing through a closed channel")
  func plannerSkipsClosedChannels() throws {
    let runtime = try Self.runtime(c004CivilDefenseThrough: ["sms", "toss"])
    let plans = ReminderPlanner(rules: runtime.rules).plan(
      citizen: "c004-choi-minho", asOf: try day("2026-11-01"), days: 60)
    #expect(!plans.isEmpty)
    #expect(plans.allSatisfy { $0.channels == ["toss"] }, "\(plans.map(\.channels))")
  }

  @Test("a subscription whose every channel closed goes to the default one, and says so")
  func closedOnlyMovesToTheDefaultWithANote() throws {
    let runtime = try Self.runtime(c004CivilDefenseThrough: ["sms"])
    let planner = ReminderPlanner(rules: runtime.rules)
    let plans = planner.plan(citizen: "c004-choi-minho", asOf: try day("2026-11-01"), days: 60)
    #expect(!plans.isEmpty)
    #expect(plans.allSatisfy { $0.channels == ["kakao"] }, "\(plans.map(\.channels))")
    let first = try #require(plans.first)
    #expect(first.message.hasPrefix("문자 알림이 끝나 카카오톡으로 보내 드려요."), "\(first.message)")
    // While 문자 was open (November 2025), it carried them as chosen, without a note.
    let before = planner.plan(citizen: "c004-choi-minho", asOf: try day("2025-11-01"), days: 60)
    #expect(!before.isEmpty)
    #expect(before.allSatisfy { $0.channels == ["sms"] && !$0.message.contains("알림이 끝나") })
  }
}
