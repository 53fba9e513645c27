import Foundation
import Testing

/// `biseo check` over the shipped rules, and over a copy whose `where-to-act.txt` is broken.
@Suite(.ownThreads) struct CheckCommandTests {
  @Test("the shipped rules check clean, places to act included")
  func shippedRules() throws {
    let result = try BiseoProcess.run(["check", "Rules"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("places to act in Rules/where-to-act.txt"), "\(result.stdout)")
  }

  @Test("a place off the allow-list or over http rejects the rules, located at its field")
  func brokenPlaces() throws {
    let folder = NSTemporaryDirectory() + "biseo-check-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let rules = folder + "/Rules"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: BiseoProcess.repositoryRoot.appendingPathComponent("Rules"),
      to: URL(fileURLWithPath: rules))
    let file = rules + "/where-to-act.txt"
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text += "\nno_such_rule | 어딘가 | http://www.example.com | | test\n"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    let result = try BiseoProcess.run(["check", rules])
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(file):\(line):1: error: no rule named 'no_such_rule'"))
    #expect(result.stderr.contains("\(file):\(line):22: error: expected an https link"))
    #expect(result.stderr.contains("places rejected"), "\(result.stderr)")
  }

  @Test("--sources reports the fixture; --strict fails on its uncertain and stale values")
  func sourcesReport() throws {
    let fixture = "Tests/RuleLanguageTests/Golden/Sources/fixture.rule"
    let plain = try BiseoProcess.run(["check", "--sources", "--as-of", "2026-12-07", fixture])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("5 parameters, 2 uncertain, 1 stale as of 2026-12-07"))
    let strict = try BiseoProcess.run([
      "check", "--sources", "--strict", "--json", "--as-of", "2026-12-07", fixture,
    ])
    #expect(strict.status == 1, "\(strict.stderr)")
    // Only the report on stdout, so a tool can parse it whole.
    let object = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8))
    #expect((object as? [String: Any])?["stale"] as? [String] == ["threshold"])
  }
}
