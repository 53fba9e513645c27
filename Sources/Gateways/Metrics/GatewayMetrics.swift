import Synchronization

/// Counters and a latency histogram for `GET /metrics`, in Prometheus text exposition.
///
/// Labels stay low-cardinality: the endpoint (a fixed route name, `other` for unknown
/// paths) and the status code; never a sender.
package final class GatewayMetrics: Sendable {
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

  private struct State {
    var requests: [RequestKey: Int] = [:]
    var latency: [String: Latency] = [:]
  }

  private let state = Mutex(State())
  /// Connections open now (a gauge the server keeps current).
  package let openConnections = Atomic<Int>(0)
  /// Connections refused at the cap with 503.
  package let rejectedConnections = Atomic<Int>(0)

  /// Creates empty metrics.
  package init() {}

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
        "biseo_http_requests_total{endpoint=\"\(key.endpoint)\",status=\"\(key.status)\"} "
        + "\(count)\n"
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
    return out
  }
}
