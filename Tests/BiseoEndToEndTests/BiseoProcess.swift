import Foundation
import Testing

/// Runs the built `biseo` executable, as a user would, and captures what it prints.
struct BiseoProcess {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The `biseo` binary beside the test bundle (SwiftPM builds both into the same folder).
  static func executable() throws -> URL {
    let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
      .compactMap { $0?.deletingLastPathComponent() }
    for directory in candidates {
      var folder = directory
      for _ in 0..<4 {
        let binary = folder.appendingPathComponent("biseo")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        folder.deleteLastPathComponent()
      }
    }
    throw CocoaError(
      .fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "biseo binary not found"])
  }

  /// The repository root, for the shipped `Rules/`, `Intents/` and `Corpus/`.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Starts `biseo` with its output discarded, for tests that kill it or wait on it.
  static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  static func run(_ arguments: [String], stdin: Data = Data()) throws -> Result {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Feed and drain concurrently so a large input or output never deadlocks on a full pipe.
    let writer = Thread {
      input.fileHandleForWriting.write(stdin)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let errorData = ErrorCollector(errors.fileHandleForReading)
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: errorData.wait(), as: UTF8.self))
  }
}

/// Reads a pipe to its end on another thread.
final class ErrorCollector: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  init(_ handle: FileHandle) {
    Thread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }.start()
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
