import Foundation
import Synchronization

/// The gateway servers: HTTP/1.1 and line-JSON on any mix of TCP and Unix sockets, on
/// epoll event-loop threads, answering chat through a `ChatResponder`.
///
/// ```swift
/// var configuration = ServerConfiguration(addresses: [try .tcp("127.0.0.1:0", wire: .http)])
/// let server = GatewayServer(configuration: configuration, responder: EchoResponder())
/// let bound = try server.start()  // bound[0] carries the ephemeral port
/// …
/// server.shutdown(grace: .seconds(5))
/// await server.stopped()
/// ```
package final class GatewayServer: Sendable {
  private struct State {
    var listeners: [Listener] = []
    var loops: [EventLoop] = []
    var running = 0
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  /// The server's configuration.
  package let configuration: ServerConfiguration
  /// Request counters and latencies, also served at `GET /metrics`.
  package let metrics: GatewayMetrics
  private let responder: any ChatResponder
  private let services: (any SecretaryServices)?
  private let state = Mutex(State())

  /// Creates a server; nothing is bound until `start()`.
  ///
  /// - Parameters:
  ///   - configuration: addresses and limits.
  ///   - responder: answers chat messages.
  ///   - services: calendars and reloads (usually the same `SecretaryResponder`); nil serves
  ///     neither.
  ///   - metrics: where to count (a fresh set by default).
  package init(
    configuration: ServerConfiguration, responder: any ChatResponder,
    services: (any SecretaryServices)? = nil, metrics: GatewayMetrics = GatewayMetrics()
  ) {
    self.configuration = configuration
    self.responder = MeteredResponder(base: responder, metrics: metrics)
    self.services = services
    self.metrics = metrics
  }

  /// Binds every address and starts the event loops.
  ///
  /// - Returns: the bound addresses, in order, with real ports for port 0.
  /// - Throws: `GatewayError` when an address cannot be bound; nothing stays bound then.
  @discardableResult
  package func start() throws(GatewayError) -> [ListenAddress] {
    signal(SIGPIPE, SIG_IGN)
    var listeners: [Listener] = []
    do throws(GatewayError) {
      for address in configuration.addresses {
        listeners.append(try Listener(address, backlog: configuration.backlog))
      }
    } catch {
      for listener in listeners { listener.close() }
      throw error
    }
    let router = Router(
      metrics: metrics, kakaoSkillPath: configuration.kakaoSkillPath, services: services,
      adminToken: configuration.adminToken, nuguKey: configuration.nuguAPIKey,
      sessions: configuration.sessionTokens)
    var loops: [EventLoop] = []
    do throws(GatewayError) {
      for _ in 0..<max(1, configuration.loopCount) {
        loops.append(
          try EventLoop(
            configuration: configuration, listeners: listeners, router: router,
            responder: responder, metrics: metrics))
      }
    } catch {
      for listener in listeners { listener.close() }
      throw error
    }
    state.withLock { state in
      state.listeners = listeners
      state.loops = loops
      state.running = loops.count
    }
    for (index, loop) in loops.enumerated() {
      let thread = Thread { [self] in
        loop.run()
        loopFinished()
      }
      thread.name = "biseo-gateway-\(index)"
      thread.start()
    }
    return listeners.map(\.address)
  }

  /// Stops accepting and drains: in-flight requests finish, idle connections close.
  ///
  /// Whatever is left after `grace` is closed. Returns at once; await `stopped()` for the end.
  ///
  /// - Parameter grace: the longest time in-flight work may take.
  package func shutdown(grace: Duration) {
    let deadline = configuration.now() + grace.nanoseconds
    for loop in state.withLock({ $0.loops }) { loop.post(.drain(deadline: deadline)) }
  }

  /// Returns when every loop has exited and the listeners are closed.
  package func stopped() async {
    await withCheckedContinuation { continuation in
      let resumeNow = state.withLock { state -> Bool in
        if state.running == 0 { return true }
        state.waiters.append(continuation)
        return false
      }
      if resumeNow { continuation.resume() }
    }
  }

  private func loopFinished() {
    let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      state.running -= 1
      guard state.running == 0 else { return [] }
      // Closed under the lock: a `stopped()` that sees no loop running must also find the
      // Unix socket files gone (a loaded machine once ran a test's check between the two).
      for listener in state.listeners { listener.close() }
      defer {
        state.listeners = []
        state.loops = []
        state.waiters = []
      }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }
}
