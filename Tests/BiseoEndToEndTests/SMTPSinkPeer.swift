import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Delivery's `smtp_sink.py` (aiosmtpd): accepts mail on loopback and writes each message, as
/// `email.policy.default` parsed it, as one JSON line to a file.
final class SMTPSinkPeer {
  /// Whether `python3` can import `aiosmtpd`.
  static let isAvailable = PeerProcess.canImport("aiosmtpd")

  private let peer: PeerProcess
  var port: Int { peer.port }
  /// The JSON Lines file of received messages.
  let received: String

  init(received: String) throws {
    self.received = received
    let script = BiseoProcess.repositoryRoot.appendingPathComponent(
      "Tests/DeliveryTests/Peers/smtp_sink.py")
    peer = try PeerProcess(script: script, arguments: [received])
  }

  /// The messages received so far.
  func messages() throws -> [[String: Any]] {
    let text = (try? String(contentsOfFile: received, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  func stop() { peer.stop() }
}
