import Foundation
import Glibc

/// Everything a `GatewayServer` needs besides its responder: where to listen, the limits of
/// reliability.md §5, and the clock.
package struct ServerConfiguration: Sendable {
  /// The sockets to listen on (any mix of HTTP and line-JSON, TCP and Unix).
  package var addresses: [ListenAddress]
  /// Largest request head (431 beyond).
  package var maxHeadBytes = 8 * 1024
  /// Largest request body (413 beyond).
  package var maxBodyBytes = 64 * 1024
  /// Largest line on a line-JSON socket (an error object beyond; the connection stays usable).
  package var maxLineBytes = 4 * 1024
  /// Deadline for a whole request head from its first byte, and for the first request (408).
  package var headerTimeout: Duration = .seconds(10)
  /// Longest silence while a body is being received (408).
  package var bodyTimeout: Duration = .seconds(10)
  /// Idle keep-alive connections are closed after this.
  package var idleTimeout: Duration = .seconds(5)
  /// Idle line-JSON connections are closed after this.
  package var lineIdleTimeout: Duration = .seconds(300)
  /// Longest time a reply may wait for a client that does not read it.
  package var writeTimeout: Duration = .seconds(10)
  /// After an error response, how long unread input is drained before closing (lingering close).
  package var lingerTimeout: Duration = .seconds(2)
  /// Requests per HTTP connection; the last answer carries `Connection: close`.
  package var maxRequestsPerConnection = 1000
  /// Open connections across all sockets; the next one gets 503 and is closed.
  package var maxConnections = 1024
  /// The Kakao i skill endpoint's path (keep it secret: Kakao does not sign requests).
  package var kakaoSkillPath = "/kakao/skill"
  /// The bearer token of `POST /admin/reload`; nil: no admin endpoint at all.
  package var adminToken: SharedSecret?
  /// The NUGU API key (`Authorization: token <key>`); nil accepts speaker requests without.
  package var nuguAPIKey: SharedSecret?
  /// Signs the web page's session tokens (`POST /session`); nil: no sessions are issued.
  package var sessionTokens: SessionTokens?
  /// Event-loop threads (each an epoll instance sharing the listening sockets).
  package var loopCount = 1
  /// `listen` backlog.
  package var backlog: Int32 = 1024
  /// Monotonic time in nanoseconds; injected so tests can reason about deadlines.
  package var now: @Sendable () -> UInt64 = ServerConfiguration.monotonicNanoseconds
  /// What every response gets.
  ///
  /// `Date` from the wall clock, `Server`, caching and security fields; tests inject a fixed
  /// clock here. The date cache is shared by all loops.
  package var responseHeaders = ResponseHeaders(dates: HTTPDateCache(clock: { Date() }))

  /// Creates a configuration with the default limits.
  ///
  /// - Parameter addresses: the sockets to listen on.
  package init(addresses: [ListenAddress]) {
    self.addresses = addresses
  }

  /// `CLOCK_MONOTONIC` in nanoseconds, the default clock.
  ///
  /// - Returns: nanoseconds since an arbitrary start.
  package static func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// How often deadlines are checked: a quarter of the shortest timeout, 5–250 ms.
  var tickNanoseconds: UInt64 {
    let shortest =
      [headerTimeout, bodyTimeout, idleTimeout, writeTimeout, lingerTimeout].min()
      ?? .seconds(1)
    return min(max(shortest.nanoseconds / 4, 5_000_000), 250_000_000)
  }
}

extension Duration {
  /// The duration in whole nanoseconds (negative durations count as zero).
  var nanoseconds: UInt64 {
    let (seconds, attoseconds) = components
    guard seconds >= 0 else { return 0 }
    return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
  }
}
