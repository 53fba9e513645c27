// Test-only child for the kill -9 loops and fault-injection sweeps in DeliveryTests.
//
//   journal-crash-writer PATH split|whole [journal|outbox|dispatch] [MAX]
//
// Recovers PATH, prints "RECOVERED <records> torn=<bytes>", then appends seq=N records (journal)
// or notices keyed seq-N (outbox) with up to 32 in flight, printing "ACK N" only after the group
// commit that covers N, until MAX (default: forever). "split" writes every batch in two syscalls
// with a pause between, so a kill often lands mid-record and leaves a torn tail. A failed write
// or sync prints "FAILED …" and exits 1, as the daemon will.
//
// "dispatch" runs the whole path: a Dispatcher with the ledger at PATH.ledger and an outbox at
// PATH delivers the notices seq-1…seq-MAX (default 2000), printing "ACK N" when one is delivered
// and "DONE" when all are. Every restart delivers the same set again: the ledger skips what is
// finished and resumes the rest, the outbox refuses keys it already holds.
import Delivery
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

func say(_ line: String) {
  let bytes = Array((line + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

/// Writes each batch in two halves with a pause, to widen the window for torn tails.
final class SplittingDevice: JournalDevice {
  let inner: any JournalDevice
  init(_ inner: any JournalDevice) { self.inner = inner }
  func write(_ bytes: [UInt8]) throws(JournalError) {
    let half = max(1, bytes.count / 2)
    try inner.write(Array(bytes.prefix(half)))
    usleep(200)
    if bytes.count > half { try inner.write(Array(bytes.dropFirst(half))) }
  }
  func sync() throws(JournalError) { try inner.sync() }
  func truncate(to size: Int) throws(JournalError) { try inner.truncate(to: size) }
  func close() { inner.close() }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  say("usage: journal-crash-writer PATH split|whole [journal|outbox] [MAX]")
  exit(2)
}
let path = arguments[1]
let split = arguments[2] == "split"
let mode = arguments.count > 3 ? arguments[3] : "journal"
let outboxMode = mode == "outbox"
let limit = arguments.count > 4 ? Int(arguments[4]) ?? Int.max : Int.max
let wrap: @Sendable (any JournalDevice) -> any JournalDevice = { split ? SplittingDevice($0) : $0 }
let onFailure: @Sendable (JournalError) -> Void = { error in
  say("FAILED \(error)")
  _exit(1)  // at once: no other thread may acknowledge or finish after this
}
let window = DispatchSemaphore(value: 32)

/// Submits seq = first…limit through `send`, 32 at a time, acknowledging each on success.
func run(
  from first: Int, _ send: @escaping @Sendable (Int, @escaping @Sendable (Bool) -> Void) -> Void
) {
  var seq = first
  while seq <= limit {
    window.wait()
    let n = seq
    send(n) { ok in
      if ok { say("ACK \(n)") }
      window.signal()
    }
    seq += 1
  }
  for _ in 0..<32 { window.wait() }
  say("DONE")
}

/// Delivers seq-1…seq-MAX through dispatcher, ledger and outbox; see the header.
func dispatchAll() async throws {
  let clock = SystemDeliveryClock()
  let total = limit == Int.max ? 2000 : limit
  let options = Journal.Options(onFailure: onFailure)
  let ledger = try DeliveryLedger(path: path + ".ledger", options: options)
  let outbox = try OutboxChannel(path: path, clock: clock, onFailure: onFailure, wrap: wrap)
  say("RECOVERED \(ledger.counts()[.delivered] ?? 0) torn=\(outbox.cutBytes)")
  let dispatcher = Dispatcher(
    ledger: ledger, channels: ["outbox": outbox], policy: RetryPolicy(maxAttempts: 3),
    defaultLimits: ChannelLimits(maxConcurrent: 64), clock: clock, seed: 1,
    events: { event in
      if case .delivered(let key, _, _) = event { say("ACK \(key.dropFirst(4))") }
    })
  let due = Date(timeIntervalSince1970: 1_797_465_600)
  let states = try await dispatcher.deliverAll(
    (1...total).map { n in
      Notice(
        key: "seq-\(n)", citizen: "c\(n)", channel: "outbox", title: "검진", body: "알림 \(n)",
        due: due)
    })
  let undelivered = states.values.filter { $0 != .delivered }.count
  say(undelivered == 0 ? "DONE" : "BAD \(undelivered) not delivered")
}

do {
  if mode == "dispatch" {
    try await dispatchAll()
  } else if outboxMode {
    let outbox = try OutboxChannel(
      path: path, clock: SystemDeliveryClock(), onFailure: onFailure, wrap: wrap)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let seqs = text.split(separator: "\n").compactMap { line -> Int? in
      guard let range = line.range(of: "\"id\":\"seq-") else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
    say("RECOVERED \(seqs.count) torn=\(outbox.cutBytes)")
    let due = Date(timeIntervalSince1970: 1_797_465_600)
    run(from: (seqs.max() ?? 0) + 1) { n, done in
      let notice = Notice(
        key: "seq-\(n)", citizen: "c\(n)", channel: "outbox", title: "검진", body: "알림 \(n)",
        due: due)
      Task {
        do {
          _ = try await outbox.send(notice)
          done(true)
        } catch {
          done(false)
        }
      }
    }
  } else {
    let journal = try Journal(
      path: path, options: Journal.Options(onFailure: onFailure), wrap: wrap)
    var last = 0
    for record in journal.recovery.records {
      let text = String(decoding: record, as: UTF8.self)
      guard text.hasPrefix("seq="), let n = Int(text.dropFirst(4)) else {
        say("BAD RECORD \(text)")
        exit(3)
      }
      last = n
    }
    say("RECOVERED \(journal.recovery.records.count) torn=\(journal.recovery.tornBytes)")
    run(from: last + 1) { n, done in
      journal.submit(Array("seq=\(n)".utf8)) { result in
        if case .success = result { done(true) } else { done(false) }
      }
    }
  }
} catch {
  say("FAILED \(error)")
  exit(1)
}
