import Foundation
import Synchronization

/// POSTs a signed JSON event per notice, following Standard Webhooks (conventions §6).
///
/// Config kind `webhook`; settings `url` and `secret` (`whsec_<base64>`, several space-separated
/// during rotation) are required, `timeout` (seconds, default 15) optional. Headers: `webhook-id`
/// = the notice key (the same on every retry), `webhook-timestamp` = Unix seconds of this attempt,
/// `webhook-signature` = `v1,<base64>`. Body: `{"data":{…},"timestamp":…,"type":"reminder.due"}`.
///
/// Classification: 2xx delivered; 408, 429, 5xx and network errors transient (with
/// `Retry-After`, in seconds or as an HTTP date); 410 gone — the channel then refuses every later
/// send without a request; any other status (3xx is never followed) permanent.
public final class WebhookChannel: EndpointChannel {
  struct Event: Encodable {
    struct Payload: Encodable {
      var citizen: String
      var due: Date
      var key: String
      var metadata: [String: String]
      var recipient: String
      var text: String
      var title: String
    }

    var data: Payload
    var timestamp: Date
    var type: String
  }

  /// The endpoint.
  public let url: URL
  private let signature: WebhookSignature
  private let timeout: Double
  private let clock: any DeliveryClock
  private let transport: any HTTPTransport
  private let gone = Mutex<String?>(nil)

  /// Creates a webhook channel.
  public init(
    url: URL, signature: WebhookSignature, timeout: Double = 15, clock: any DeliveryClock,
    transport: any HTTPTransport = URLSessionTransport()
  ) {
    self.url = url
    self.signature = signature
    self.timeout = timeout
    self.clock = clock
    self.transport = transport
  }

  /// Creates a webhook channel from its config entry.
  public convenience init(
    config: ChannelConfig, clock: any DeliveryClock,
    transport: any HTTPTransport = URLSessionTransport()
  ) throws(ChannelError) {
    let text = try config.required("url")
    guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
      throw .misconfigured(channel: config.name, reason: "'\(text)' is not an http(s) URL")
    }
    self.init(
      url: url, signature: try WebhookSignature(secrets: try config.required("secret")),
      timeout: try config.number("timeout", default: 15), clock: clock, transport: transport)
  }

  /// Whether a 410 disabled this endpoint.
  public var isDisabled: Bool { gone.withLock { $0 != nil } }

  public var endpoint: String { url.absoluteString }

  public func disable(reason: String) { gone.withLock { $0 = reason } }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    if let reason = gone.withLock({ $0 }) { throw .endpointGone(reason: reason) }
    if notice.key.contains(".") {
      throw .permanent(reason: "webhook-id '\(notice.key)' must not contain '.'")
    }
    let body = try Self.body(for: notice)
    let now = clock.now()
    let timestamp = Int(now.timeIntervalSince1970.rounded(.down))
    let headers = [
      "content-type": "application/json",
      "webhook-id": notice.key,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signature.header(id: notice.key, timestamp: timestamp, body: body),
    ]
    let reply: HTTPReply
    do {
      reply = try await transport.post(url: url, headers: headers, body: body, timeout: timeout)
    } catch {
      throw .transient(reason: "network: \(error.localizedDescription)")
    }
    return try classify(reply, now: now)
  }

  /// The exact body bytes for `notice` (sorted keys, ISO-8601 dates).
  static func body(for notice: Notice) throws(ChannelError) -> [UInt8] {
    let event = Event(
      data: .init(
        citizen: notice.citizen, due: notice.due, key: notice.key, metadata: notice.metadata,
        recipient: notice.recipient, text: notice.body, title: notice.title),
      timestamp: notice.due, type: "reminder.due")
    do {
      return Array(try JSONEncoder.delivery.encode(event))
    } catch {
      throw .permanent(reason: "cannot encode notice: \(error)")
    }
  }

  private func classify(_ reply: HTTPReply, now: Date) throws(ChannelError) -> Receipt {
    switch reply.status {
    case 200..<300:
      return Receipt("HTTP \(reply.status)")
    case 410:
      let reason = "HTTP 410 from \(url.absoluteString)"
      gone.withLock { $0 = reason }
      throw .endpointGone(reason: reason)
    case 408, 429, 500..<600:
      throw .transient(
        reason: "HTTP \(reply.status)",
        retryAfter: reply.headers["retry-after"].flatMap { Self.retryAfter($0, now: now) })
    default:
      throw .permanent(reason: "HTTP \(reply.status)")
    }
  }

  /// Parses `Retry-After`: delta-seconds or an IMF-fixdate, as seconds from `now`.
  static func retryAfter(_ value: String, now: Date) -> Double? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Int(trimmed) { return Double(max(seconds, 0)) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return max(date.timeIntervalSince(now), 0)
  }
}
