import CivilCalendar
import Foundation
import Secretary

// Chat latency on the golden conversations: start-up to ready (model cached), and the time of
// each reply over every transcript replayed many times, on one core.
// Usage: swift run -c release chat-bench [REPEATS]   (default 100; run from the repository root)

let repeats = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100 : 100
let root = FileManager.default.currentDirectoryPath
let scratch = NSTemporaryDirectory() + "biseo-chat-bench-\(UUID().uuidString)"
var paths = SecretaryPaths(data: scratch)
paths.modelCacheDirectory = scratch + "/model"

let clock = ContinuousClock()
_ = SecretaryRuntime.load(paths)  // trains and caches the intent model once
var loaded: SecretaryRuntime?
let startup = clock.measure { loaded = SecretaryRuntime.load(paths).runtime }
guard let runtime = loaded else {
  FileHandle.standardError.write(Data("the shipped data does not load\n".utf8))
  exit(2)
}

struct Script {
  var citizen: String
  var asOf: CivilDate
  var speaker: Bool
  var lines: [String]
}

let folder = root + "/Corpus/conversations"
let scripts: [Script] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
  .filter { $0.hasSuffix(".chat") }.sorted().compactMap { name in
    guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else {
      return nil
    }
    var header: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("> ") && line.contains(": ") {
      let parts = line.split(separator: ":", maxSplits: 1)
      header[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
    }
    guard let citizen = header["citizen"],
      let asOf = header["as-of"].flatMap({ CivilDate(iso: $0) })
    else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    return Script(citizen: citizen, asOf: asOf, speaker: header["mode"] != "text", lines: lines)
  }

/// The slowest replies of the last round, for `CHAT_BENCH_SLOWEST=N`: where the tail is.
nonisolated(unsafe) var slowest: [(ms: Double, where: String)] = []

func replay(_ scripts: [Script], on runtime: SecretaryRuntime, repeats: Int, scratch: String)
  -> [Double]
{
  let clock = ContinuousClock()
  var samples: [Double] = []
  slowest = []
  for round in 0..<repeats {
    for (index, script) in scripts.enumerated() {
      let copy = runtime.withDataDirectory(scratch + "/run-\(round)-\(index)")
      let dialogue = DialogueManager(runtime: copy)
      let id =
        script.citizen == "new" ? ((try? copy.profiles.newCitizen()) ?? "guest-1") : script.citizen
      var conversation = Conversation(citizenID: id)
      _ = dialogue.greeting(in: &conversation)
      let now = script.asOf.instant(atHour: 9)
      for line in script.lines {
        let elapsed = clock.measure {
          if script.speaker {
            _ = dialogue.respondSpoken(to: line, in: &conversation, asOf: script.asOf, now: now)
          } else {
            _ = dialogue.respond(to: line, in: &conversation, asOf: script.asOf, now: now)
          }
        }
        let ms =
          Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        samples.append(ms)
        if round == repeats - 1 {
          slowest.append((ms, "\(script.citizen) \(script.asOf): \(line)"))
        }
      }
    }
  }
  return samples.sorted()
}

let samples = replay(scripts, on: runtime, repeats: repeats, scratch: scratch)
try? FileManager.default.removeItem(atPath: scratch)
func percentile(_ p: Double) -> Double {
  samples[min(samples.count - 1, Int(Double(samples.count) * p))]
}
let startupMs =
  Double(startup.components.attoseconds) / 1e15 + Double(startup.components.seconds) * 1000
print(String(format: "startup (model cached): %.0f ms", startupMs))
print(
  String(
    format:
      "replies: %d over %d transcripts × %d; median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms",
    samples.count, scripts.count, repeats, percentile(0.5), percentile(0.9), percentile(0.99),
    samples.last ?? 0))
if let count = ProcessInfo.processInfo.environment["CHAT_BENCH_SLOWEST"].flatMap({ Int($0) }) {
  for reply in slowest.sorted(by: { $0.ms > $1.ms }).prefix(count) {
    print(String(format: "%8.2f ms  %@", reply.ms, reply.where))
  }
}
