import Foundation

/// A progress line on stderr for long runs (`evaluate`, `diff`, the daemon's planning):
/// citizens done, their rate and, when the input's size is known, the time left.
///
/// Only when stderr is a terminal and `--quiet` is not given: a log or a pipe gets nothing.
/// Redrawn at most four times a second, in place, and erased at the end.
final class ProgressLine: @unchecked Sendable {
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant
  private var drawn: ContinuousClock.Instant?
  private let lock = NSLock()

  /// Nil when there is nothing to show: `quiet`, or stderr is not a terminal.
  init?(quiet: Bool) {
    guard !quiet, isatty(2) == 1 else { return nil }
    started = clock.now
  }

  /// A line for reading `path` (`--population`): the share done is the bytes read of its
  /// size, when it has one.
  static func reading(_ path: String, quiet: Bool)
    -> (update: @Sendable (Int, Int) -> Void, line: ProgressLine)?
  {
    guard let line = ProgressLine(quiet: quiet) else { return nil }
    let total = size(of: path)
    return (
      { citizens, bytes in
        line.update(citizens: citizens, done: total.map { Double(bytes) / Double(max($0, 1)) })
      }, line
    )
  }

  /// The input's size for `--population FILE` (nil for stdin or what is not a regular file).
  private static func size(of path: String) -> Int? {
    guard path != "-",
      let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      (attributes[.type] as? FileAttributeType) == .typeRegular
    else { return nil }
    return (attributes[.size] as? NSNumber)?.intValue
  }

  /// Redraws the line: `done` is the share of the work done (0…1), when it is known.
  func update(citizens: Int, done: Double?) {
    lock.lock()
    defer { lock.unlock() }
    let now = clock.now
    if let drawn, now - drawn < .milliseconds(250) { return }
    drawn = now
    let seconds = Self.seconds(now - started)
    var parts = ["\(citizens.grouped) citizens"]
    if seconds > 0 { parts.append("\(Int(Double(citizens) / seconds).grouped)/s") }
    if let done = done.map({ min(max($0, 0), 1) }), done > 0 {
      parts.append("\(Int(done * 100))%")
      if done > 0, done < 1 {
        parts.append("about \(Int((seconds * (1 - done) / done).rounded(.up))) s left")
      }
    }
    write("\r\u{1B}[K" + parts.joined(separator: " · "))
  }

  /// Erases the line, so the report that follows starts clean.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn != nil { write("\r\u{1B}[K") }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  private static func seconds(_ d: Duration) -> Double {
    let (s, attoseconds) = d.components
    return Double(s) + Double(attoseconds) / 1e18
  }
}
