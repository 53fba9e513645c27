import CivilCalendar
import Testing

@testable import Secretary

/// The intake of a told life event comes from the rule book's `asks`, `adds` and `sets`.
@Suite struct LifeEventIntakeTests {
  var day: CivilDate { get throws { try #require(CivilDate(iso: "2026-05-02")) } }

  func intake(_ event: String) throws -> LifeEventIntake {
    let runtime = try #require(GoldenConversationTests.runtime)
    return try #require(LifeEventIntake(event: event, book: runtime.book))
  }

  @Test("a death is written with the relation the sentence names, the longest word first")
  func deathRelation() throws {
    let death = try intake("bereavement")
    for (line, relation) in [
      ("할아버지가 돌아가셨어요", "grandparent"), ("아버지가 돌아가셨어요", "parent"),
      ("남편이 세상을 떠났어요", "spouse"), ("돌아가셨어요", nil),
    ] {
      let profile = death.record(.object([]), try day, utterance: line)
      let event = profile["lifeEvents"].arrayItems.first
      #expect(event?["type"]?.stringValue == "death", "\(line)")
      #expect(event?["date"]?.stringValue == "2026-05-02", "\(line)")
      #expect(event?["relation"]?.stringValue == relation, "\(line)")
    }
  }

  @Test("a birth adds the child in its place and the event; a correction moves both")
  func birthAndCorrection() throws {
    let birth = try intake("childbirth")
    let first: JSONValue = .object([
      ("children", .array([.object([("birthDate", .string("2023-01-09"))])]))
    ])
    let told = birth.record(first, try day, utterance: "둘째 낳았어요")
    let second = told["children"].arrayItems.last
    #expect(second?["birthDate"]?.stringValue == "2026-05-02")
    #expect(second?["birthOrder"] == .number("2"))
    #expect(told["lifeEvents"].arrayItems.first?["relation"]?.stringValue == "child")
    #expect(birth.isKnown(in: told, asOf: (try day).adding(days: 30)))
    #expect(!birth.isKnown(in: told, asOf: (try day).adding(days: 400)))
    let moved = birth.replacing(try day, with: (try day).adding(days: -1), in: told)
    #expect(moved["children"].arrayItems.last?["birthDate"]?.stringValue == "2026-05-01")
    #expect(moved["children"].arrayItems.first?["birthDate"]?.stringValue == "2023-01-09")
    #expect(moved["lifeEvents"].arrayItems.first?["date"]?.stringValue == "2026-05-01")
  }

  @Test("a due date is set on the pregnancy record and known while it lies ahead")
  func dueDate() throws {
    let expecting = try intake("expecting")
    #expect(expecting.spec.ahead)
    let told = expecting.record(
      .object([("pregnancy", .null)]), try day, utterance: "임신했어요")
    #expect(told["pregnancy"]?["dueDate"]?.stringValue == "2026-05-02")
    #expect(expecting.isKnown(in: told, asOf: try day))
    #expect(!expecting.isKnown(in: told, asOf: (try day).adding(days: 1)))
  }

  @Test("a move is known for a month")
  func move() throws {
    let move = try intake("relocation")
    let told = move.record(.object([]), try day, utterance: "이사했어요")
    #expect(move.isKnown(in: told, asOf: (try day).adding(days: 31)))
    #expect(!move.isKnown(in: told, asOf: (try day).adding(days: 32)))
  }
}
