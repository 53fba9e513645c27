import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Python test peer from `Tests/DeliveryTests/Peers/`, started on a free loopback port.
///
/// Tests that need one are enabled only if `python3` can import the peer's library, so a
/// developer machine without it reports a skip with the reason instead of a pass.
final class PythonPeer {
  static let peersDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Peers")

  /// Whether `python3 -c "import <module>"` succeeds.
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

  let process = Process()
  let port: Int

  /// Starts `script` with `arguments` and waits for its `PORT <n>` line.
  init(_ script: String, _ arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", Self.peersDirectory.appendingPathComponent(script).path] + arguments
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
      process.terminate()
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
