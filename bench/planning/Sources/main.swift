import CivilCalendar
import Foundation
import Secretary

// Planning throughput: how many citizens per second the daemon's planner handles, as a cycle
// does it (read the profile file, evaluate every rule weekly over a 30-day horizon plus three
// days of catch-up, keep subscribed reminders). The citizens are the demo profiles cloned
// under new ids, every one subscribed to every service, so no citizen is skipped early;
// with --as-subscribed they keep the demo profiles' own subscriptions (0 or 1 service each).
// Usage: swift run -c release planning-bench [CITIZENS] [--as-subscribed]
//        (default 20000; from the repo root)

let arguments = CommandLine.arguments.dropFirst()
let asSubscribed = arguments.contains("--as-subscribed")
let count = arguments.first.flatMap { Int($0) } ?? 20_000
let root = FileManager.default.currentDirectoryPath
let scratch = NSTemporaryDirectory() + "biseo-planning-bench-\(UUID().uuidString)"
let profiles = scratch + "/profiles"
try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)

let demos = try FileManager.default.contentsOfDirectory(atPath: root + "/Corpus/profiles")
  .filter { $0.hasSuffix(".json") }.sorted()
  .map { try String(contentsOfFile: root + "/Corpus/profiles/" + $0, encoding: .utf8) }
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

let (probe, _) = CitizenRules.load(rules: root + "/Rules", profiles: profiles, data: scratch)
guard let probe else { fail("the shipped rules do not load") }
let everything = probe.ruleNames.map { "{\"service\": \"\($0)\", \"channels\": [\"outbox\"]}" }
  .joined(separator: ", ")
for i in 0..<count {
  let id = String(format: "p%07d", i)
  var text = demos[i % demos.count]
  if !asSubscribed, let range = text.range(of: "\"subscriptions\"") {
    text = String(text[..<range.lowerBound]) + "\"subscriptions\": [\(everything)], \"x\": 0\n}\n"
  }
  text = text.replacingOccurrences(
    of: #""id": "[^"]*""#, with: "\"id\": \"\(id)\"", options: .regularExpression)
  try Data(text.utf8).write(to: URL(fileURLWithPath: "\(profiles)/\(id).json"))
}

let (loaded, report) = CitizenRules.load(rules: root + "/Rules", profiles: profiles, data: scratch)
guard let rules = loaded else { fail(report) }
let planner = ReminderPlanner(rules: rules)
guard let asOf = CivilDate(iso: "2026-11-13") else { fail("bad date") }
// CPU time of this thread as well as the wall clock: on a shared machine the wall clock counts
// the time other processes held the core, the CPU time only this planner's own work.
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
let clock = ContinuousClock()
var notifications = 0
let cpuStart = threadCPUSeconds()
let elapsed = clock.measure {
  // As the daemon's cycle plans them: a batch of citizens at a time.
  let ids = rules.profiles.citizenIDs()
  for start in stride(from: 0, to: ids.count, by: 256) {
    let batch = Array(ids[start..<min(start + 256, ids.count)])
    for plans in planner.plan(citizens: batch, asOf: asOf.adding(days: -3), days: 33) {
      notifications += plans.count
    }
  }
}
let cpu = threadCPUSeconds() - cpuStart
try? FileManager.default.removeItem(atPath: scratch)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
  String(
    format:
      "%d citizens, %d notifications in %.2f s: %.0f citizens/s (1,000,000 citizens ≈ %.0f s per cycle, one core); CPU %.2f s: %.0f citizens per CPU-second",
    count, notifications, seconds, Double(count) / seconds, 1_000_000 / (Double(count) / seconds),
    cpu, Double(count) / cpu))
