// rules-bench: the SPEC rules' speed on one core (a benchmark, not a test).
//
//   swift run -c release rules-bench --population /tmp/pop.jsonl [--rules DIR] [--as-of DATE]
//     [--repeat N] [--compute-only] [--per-citizen] [--columns-only] [--evaluate N]
//
// Prints the book's load time and what 53 evaluators cost to make (`--evaluate N`: then only
// `Evaluator.evaluate` per citizen, for the first N); then, best of N runs: end to end (JSONL
// in, JSON lines to /dev/null, in process), compute on decoded profiles (a batch at a time
// through the vector lane; `--per-citizen`: a batch of one at a time), compute on the same
// facts already laid out by batch (`--columns-only` times only this), and resident memory
// (peak while streaming, measured from /proc/self/status after resetting VmHWM).
import CivilCalendar
import Foundation
import RuleLanguage

#if canImport(Glibc)
  import Glibc
#endif

func option(_ name: String) -> String? {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

/// CPU time of this thread, in seconds: on a shared machine it measures one core's work
/// where wall time would measure the queue.
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func statusMegabytes(_ key: String) -> Double {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  for line in status.split(separator: "\n") where line.hasPrefix(key) {
    return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
  }
  return 0
}

guard let population = option("--population") else {
  FileHandle.standardError.write(Data("usage: rules-bench --population FILE.jsonl\n".utf8))
  exit(2)
}
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rulesPath = option("--rules") ?? here.appendingPathComponent("spec").path
let asOf = CivilDate(iso: option("--as-of") ?? "2026-06-15") ?? CivilDate(dayNumber: 0)
let repeats = Int(option("--repeat") ?? "") ?? 3
/// Skips the end-to-end runs (for profiling the rules alone).
let computeOnly = CommandLine.arguments.contains("--compute-only")
/// Compute citizen by citizen (the vector lane at width one) instead of a batch at a time.
let perCitizen = CommandLine.arguments.contains("--per-citizen")
let batchWidth = 1024

// Loading (parse, check, lower) and making evaluators: what a chat process pays before its
// first answers (until round 13 the planner made one evaluator per weekly sample of a plan).
let loadClock = ContinuousClock()
var loadedBook: RuleBook?
var errorCount = 0
var loadSeconds = Double.infinity
for _ in 0..<5 {
  let t = loadClock.measure {
    let r = RuleBook.load(paths: [rulesPath])
    (loadedBook, errorCount) = (r.book, r.diagnostics.count)
  }
  loadSeconds = min(
    loadSeconds, Double(t.components.attoseconds) / 1e18 + Double(t.components.seconds))
}
guard let book = loadedBook else {
  FileHandle.standardError.write(Data("rules did not load: \(errorCount) errors\n".utf8))
  exit(2)
}
var made: [Evaluator] = []
let making = loadClock.measure { for _ in 0..<53 { made.append(book.evaluator()) } }
made = []
print(
  String(
    format: "load: %.1f ms (best of 5); 53 evaluators (a year's plan): %.1f ms", loadSeconds * 1000,
    (Double(making.components.attoseconds) / 1e18 + Double(making.components.seconds)) * 1000))
// `--evaluate N`: the first N citizens through `Evaluator.evaluate` (statuses, outputs and
// reminders: the chat's answers and `explain`, without traces), per CPU microsecond.
if let count = option("--evaluate").flatMap({ Int($0) }),
  let data = FileManager.default.contents(atPath: population)
{
  let some = Array(decodeAll(data, book).prefix(count))
  let evaluator = book.evaluator()
  var best = Double.infinity
  for _ in 0..<repeats {
    let start = threadCPUSeconds()
    for p in some { _ = evaluator.evaluate(p, asOf: asOf) }
    best = min(best, (threadCPUSeconds() - start) / Double(max(some.count, 1)))
  }
  print(String(format: "evaluate: %.1f µs per citizen (CPU, best of %d)", best * 1e6, repeats))
  exit(0)
}
let fileMB =
  Double((try? FileManager.default.attributesOfItem(atPath: population)[.size] as? Int) ?? 0)
  / 1_048_576

// End to end.
var bestEndToEnd = 0.0
var bestEndToEndCPU = 0.0
var citizens = 0
let rssBefore = statusMegabytes("VmRSS:")
try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
for _ in 0..<(computeOnly ? 0 : repeats) {
  let input = open(population, O_RDONLY)
  let output = open("/dev/null", O_WRONLY)
  let started = Date()
  let cpuStarted = threadCPUSeconds()
  citizens =
    (try? BatchEvaluation(asOf: asOf).run(
      book: book, inputDescriptor: input, outputDescriptor: output)) ?? 0
  bestEndToEnd = max(bestEndToEnd, Double(citizens) / Date().timeIntervalSince(started))
  bestEndToEndCPU = max(bestEndToEndCPU, Double(citizens) / (threadCPUSeconds() - cpuStarted))
  close(input)
  close(output)
}
let peakStreaming = statusMegabytes("VmHWM:")

// Compute only.
let data = try Data(contentsOf: URL(fileURLWithPath: population))
/// Decodes every line (in a function: top-level variables would add exclusivity checks).
func decodeAll(_ data: Data, _ book: RuleBook) -> [Profile] {
  var profiles: [Profile] = []
  var lineStart = data.startIndex
  for i in data.indices where data[i] == 0x0A {
    profiles.append(book.profile(json: data[lineStart..<i]))
    lineStart = i + 1
  }
  return profiles
}
let profiles = decodeAll(data, book)
/// Timed loop in a function: top-level variables would add an exclusivity check per access.
///
/// A batch at a time through the vector lane (`--per-citizen`: a batch of one at a time).
func computeAll(
  _ profiles: [Profile], _ evaluator: Evaluator, _ asOf: CivilDate, _ columns: [ProfileColumns]?
) -> Int {
  var holding = 0
  if perCitizen {
    for p in profiles {
      evaluator.compute(p, asOf: asOf)
      if evaluator.holds(0) { holding += 1 }
    }
    return holding
  }
  profiles.withUnsafeBufferPointer { all in
    var start = 0
    while start < all.count {
      let batch = UnsafeBufferPointer(rebasing: all[start..<min(start + batchWidth, all.count)])
      let ran =
        if let columns {
          evaluator.compute(columns: columns[start / batchWidth], asOf: asOf)
        } else {
          evaluator.compute(batch: batch, asOf: asOf)
        }
      if ran {
        for i in 0..<batch.count {
          // A rule the vector lane left to the others: the citizen takes them.
          guard let holds = evaluator.holds(0, citizen: i) else {
            evaluator.select(i, of: batch, asOf: asOf)
            if evaluator.holds(0) { holding += 1 }
            continue
          }
          if holds { holding += 1 }
        }
      } else {
        for p in batch {
          evaluator.compute(p, asOf: asOf)
          if evaluator.holds(0) { holding += 1 }
        }
      }
      start += batch.count
    }
  }
  return holding
}

let evaluator = book.evaluator()
var bestCompute = 0.0
var bestComputeCPU = 0.0
var holding = 0
/// Times only the laid-out columns (for profiling the kernels).
let columnsOnly = CommandLine.arguments.contains("--columns-only")
for _ in 0..<(columnsOnly ? 1 : repeats) {
  let started = Date()
  let cpuStarted = threadCPUSeconds()
  holding = computeAll(profiles, evaluator, asOf, nil)
  bestCompute = max(bestCompute, Double(profiles.count) / Date().timeIntervalSince(started))
  bestComputeCPU = max(bestComputeCPU, Double(profiles.count) / (threadCPUSeconds() - cpuStarted))
}
/// The population as the vector lane lays it out, batch by batch (not timed): profiles in
/// memory in a batch engine's own form, as OpenFisca's compute figure starts from arrays.
func layOut(_ profiles: [Profile], _ evaluator: Evaluator) -> [ProfileColumns]? {
  profiles.withUnsafeBufferPointer { all in
    var out: [ProfileColumns] = []
    var start = 0
    while start < all.count {
      let end = min(start + batchWidth, all.count)
      guard let c = evaluator.columns(of: UnsafeBufferPointer(rebasing: all[start..<end])) else {
        return nil
      }
      out.append(c)
      start = end
    }
    return out
  }
}
let laidOut = perCitizen ? nil : layOut(profiles, evaluator)
var bestColumnsCPU = 0.0
for _ in 0..<(laidOut == nil ? 0 : repeats) {
  let cpuStarted = threadCPUSeconds()
  let h = computeAll(profiles, evaluator, asOf, laidOut)
  precondition(h == holding, "columns and profiles disagree")
  bestColumnsCPU = max(bestColumnsCPU, Double(profiles.count) / (threadCPUSeconds() - cpuStarted))
}
print(
  """
  rules-bench: \(profiles.count) citizens, \(String(format: "%.1f", fileMB)) MB, \
  \(book.ruleNames.count) rules, as of \(asOf), best of \(repeats)
    end to end   \(Int(bestEndToEnd)) citizens/s wall, \(Int(bestEndToEndCPU)) per CPU second
    compute only \(Int(bestCompute)) citizens/s wall, \(Int(bestComputeCPU)) per CPU second \
  (rule 1 holds for \(holding); vector lane \(book.vectorLaneMissing ?? "compiled"), \
  took \(evaluator.vectorLaneCount) of \
  \(evaluator.vectorLaneCount + evaluator.generalCount) and left \(evaluator.generalRuleCount) \
  of their \(evaluator.vectorLaneCount * book.ruleNames.count) rules to the general machine)
    compute, columns \(Int(bestColumnsCPU)) per CPU second (facts already laid out by batch)
    memory       \(String(format: "%.1f", rssBefore)) MB before streaming, \
  \(String(format: "%.1f", peakStreaming)) MB peak while streaming \
  (\(String(format: "%.2f", peakStreaming / max(fileMB, 0.001)))x the file)
  """)
// Why the general machine still decides rules for citizens the lane took (issue 15).
let fallbacks = evaluator.fallbacks
if !fallbacks.isEmpty {
  print("  given up by the lane, per rule (citizens; general machine's finding):")
  for f in fallbacks {
    print(
      "    \(f.rule): \(f.total) (unknown \(f.unknown), output unknown \(f.outputUnknown), "
        + "fault \(f.fault), decided \(f.decided))")
  }
}
