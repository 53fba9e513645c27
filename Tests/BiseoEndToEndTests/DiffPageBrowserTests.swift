import Foundation
import Testing

/// `biseo diff --html` opened in headless Chromium: every bar says the figure `--json` says,
/// drawn to scale, and the page fetches nothing.
@Suite(.ownThreads) struct DiffPageBrowserTests {
  @Test(
    "the bars of the page are the JSON's winners and losers, overall and by group",
    .enabled(if: HeadlessChromium.executable != nil, "skipped: chromium is not installed"))
  func barsMatchJSON() throws {
    let executable = try #require(HeadlessChromium.executable)
    let folder = NSTemporaryDirectory() + "biseo-diff-page-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // One amount up (winners), one down (losers).
    let reform = folder + "/mixed.reform"
    try """
    param basic_pension_max_monthly = 400_000 won since 2026-01-01
    param scholarship_amount_1_3 = 5_000_000 won since 2026-01-01
    """.write(toFile: reform, atomically: true, encoding: .utf8)
    let page = folder + "/diff.html"
    let result = try BiseoProcess.run(
      [
        "diff", "--reform", reform, "--population", "-", "--as-of", "2026-12-07", "--by", "sex",
        "--json", "--html", page,
      ], stdin: try DiffCommandTests.population())
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let changes = try #require(report["changes"] as? [String: [String: Any]])
    let bySex = try #require((report["groups"] as? [String: Any])?["sex"] as? [[String: Any]])

    let browser = try HeadlessChromium(executable: executable)
    defer { browser.quit() }
    try browser.open(URL(fileURLWithPath: page).absoluteString)
    let fetched = try browser.evaluate(
      "document.querySelectorAll('script, link, img, iframe, object, embed').length")
    #expect(fetched as? Int == 0)
    let bars = try #require(
      try browser.evaluate(
        """
        [...document.querySelectorAll('section.item')].map(s => ({
          item: s.dataset.item,
          bars: [...s.querySelectorAll('rect.bar')].map(r => ({
            side: r.classList.contains('better') ? 'better' : 'worse',
            group: r.dataset.group, value: +r.dataset.value,
            width: r.getBBox().width }))
        }))
        """) as? [[String: Any]])
    var sides = Set<String>()
    for section in bars {
      let item = try #require(section["item"] as? String)
      let total = try #require(changes[item], "\(item) is charted but not in the JSON")
      let rects = try #require(section["bars"] as? [[String: Any]])
      let longest = rects.compactMap { $0["value"] as? Int }.max() ?? 0
      #expect(longest > 0)
      for rect in rects {
        let side = try #require(rect["side"] as? String)
        let group = try #require(rect["group"] as? String)
        let value = try #require(rect["value"] as? Int)
        let expected: Int?
        if group.isEmpty {
          expected = total[side] as? Int
        } else {
          let g = bySex.first { $0["value"] as? String == group }
          let figures = (g?["changes"] as? [String: [String: Any]])?[item]
          expected = figures?[side] as? Int
        }
        #expect(value == expected, "\(item) \(group) \(side)")
        // Drawn to scale: the longest bar of a chart is 220 pixels.
        let width = try #require(rect["width"] as? Double)
        #expect(abs(width - 220 * Double(value) / Double(longest)) < 0.5, "\(item) \(group)")
        if value > 0 { sides.insert(side) }
      }
    }
    #expect(sides == ["better", "worse"], "the reform has winners and losers")
    let text = try browser.evaluate("document.body.innerText") as? String ?? ""
    #expect(text.contains("유리해진 사람") && text.contains("불리해진 사람"))
  }
}
