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
}
