// fuzz-rules: a libFuzzer target over the rule parser, checker and the evaluation lanes.
//
// One target, two modes (as in the reliability kit):
//  * a normal `swift build`: `@main` replays files and folders given on the command line
//    (the regression run; no libFuzzer needed);
//  * built by `bench/fuzz/run.sh` with `--sanitize=fuzzer -DFUZZING`: libFuzzer supplies
//    `main` and calls `fuzzOne` with mutated inputs.
//
// An input is rule text, optionally followed by a line `---` and one JSON profile per line.
// Loading must return a book or diagnostics; a book's own tests must run; and every profile
// must print the same line on the vector lane at width one (`evaluateLine`), at the width of
// the profiles (one batch) and on the general machine.
import CivilCalendar
import Foundation
import RuleLanguage

let dates = ["2026-06-15", "2024-02-29", "2027-01-01"].compactMap { CivilDate(iso: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  var rules = text
  var profiles: [String] = ["{}"]
  if let split = text.range(of: "\n---\n") {
    rules = String(text[..<split.lowerBound])
    profiles += text[split.upperBound...].split(separator: "\n").map(String.init)
  }
  let (book, diagnostics) = RuleBook.load([RuleFile(path: "fuzz.rule", text: rules)])
  guard let book else {
    precondition(!diagnostics.isEmpty, "a rejected book must say why")
    return 0
  }
  _ = book.runTests()
  let one = book.evaluator()
  let vector = book.evaluator()
  let general = book.evaluator()
  general.vectorLaneEnabled = false
  for asOf in dates {
    var batched: [UInt8] = []
    var single: [UInt8] = []
    for profile in profiles.prefix(8) {
      var a: [UInt8] = []
      var b: [UInt8] = []
      Array(profile.utf8).withUnsafeBufferPointer { line in
        one.evaluateLine(line, asOf: asOf, into: &a)
        general.evaluateLine(line, asOf: asOf, into: &b)
        vector.enqueueLine(line, asOf: asOf, into: &batched)
      }
      precondition(
        a == b,
        "width one differs on \(profile) as of \(asOf):\n\(String(decoding: a, as: UTF8.self))"
          + String(decoding: b, as: UTF8.self))
      single += b
    }
    vector.flushLines(into: &batched)
    precondition(
      batched == single,
      "the vector lane differs as of \(asOf):\n\(String(decoding: batched, as: UTF8.self))"
        + String(decoding: single, as: UTF8.self))
  }
  return 0
}

#if !FUZZING
  /// Replays every file named on the command line (folders: every file inside).
  @main struct Replay {
    static func main() throws {
      var count = 0
      for argument in CommandLine.arguments.dropFirst() {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
        let files =
          isDirectory.boolValue
          ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map {
            argument + "/" + $0
          } : [argument]
        for file in files {
          let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
          _ = bytes.withUnsafeBufferPointer { fuzzOne($0.baseAddress, $0.count) }
          count += 1
        }
      }
      print("fuzz-rules: replayed \(count) inputs, no crash")
    }
  }
#endif
