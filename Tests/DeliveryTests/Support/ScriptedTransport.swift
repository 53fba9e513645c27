import Delivery
import Foundation
import Synchronization

/// An HTTP transport that replays scripted replies (or errors) and records every request.
final class ScriptedTransport: HTTPTransport {
  struct Request {
    var url: URL
    var headers: [String: String]
    var body: [UInt8]
  }

  enum Step {
    case reply(HTTPReply)
    case fail
  }

  private let steps: Mutex<[Step]>
  private let log = Mutex<[Request]>([])

  init(_ steps: [Step]) { self.steps = Mutex(steps) }

  func post(url: URL, headers: [String: String], body: [UInt8], timeout: Double) async throws
    -> HTTPReply
  {
    log.withLock { $0.append(Request(url: url, headers: headers, body: body)) }
    let step = steps.withLock { s in s.count > 1 ? s.removeFirst() : s[0] }
    switch step {
    case .reply(let reply): return reply
    case .fail: throw URLError(.networkConnectionLost)
    }
  }

  var requests: [Request] { log.withLock { $0 } }
}
