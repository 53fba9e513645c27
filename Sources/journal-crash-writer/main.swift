// Test-only child for the kill -9 loop in DeliveryTests: recover the journal, then append
// "seq=N" records forever with up to 32 in flight, printing "ACK N" only after the group commit
// that covers N. In "split" mode every batch is written in two syscalls with a pause between, so
// a kill often lands mid-frame and leaves a torn tail for the next run to cut.
import Delivery
import Dispatch

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
guard arguments.count >= 2 else {
  say("usage: journal-crash-writer PATH [split|whole]")
  exit(2)
}
let split = arguments.count > 2 && arguments[2] == "split"
let options = Journal.Options(onFailure: { error in
  say("FAILED \(error)")
  exit(1)
})
do {
  let journal = try Journal(path: arguments[1], options: options) {
    split ? SplittingDevice($0) : $0
  }
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
  let window = DispatchSemaphore(value: 32)
  var seq = last + 1
  while true {
    window.wait()
    let n = seq
    journal.submit(Array("seq=\(n)".utf8)) { result in
      if case .success = result { say("ACK \(n)") }
      window.signal()
    }
    seq += 1
  }
} catch {
  say("FAILED \(error)")
  exit(1)
}
