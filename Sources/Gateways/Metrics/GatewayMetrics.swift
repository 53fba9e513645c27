import Synchronization

/// Counters and a latency histogram for `GET /metrics`, in Prometheus text exposition.
///
/// Labels stay low-cardinality: the endpoint (a fixed route name, `other` for unknown
/// paths), the status code, the front end and the intent (names from `Intents/`), the
/// reminder state; never a sender or a citizen.
package final class GatewayMetrics: Sendable {
  /// Reminders by delivery state (`planned`, `delivered`, …), read at each scrape; nil when
  /// there is no ledger to read.
  package typealias ReminderStates = @Sendable () -> [(state: String, count: Int)]?

  /// Upper bounds of the latency buckets, in seconds.
  package static let bucketBounds: [Double] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
  ]

  private struct RequestKey: Hashable, Comparable {
    var endpoint: String
    var status: Int
    static func < (a: RequestKey, b: RequestKey) -> Bool {
      (a.endpoint, a.status) < (b.endpoint, b.status)
    }
  }

  private struct Latency {
    var buckets = [Int](repeating: 0, count: GatewayMetrics.bucketBounds.count)
    var sum = 0.0
    var count = 0
  }

  private struct MessageKey: Hashable, Comparable {
    var frontend: String
    var intent: String
    static func < (a: MessageKey, b: MessageKey) -> Bool {
      (a.frontend, a.intent) < (b.frontend, b.intent)
    }
  }

  private struct State {
    var requests: [RequestKey: Int] = [:]
    var latency: [String: Latency] = [:]
    var messages: [MessageKey: Int] = [:]
  }

  private let state = Mutex(State())
  /// Connections open now (a gauge the server keeps current).
  package let openConnections = Atomic<Int>(0)
  /// Connections refused at the cap with 503.
  package let rejectedConnections = Atomic<Int>(0)

  private let reminderStates: ReminderStates?
  /// Counters kept elsewhere (link codes, evictions), read at each scrape.
  package typealias Counters = @Sendable () -> [(name: String, help: String, value: Int)]
  private let counters: Counters?

  /// Creates empty metrics.
  ///
  /// - Parameters:
  ///   - reminderStates: where `biseo_reminders` comes from (the delivery ledger); nil leaves
  ///     that family out.
  ///   - counters: further counters, each rendered as its own family (`biseo_` + name).
  package init(reminderStates: ReminderStates? = nil, counters: Counters? = nil) {
    self.reminderStates = reminderStates
    self.counters = counters
  }

  /// Counts one chat message answered.
  ///
  /// - Parameters:
  ///   - frontend: the platform (`chat`, `rest`, `kakao`, `nugu`).
  ///   - intent: what the message was understood as; nil (`none`) when the responder does
  ///     not classify, as the echo demo does not.
  package func countMessage(frontend: String, intent: String?) {
    let key = MessageKey(frontend: frontend, intent: intent ?? "none")
    state.withLock { $0.messages[key, default: 0] += 1 }
  }

  /// How many messages a front end answered with an intent (for tests and probes).
  ///
  /// - Parameters:
  ///   - frontend: the platform.
  ///   - intent: the intent, or `none`.
  /// - Returns: the count.
  package func messages(frontend: String, intent: String) -> Int {
    state.withLock { $0.messages[MessageKey(frontend: frontend, intent: intent)] ?? 0 }
  }

  /// Counts one answered request.
  ///
  /// - Parameters:
  ///   - endpoint: the route name (`chat`, `kakao`, …).
  ///   - status: the status code sent.
  ///   - seconds: time from complete request to queued response.
  package func record(endpoint: String, status: Int, seconds: Double) {
    let bucket = Self.bucketBounds.firstIndex { seconds <= $0 }
    state.withLock { state in
      state.requests[RequestKey(endpoint: endpoint, status: status), default: 0] += 1
      var latency = state.latency[endpoint] ?? Latency()
      if let bucket { latency.buckets[bucket] += 1 }
      latency.sum += seconds
      latency.count += 1
      state.latency[endpoint] = latency
    }
  }

  /// How many requests were answered for an endpoint with a status (for tests and probes).
  ///
  /// - Parameters:
  ///   - endpoint: the route name.
  ///   - status: the status code.
  /// - Returns: the count.
  package func requests(endpoint: String, status: Int) -> Int {
    state.withLock { $0.requests[RequestKey(endpoint: endpoint, status: status)] ?? 0 }
  }

  /// The exposition text (`text/plain; version=0.0.4`), ending with a newline.
  package func render() -> String {
    let snapshot = state.withLock { $0 }
    var out = "# HELP biseo_http_requests_total Requests answered, by endpoint and status.\n"
    out += "# TYPE biseo_http_requests_total counter\n"
    for (key, count) in snapshot.requests.sorted(by: { $0.key < $1.key }) {
      out +=
        "biseo_http_requests_total{endpoint=\"\(Self.label(key.endpoint))\","
        + "status=\"\(key.status)\"} \(count)\n"
    }
    out += "# HELP biseo_http_request_duration_seconds Time from request to queued response.\n"
    out += "# TYPE biseo_http_request_duration_seconds histogram\n"
    for (endpoint, latency) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
      var cumulative = 0
      for (index, bound) in Self.bucketBounds.enumerated() {
        cumulative += latency.buckets[index]
        out +=
          "biseo_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} "
        out += "\(cumulative)\n"
      }
      out += "biseo_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} "
      out += "\(latency.count)\n"
      out += "biseo_http_request_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(latency.sum)\n"
      out +=
        "biseo_http_request_duration_seconds_count{endpoint=\"\(endpoint)\"} \(latency.count)\n"
    }
    out += "# HELP biseo_connections_open Connections open now.\n"
    out += "# TYPE biseo_connections_open gauge\n"
    out += "biseo_connections_open \(openConnections.load(ordering: .relaxed))\n"
    out += "# HELP biseo_connections_rejected_total Connections refused at the cap.\n"
    out += "# TYPE biseo_connections_rejected_total counter\n"
    out += "biseo_connections_rejected_total \(rejectedConnections.load(ordering: .relaxed))\n"
    out += "# HELP biseo_messages_total Chat messages answered, by front end and intent.\n"
    out += "# TYPE biseo_messages_total counter\n"
    for (key, count) in snapshot.messages.sorted(by: { $0.key < $1.key }) {
      out +=
        "biseo_messages_total{frontend=\"\(Self.label(key.frontend))\","
        + "intent=\"\(Self.label(key.intent))\"} \(count)\n"
    }
    if let states = reminderStates?() {
      out += "# HELP biseo_reminders Reminders in the delivery ledger, by state.\n"
      out += "# TYPE biseo_reminders gauge\n"
      for (state, count) in states {
        out += "biseo_reminders{state=\"\(Self.label(state))\"} \(count)\n"
      }
    }
    for counter in counters?() ?? [] {
      out += "# HELP biseo_\(counter.name) \(counter.help)\n"
      out += "# TYPE biseo_\(counter.name) counter\n"
      out += "biseo_\(counter.name) \(counter.value)\n"
    }
    return out
  }

  /// A label value escaped for the exposition format: `\\`, `\"` and `\n`.
  static func label(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == 92 || $0 == 34 || $0 == 10 }) else { return value }
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
