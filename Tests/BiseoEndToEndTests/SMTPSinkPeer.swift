import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Delivery's `smtp_sink.py` (aiosmtpd): accepts mail on loopback and writes each message, as
/// `email.policy.default` parsed it, as one JSON line to a file.
final class SMTPSinkPeer {
  /// Whether `python3` can import `aiosmtpd`.
  static let isAvailable: Bool = {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import aiosmtpd"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }()

  private let process = Process()
  let port: Int
  /// The JSON Lines file of received messages.
  let received: String

  init(received: String) throws {
    self.received = received
    let script = BiseoProcess.repositoryRoot.appendingPathComponent(
      "Tests/DeliveryTests/Peers/smtp_sink.py")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, received]
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

  /// The messages received so far.
  func messages() throws -> [[String: Any]] {
    let text = (try? String(contentsOfFile: received, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}
