import Diagnostics
import Foundation
import Testing

@testable import Secretary

/// `Rules/where-to-act.txt`: the shipped file loads clean and speaks for every rule; a file
/// with one mistake of each kind renders exactly as `Golden/where-to-act-malformed.diag`.
@Suite struct ActionPlacesTests {
  static let shippedPath = GoldenConversationTests.root
    .appendingPathComponent("Rules/where-to-act.txt").path
  static let golden = GoldenConversationTests.root
    .appendingPathComponent("Tests/SecretaryTests/Golden")

  /// The rules with no single place to act, each for the reason the file gives.
  static let withoutPlace: Set<String> = ["civil_defense"]

  @Test("the shipped file loads without a diagnostic, and every rule has a place or a reason")
  func shippedFile() throws {
    let runtime = try #require(GoldenConversationTests.runtime, "the shipped data does not load")
    let names = Set(runtime.rules.ruleNames)
    let loaded = ActionPlaces.load(path: Self.shippedPath, ruleNames: names)
    #expect(loaded.diagnostics.isEmpty, "\(loaded.report)")
    let places = loaded.places
    #expect(Set(places.withoutPlace.keys) == Self.withoutPlace)
    #expect(Set(places.places.keys).union(places.withoutPlace.keys) == names)
    for place in places.places.values {
      #expect(place.url.hasPrefix("https://"), "\(place.rule): \(place.url)")
      #expect(place.title.count <= 14, "\(place.rule): '\(place.title)' is too long for a button")
      #expect(!place.source.isEmpty)
    }
  }

  @Test("the runtime looks a rule up: page, phone, and nothing for a rule without a place")
  func lookup() throws {
    let runtime = try #require(GoldenConversationTests.runtime)
    let checkup = try #require(runtime.place(ofRule: "health_checkup"))
    #expect(checkup.url == "https://www.nhis.or.kr")
    #expect(checkup.phone == "1577-1000")
    #expect(runtime.place(ofRule: "income_tax_filing")?.phone == "126")
    #expect(runtime.place(ofRule: "car_tax")?.url == "https://www.wetax.go.kr")
    #expect(runtime.place(ofRule: "car_tax")?.phone == nil)
    #expect(runtime.place(ofRule: "civil_defense") == nil)
    #expect(runtime.place(ofRule: "no_such_rule") == nil)
  }

  @Test("a malformed file: every mistake located at its field, as recorded")
  func malformedGolden() throws {
    let name = "where-to-act-malformed"
    let text = try String(
      contentsOf: Self.golden.appendingPathComponent(name + ".txt"), encoding: .utf8)
    let path = "Golden/\(name).txt"
    let rules: Set = ["health_checkup", "car_tax", "passport_expiry", "moving_in", "civil_defense"]
    let (places, diagnostics) = ActionPlaces.parse(text, path: path, ruleNames: rules)
    let rendered = DiagnosticRenderer(sources: [path: text]).render(diagnostics)
    let diag = Self.golden.appendingPathComponent(name + ".diag")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try rendered.write(to: diag, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name).diag; run again without RECORD_GOLDEN")
      return
    }
    #expect(rendered == (try String(contentsOf: diag, encoding: .utf8)), "got\n\(rendered)")
    // Only the one good entry survives; the first of a duplicate is kept.
    #expect(places.places.keys.sorted() == ["health_checkup"])
    #expect(places.allowedHosts == ["nhis.or.kr", "wetax.go.kr"])
    let codes = Set(diagnostics.map(\.code))
    for code in ["W0001", "W0002", "W0003", "W0004", "W0005", "W0006", "W0007", "W0009", "W0010"] {
      #expect(codes.contains(code), "no \(code) in\n\(rendered)")
    }
  }

  @Test(
    "phone numbers as dialled",
    arguments: [
      ("110", true), ("1339", true), ("1577-1000", true), ("1599-2000", true),
      ("02-123-4567", true), ("031-1234-5678", true), ("010-1234-5678", true),
      ("11", false), ("12345", false), ("1577-100", false), ("1234-5678", false),
      ("2-123-4567", false), ("02-12-4567", false), ("1577 1000", false), ("+82-2-123-4567", false),
    ])
  func phones(_ text: String, _ valid: Bool) {
    let line = "moving_in | 정부24 | https://www.gov.kr | \(text) | s"
    let (_, problems) = ActionPlaces.parse(
      "allow: gov.kr\n" + line, path: "p.txt", ruleNames: ["moving_in"])
    #expect(problems.isEmpty == valid, "\(text): \(problems)")
  }

  @Test("a subdomain of an allowed host is allowed; a look-alike suffix is not")
  func hosts() {
    let (places, _) = ActionPlaces.parse("allow: kdca.go.kr\n", path: "h.txt", ruleNames: nil)
    #expect(places.allows(host: "nip.kdca.go.kr"))
    #expect(places.allows(host: "KDCA.go.kr"))
    #expect(!places.allows(host: "evilkdca.go.kr"))
    #expect(!places.allows(host: "kdca.go.kr.example.com"))
  }

  @Test("without the rule book, names are not checked and nothing is said of coverage")
  func withoutBook() {
    let (places, problems) = ActionPlaces.parse(
      "allow: gov.kr\nanything | 정부24 | https://www.gov.kr | 110 | s\n", path: "b.txt",
      ruleNames: nil)
    #expect(problems.isEmpty, "\(problems)")
    #expect(places.place(ofRule: "anything")?.phone == "110")
  }

  @Test("a rules folder without the file has no places and no error")
  func missingFile() {
    let loaded = ActionPlaces.load(path: "/nonexistent/where-to-act.txt", ruleNames: ["x"])
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.places.places.isEmpty)
  }
}
