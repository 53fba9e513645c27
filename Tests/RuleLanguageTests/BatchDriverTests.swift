import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// The differential driver, until `biseo evaluate` is built.
///
/// Runs the batch evaluator for `bench/rules/differential.sh` until `biseo evaluate` is wired:
/// with `BISEO_DIFF_POPULATION`, `BISEO_DIFF_DATES` (comma-separated) and `BISEO_DIFF_OUT`
/// (a folder) set, writes `<folder>/biseo-<date>.jsonl` per date. Without them it does nothing.
@Suite struct BatchDriverTests {
  @Test func differentialDriver() throws {
    let env = ProcessInfo.processInfo.environment
    guard let population = env["BISEO_DIFF_POPULATION"], let dates = env["BISEO_DIFF_DATES"],
      let folder = env["BISEO_DIFF_OUT"]
    else { return }
    let book = try SpecRulesTests.load()
    for text in dates.split(separator: ",") {
      let asOf = try #require(CivilDate(iso: text))
      let path = "\(folder)/biseo-\(text).jsonl"
      _ = FileManager.default.createFile(atPath: path, contents: nil)
      let input = try #require(FileHandle(forReadingAtPath: population))
      let output = try #require(FileHandle(forWritingAtPath: path))
      let started = Date()
      let n = try BatchEvaluation(asOf: asOf).run(book: book, input: input, output: output)
      let seconds = Date().timeIntervalSince(started)
      try output.close()
      print("BISEO_DIFF \(text) citizens=\(n) seconds=\(seconds)")
    }
  }
}
