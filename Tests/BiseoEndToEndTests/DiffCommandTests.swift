import Foundation
import Testing

/// `biseo diff` on the shipped rules, held to `biseo evaluate` run on both books.
@Suite(.ownThreads) struct DiffCommandTests {
  /// The demo citizens as one JSON Lines population.
  static func population() throws -> Data {
    let folder = BiseoProcess.repositoryRoot.appendingPathComponent("Corpus/profiles")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    var lines: [String] = []
    for name in names where name.hasSuffix(".json") {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      let object = try JSONSerialization.jsonObject(with: data)
      lines.append(
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }
    return Data((lines.joined(separator: "\n") + "\n").utf8)
  }

  @Test("a reform of one amount: the won total and the count equal two evaluate runs")
  func oneParameter() throws {
    let folder = NSTemporaryDirectory() + "biseo-diff-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let reform = folder + "/scholarship.reform"
    try "param scholarship_amount_1_3 = 6_500_000 won since 2026-01-01\n".write(
      toFile: reform, atomically: true, encoding: .utf8)
    // The same change made in a copy of the rule book, for `evaluate`.
    let copy = folder + "/Rules"
    try FileManager.default.copyItem(
      at: BiseoProcess.repositoryRoot.appendingPathComponent("Rules"),
      to: URL(fileURLWithPath: copy))
    let file = copy + "/education/scholarship.rule"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let changed = text.replacingOccurrences(
      of: "= 6_000_000 won since 2026-01-01", with: "= 6_500_000 won since 2026-01-01")
    #expect(changed != text)
    try changed.write(toFile: file, atomically: true, encoding: .utf8)

    let population = try Self.population()
    let asOf = "2026-12-07"
    func evaluate(_ rules: String) throws -> [[String: Any]] {
      let r = try BiseoProcess.run(
        ["evaluate", "--rules", rules, "--population", "-", "--as-of", asOf], stdin: population)
      #expect(r.status == 0, "\(r.stderr)")
      return try r.stdout.split(separator: "\n").map {
        try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
      }
    }
    let (before, after) = (try evaluate("Rules"), try evaluate(copy))
    var (count, total) = (0, 0)
    for (a, b) in zip(before, after) {
      let (x, y) = (a["scholarshipAnnualAmount"] as? Int, b["scholarshipAnnualAmount"] as? Int)
      if x != y {
        count += 1
        total += (y ?? 0) - (x ?? 0)
      }
    }
    #expect(count > 0)

    let json = try BiseoProcess.run(
      ["diff", "--reform", reform, "--population", "-", "--as-of", asOf, "--json"],
      stdin: population)
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let changes = try #require(object["changes"] as? [String: Any])
    let annual = try #require(changes["scholarshipAnnualAmount"] as? [String: Any])
    #expect(annual["changed"] as? Int == count)
    #expect(annual["difference"] as? Int == total)
    #expect(changes["scholarship"] == nil, "nobody gains or loses the scholarship itself")

    let report = try BiseoProcess.run(
      ["diff", "--reform", reform, "--population", "-", "--as-of", asOf], stdin: population)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("「국가장학금 Ⅰ유형 신청 대상」 해당자 변화 없음"), "\(report.stdout)")
    var digits = String(total)
    for i in stride(from: digits.count - 3, to: 0, by: -3) {
      digits.insert(",", at: digits.index(digits.startIndex, offsetBy: i))
    }
    #expect(report.stdout.contains("국가장학금 연간 지원액 +\(digits)원 (\(count)명"), "\(report.stdout)")
  }

  @Test("the same book as its own reform reports nothing")
  func identical() throws {
    let r = try BiseoProcess.run(
      ["diff", "--reform", "Rules", "--population", "-", "--as-of", "2026-12-07"],
      stdin: try Self.population())
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("no change for any citizen"))
    #expect(r.stdout.contains("바뀐 것이 없습니다."))
  }

  @Test("a broken memo wording or an unknown --by fact is a located error, not a report")
  func badInputs() throws {
    let memo = NSTemporaryDirectory() + "memo-\(UUID().uuidString).txt"
    defer { try? FileManager.default.removeItem(atPath: memo) }
    try "# wording\nheader: {asOf}\nsummary {title}\n".write(
      toFile: memo, atomically: true, encoding: .utf8)
    let population = try Self.population()
    let broken = try BiseoProcess.run(
      ["diff", "--reform", "Rules", "--population", "-", "--as-of", "2026-12-07", "--memo", memo],
      stdin: population)
    #expect(broken.status != 0)
    #expect(broken.stderr.contains("\(memo):3: expected 'key: template'"), "\(broken.stderr)")
    #expect(broken.stdout.isEmpty)
    let unknown = try BiseoProcess.run(
      ["diff", "--reform", "Rules", "--population", "-", "--as-of", "2026-12-07", "--by", "sidoo"],
      stdin: population)
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("no fact 'sidoo'; did you mean 'sido'?"), "\(unknown.stderr)")
  }
}
