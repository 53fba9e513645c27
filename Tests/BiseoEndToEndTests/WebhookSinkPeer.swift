import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `Peers/idempotent_webhook_sink.py`: a Standard Webhooks receiver that deduplicates by
/// `webhook-id`, checks every signature with the reference library and counts what it absorbed.
final class WebhookSinkPeer {
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  /// Whether `python3` can import the reference `standardwebhooks` library.
  static let isAvailable = PeerProcess.canImport("standardwebhooks")

  struct Receiver: Decodable {
    var processed: [String]
    var duplicates: Int
    /// The ids of the duplicates, in arrival order.
    var repeated: [String]
  }

  struct Stats: Decodable {
    var bad_signatures: Int
    var errors: [String]
    var gone_requests: Int
    /// Requests whose body ended early: the sender was killed while writing them.
    var torn_requests: Int
    /// By path (`/hook`): each path deduplicates on its own.
    var receivers: [String: Receiver]
  }

  private let peer: PeerProcess
  var port: Int { peer.port }

  init() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Peers/idempotent_webhook_sink.py")
    peer = try PeerProcess(script: script, arguments: [Self.secret])
  }

  /// A daemon config with the outbox and a webhook channel `hook` to `path` on this sink.
  func config(path: String, data: String, timeout: Int = 2) -> String {
    """
    {"channels": [
      {"name": "outbox", "kind": "outbox", "settings": {"path": "\(data)/outbox.jsonl"}},
      {"name": "hook", "kind": "webhook",
       "settings": {"url": "http://127.0.0.1:\(port)/\(path)", "secret": "\(Self.secret)",
                    "timeout": "\(timeout)"}}
    ], "defaultChannel": "outbox"}
    """
  }

  /// What the sink has seen so far (`GET /stats`).
  func stats() throws -> Stats { try Self.stats(port: port) }

  /// What the sink on `port` has seen so far.
  static func stats(port: Int) throws -> Stats {
    guard let url = URL(string: "http://127.0.0.1:\(port)/stats") else {
      throw URLError(.badURL)
    }
    let done = DispatchSemaphore(value: 0)
    let box = Box()
    URLSession.shared.dataTask(with: url) { data, _, error in
      box.data = data
      box.error = error
      done.signal()
    }.resume()
    done.wait()
    if let error = box.error { throw error }
    return try JSONDecoder().decode(Stats.self, from: box.data ?? Data())
  }

  private final class Box: @unchecked Sendable {
    var data: Data?
    var error: Error?
  }

  func stop() { peer.stop() }
}
