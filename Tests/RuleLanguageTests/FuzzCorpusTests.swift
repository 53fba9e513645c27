import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// Replays the libFuzzer seeds and regressions (`bench/fuzz/`) with the harness's checks, so
/// CI holds every input the fuzzer once crashed on without building libFuzzer.
@Suite struct FuzzCorpusTests {
  static func inputs() -> [(name: String, text: String)] {
    var out: [(String, String)] = []
    for folder in ["seeds", "regressions"] {
      let path = TestPaths.repository.appendingPathComponent("bench/fuzz/\(folder)").path
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for n in names.sorted() where n.hasSuffix(".rule") {
        let data = FileManager.default.contents(atPath: path + "/" + n) ?? Data()
        out.append((folder + "/" + n, String(decoding: data, as: UTF8.self)))
      }
    }
    return out
  }

  @Test("fuzz seeds and regressions: load or diagnose, and both lanes print the same")
  func replay() throws {
    let inputs = Self.inputs()
    #expect(inputs.count >= 5)
    for (name, text) in inputs {
      var rules = text
      var profiles = ["{}"]
      if let split = text.range(of: "\n---\n") {
        rules = String(text[..<split.lowerBound])
        profiles += text[split.upperBound...].split(separator: "\n").map(String.init)
      }
      let (loaded, diagnostics) = RuleBook.load([RuleFile(path: name, text: rules)])
      guard let book = loaded else {
        #expect(!diagnostics.isEmpty, "\(name): rejected without a diagnostic")
        continue
      }
      _ = book.runTests()
      _ = WidthOneTests.compareLanes(book, profiles, dates: ["2026-06-15", "2024-02-29"])
    }
  }
}
