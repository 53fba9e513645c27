import CivilCalendar
import Foundation
import RuleLanguage
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The speed benchmark of the SPEC rules (not a timed test): runs only with
/// `BISEO_BENCH_POPULATION=FILE.jsonl`, best in release:
/// `BISEO_BENCH_POPULATION=/tmp/pop.jsonl swift test -c release --filter BenchmarkTests`.
@Suite struct BenchmarkTests {
  static func peakRSSMegabytes() -> Double {
    #if canImport(Glibc)
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return Double(usage.ru_maxrss) / 1024
    #else
      return 0
    #endif
  }

  /// Resident memory now (VmRSS), in megabytes.
  static func currentRSSMegabytes() -> Double { statusMegabytes("VmRSS:") }

  /// A `/proc/self/status` memory line, in megabytes.
  static func statusMegabytes(_ key: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in status.split(separator: "\n") where line.hasPrefix(key) {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return kb / 1024
    }
    return 0
  }

  @Test func specRules() throws {
    guard let path = ProcessInfo.processInfo.environment["BISEO_BENCH_POPULATION"] else { return }
    let book = try SpecRulesTests.load()
    let asOf = try #require(CivilDate(iso: "2026-06-15"))
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

    let rssBefore = Self.currentRSSMegabytes()
    // Reset the peak (VmHWM) so it measures the streaming pass alone.
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    // End to end: JSONL in, JSON lines out (to /dev/null), one core.
    let input = try #require(FileHandle(forReadingAtPath: path))
    let output = try #require(FileHandle(forWritingAtPath: "/dev/null"))
    var started = Date()
    let n = try BatchEvaluation(asOf: asOf).run(book: book, input: input, output: output)
    let endToEnd = Date().timeIntervalSince(started)
    let rssAfterStream = Self.statusMegabytes("VmHWM:")
    let rssNowAfterStream = Self.currentRSSMegabytes()

    // Compute only: profiles decoded into memory first.
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var profiles: [Profile] = []
    profiles.reserveCapacity(n)
    for line in data.split(separator: 0x0A) { profiles.append(book.profile(json: line)) }
    let evaluator = book.evaluator()
    var holding = 0
    started = Date()
    for p in profiles {
      evaluator.compute(p, asOf: asOf)
      if evaluator.holds(0) { holding += 1 }
    }
    let compute = Date().timeIntervalSince(started)
    print(
      """
      BISEO_BENCH citizens=\(n) fileMB=\(Double(fileSize) / 1_048_576) \
      endToEndPerSec=\(Int(Double(n) / endToEnd)) computePerSec=\(Int(Double(profiles.count) / compute)) \
      rssBeforeMB=\(rssBefore) rssAfterStreamMB=\(rssNowAfterStream) peakRssAfterStreamMB=\(rssAfterStream) peakRssMB=\(Self.peakRSSMegabytes()) holding=\(holding)
      """)
  }
}
