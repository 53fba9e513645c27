import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Python test peer (an SMTP or webhook sink): started with its arguments, it prints
/// `PORT <n>` once it listens; killed when stopped.
final class PeerProcess {
  private let process = Process()
  let port: Int

  /// Whether `python3` can import `module`.
  static func canImport(_ module: String) -> Bool {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import \(module)"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }

  /// Starts `script` with `arguments` and waits for its `PORT <n>` line.
  init(script: URL, arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    var head = Data()
    while !head.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      head += chunk
    }
    let line = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
      kill(process.processIdentifier, SIGKILL)
      throw CocoaError(.featureUnsupported, userInfo: ["line": line])
    }
    self.port = port
  }

  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}
