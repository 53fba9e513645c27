import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a configured command with the notice as JSON on stdin.
///
/// Config kind `exec`; settings `command` (required, run by `/bin/sh -c`) and `timeout` (seconds,
/// default 30). Exit 0 = delivered (the first line of stdout is the receipt); exit 75
/// (`EX_TEMPFAIL`) or a timeout = transient; any other exit = permanent. The environment gets
/// `BISEO_KEY`, so a script can deduplicate.
public struct ExecChannel: Channel {
  /// The shell command.
  public let command: String
  /// Seconds before the command is terminated and the attempt counts as transient.
  public let timeout: Double

  /// Creates an exec channel.
  public init(command: String, timeout: Double = 30) {
    self.command = command
    self.timeout = timeout
  }

  /// Creates an exec channel from its config entry.
  public init(config: ChannelConfig) throws(ChannelError) {
    self.init(
      command: try config.required("command"), timeout: try config.number("timeout", default: 30))
  }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let input: Data
    do {
      input = try JSONEncoder.delivery.encode(notice)
    } catch {
      throw .permanent(reason: "cannot encode notice: \(error)")
    }
    let result: ExecResult
    do {
      result = try await run(input: input, key: notice.key)
    } catch {
      throw .permanent(reason: "cannot start '\(command)': \(error)")
    }
    if result.timedOut { throw .transient(reason: "command timed out after \(timeout) s") }
    switch result.status {
    case 0:
      let first = result.stdout.split(separator: "\n", omittingEmptySubsequences: true).first
      return Receipt(first.map(String.init) ?? "exit 0")
    case 75:
      throw .transient(reason: "command exit 75: \(result.stderr.prefix(200))")
    default:
      throw .permanent(reason: "command exit \(result.status): \(result.stderr.prefix(200))")
    }
  }

  struct ExecResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
  }

  /// Fires the timeouts (a serial queue gets a thread even when the global pool is full).
  private static let timers = DispatchQueue(label: "biseo.exec.timeouts")

  private func run(input: Data, key: String) async throws -> ExecResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    var environment = ProcessInfo.processInfo.environment
    environment["BISEO_KEY"] = key
    process.environment = environment
    // Input and output go through temp files, not pipes: writing to a pipe whose reader already
    // exited raises SIGPIPE in our process, and a grandchild left running after a timeout would
    // hold an output pipe open and block the read until it exits.
    let base = NSTemporaryDirectory() + "biseo-exec-" + UUID().uuidString
    let paths = [base + ".in", base + ".out", base + ".err"]
    defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
    guard FileManager.default.createFile(atPath: paths[0], contents: input),
      FileManager.default.createFile(atPath: paths[1], contents: nil),
      FileManager.default.createFile(atPath: paths[2], contents: nil),
      let stdin = FileHandle(forReadingAtPath: paths[0]),
      let stdout = FileHandle(forWritingAtPath: paths[1]),
      let stderr = FileHandle(forWritingAtPath: paths[2])
    else {
      throw CocoaError(.fileWriteUnknown)
    }
    defer {
      try? stdin.close()
      try? stdout.close()
      try? stderr.close()
    }
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    let timedOut = Mutex(false)
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: error)
        return
      }
      let limit = timeout
      // A queue of its own: the global pool is as wide as the CPUs and may be busy with
      // blocking work (other sends, a test run) past the limit, and then the command runs on.
      ExecChannel.timers.asyncAfter(deadline: .now() + limit) {
        if process.isRunning {
          timedOut.withLock { $0 = true }
          // Foundation starts the child as a process-group leader; kill the whole group so a
          // shell's children go too (SIGTERM is not reliably delivered to the shell).
          kill(-process.processIdentifier, SIGKILL)
        }
      }
    }
    let out = FileManager.default.contents(atPath: paths[1]) ?? Data()
    let err = FileManager.default.contents(atPath: paths[2]) ?? Data()
    return ExecResult(
      status: status, stdout: String(decoding: out.prefix(4096), as: UTF8.self),
      stderr: String(decoding: err.prefix(4096), as: UTF8.self), timedOut: timedOut.withLock { $0 })
  }
}
