// Benchmark: reminders per second into the durable outbox with group commit.
//
//   swift build -c release --product delivery-bench
//   .build/release/delivery-bench [--count N] [--window W] [--dir DIR] [--dispatcher]
//
// Each reminder is acknowledged only after the fdatasync covering its JSON line. `--window` is
// how many sends are in flight at once (the batch a group commit can gather). With
// `--dispatcher` every reminder goes the full way: ledger plan + attempt (two journal records),
// outbox send, ledger delivered — four durable records per reminder.
import Delivery
import Foundation

func option(_ name: String, _ fallback: String) -> String {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
  return args[i + 1]
}

let count = Int(option("--count", "200000")) ?? 200_000
let window = Int(option("--window", "512")) ?? 512
let viaDispatcher = CommandLine.arguments.contains("--dispatcher")
let dir = option("--dir", NSTemporaryDirectory()) + "/biseo-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: dir) }

let clock = SystemDeliveryClock()
let due = Date(timeIntervalSince1970: 1_797_465_600)
func notice(_ i: Int) -> Notice {
  Notice(
    key: "c\(i)-health_checkup-2026-d14", citizen: "c\(i)", channel: "outbox",
    title: "일반건강검진 마감", body: "올해 일반건강검진 마감이 14일 남았어요.", due: due,
    metadata: ["reminder": "health_checkup"])
}

let outbox = try OutboxChannel(path: dir + "/outbox.jsonl", clock: clock)
let ledger = try DeliveryLedger(path: dir + "/ledger.log")
let dispatcher = Dispatcher(
  ledger: ledger, channels: ["outbox": outbox], policy: RetryPolicy(),
  defaultLimits: ChannelLimits(maxConcurrent: window), clock: clock, seed: 1)

let started = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
  var next = 0
  func add() {
    let n = notice(next)
    next += 1
    if viaDispatcher {
      group.addTask { _ = try await dispatcher.deliver(n) }
    } else {
      group.addTask { _ = try await outbox.send(n) }
    }
  }
  while next < min(window, count) { add() }
  while try await group.next() != nil {
    if next < count { add() }
  }
}
let elapsed = ContinuousClock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
outbox.close()
ledger.close()
let lines = try String(contentsOfFile: dir + "/outbox.jsonl", encoding: .utf8)
  .split(separator: "\n").count
let mode = viaDispatcher ? "dispatcher+ledger+outbox" : "outbox"
print(
  String(
    format: "%@: %d reminders in %.2f s = %.0f reminders/s; window %d; outbox commits %d "
      + "(%.0f lines/commit); ledger commits %d; lines on disk %d",
    mode, count, seconds, Double(count) / seconds, window, outbox.commits,
    Double(count) / Double(max(outbox.commits, 1)), ledger.journalCommits, lines))
if lines != count {
  print("ERROR: expected \(count) lines")
  exit(1)
}
