import Glibc
import Synchronization

/// One epoll thread: accepts, reads, parses, writes and enforces deadlines for its connections.
///
/// Responder calls start as `Task.immediate`; replies come back through `post`.
///
/// All mutable state except `inbox` is touched only on the loop's own thread.
final class EventLoop: @unchecked Sendable {
  /// A message from another thread.
  enum Message: Sendable {
    /// A responder finished: the HTTP response for connection `id`, framed on the loop so a
    /// drain that began meanwhile still turns it into `Connection: close`.
    case http(
      id: UInt64, response: HTTPResponse, request: RequestFraming, endpoint: String, started: UInt64
    )
    /// A responder finished: the reply line for line-JSON connection `id`.
    case line(id: UInt64, bytes: [UInt8], started: UInt64)
    /// Stop accepting, finish in-flight work, and exit by `deadline` at the latest.
    case drain(deadline: UInt64)
  }

  private static let wakeToken: UInt64 = 1 << 63
  private static let listenerToken: UInt64 = 1 << 62

  let configuration: ServerConfiguration
  let router: Router
  let responder: any ChatResponder
  let metrics: GatewayMetrics
  let parser: HTTPParser
  private let listeners: [Listener]
  private let epoll: Epoll
  private let wakeRead: Int32
  private let wakeWrite: Int32
  private let inbox = Mutex<[Message]>([])
  /// The thread running `run()`, so `post` knows when it is called from the loop itself.
  private let loopThread = Atomic<pthread_t>(0)
  private var connections: [UInt64: Connection] = [:]
  private var nextID: UInt64 = 1
  private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
  private var nextTick: UInt64 = 0
  private var acceptPausedUntil: UInt64 = 0
  private(set) var drainDeadline: UInt64?

  init(
    configuration: ServerConfiguration, listeners: [Listener], router: Router,
    responder: any ChatResponder, metrics: GatewayMetrics
  ) throws(GatewayError) {
    self.configuration = configuration
    self.listeners = listeners
    self.router = router
    self.responder = responder
    self.metrics = metrics
    parser = HTTPParser(
      maxHeadBytes: configuration.maxHeadBytes, maxBodyBytes: configuration.maxBodyBytes)
    epoll = try Epoll()
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw .system("pipe", errno) }
    wakeRead = pipeEnds[0]
    wakeWrite = pipeEnds[1]
    for fd in pipeEnds { Self.makeNonBlocking(fd) }
    epoll.add(wakeRead, events: Epoll.readable, token: Self.wakeToken)
    watchListeners()
  }

  deinit {
    close(wakeRead)
    close(wakeWrite)
  }

  /// Hands a message to the loop from any thread.
  func post(_ message: Message) {
    let wasEmpty = inbox.withLock { queue -> Bool in
      queue.append(message)
      return queue.count == 1
    }
    // On the loop's own thread (a responder that finished without suspending), the loop
    // handles its inbox before it waits again: no wake-up needed.
    if wasEmpty, pthread_self() != loopThread.load(ordering: .relaxed) {
      var byte: UInt8 = 1
      _ = write(wakeWrite, &byte, 1)
    }
  }

  /// Runs until drained; returns on the loop's thread when every connection is closed.
  func run() {
    loopThread.store(pthread_self(), ordering: .relaxed)
    while true {
      let now = configuration.now()
      if let drainDeadline, connections.isEmpty || now >= drainDeadline { break }
      let wait = nextTick > now ? (nextTick - now) / 1_000_000 + 1 : 0
      epoll.wait(timeoutMilliseconds: Int32(min(wait, 1000))) { token, events in
        if token == Self.wakeToken {
          drainWakePipe()
        } else if token & Self.listenerToken != 0 {
          accept(from: Int(token & ~Self.listenerToken))
        } else if let connection = connections[token] {
          handle(connection, events: events)
        }
      }
      handleMessages()
      let after = configuration.now()
      if after >= nextTick {
        nextTick = after + configuration.tickNanoseconds
        sweep(now: after)
      }
    }
    for connection in Array(connections.values) { closeConnection(connection) }
  }

  /// How a response is framed for the request it answers.
  struct RequestFraming: Sendable {
    var keepAlive: Bool
    var minorVersion: Int
    var headOnly: Bool
  }

  // MARK: Accepting

  private func watchListeners() {
    for (index, listener) in listeners.enumerated() {
      epoll.add(
        listener.descriptor, events: Epoll.readable | Epoll.exclusive,
        token: Self.listenerToken | UInt64(index))
    }
  }

  private func accept(from index: Int) {
    guard drainDeadline == nil, index < listeners.count else { return }
    let listener = listeners[index]
    for _ in 0..<64 {
      let fd = Glibc.accept(listener.descriptor, nil, nil)  // accept4 is not exported by Glibc
      if fd >= 0 { Self.makeNonBlocking(fd) }
      if fd < 0 {
        if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
          // Out of descriptors: stop watching the listeners until the next tick.
          for listener in listeners { epoll.remove(listener.descriptor) }
          acceptPausedUntil = configuration.now() + configuration.tickNanoseconds
        }
        return
      }
      let open = metrics.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
      if open > configuration.maxConnections {
        metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
        metrics.rejectedConnections.wrappingAdd(1, ordering: .relaxed)
        refuse(fd, wire: listener.address.wire)
        continue
      }
      if case .tcp = listener.address.endpoint {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      }
      let connection = Connection(id: nextID, descriptor: fd, wire: listener.address.wire)
      nextID += 1
      connections[connection.id] = connection
      let now = configuration.now()
      if connection.wire == .http {
        connection.phase = .head
        connection.headStarted = now
        connection.deadline = now + configuration.headerTimeout.nanoseconds
      } else {
        connection.phase = .idle
        connection.deadline = now + configuration.lineIdleTimeout.nanoseconds
      }
      connection.interest = Epoll.readable
      epoll.add(fd, events: Epoll.readable, token: connection.id)
    }
  }

  private static func makeNonBlocking(_ fd: Int32) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
  }

  /// Answers a connection over the cap with 503 (or an error line) and closes it.
  private func refuse(_ fd: Int32, wire: ListenAddress.Wire) {
    let bytes: [UInt8]
    switch wire {
    case .http:
      var response = HTTPResponse.error(503, "too many connections")
      response.headers.append(HTTPHeader("Retry-After", "1"))
      bytes = stamped(response, "refused").serialized(keepAlive: false)
    case .lines:
      bytes = JSONBody.encode(["error": "too many connections"]) + [10]
    }
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    shutdown(fd, Int32(SHUT_WR))
    close(fd)
  }

  // MARK: Events

  private func handle(_ connection: Connection, events: UInt32) {
    if events & (Epoll.hangUp | Epoll.error) != 0 {
      // Reset, or both directions shut: nothing more can be written. These events cannot be
      // masked, so keeping the socket while a responder runs would spin the loop.
      closeConnection(connection)
      return
    }
    if events & Epoll.readable != 0, !connection.readClosed {
      guard read(connection) else { return }
    }
    if events & Epoll.writable != 0 || connection.pendingOutput > 0 {
      guard flush(connection) else { return }
    }
    process(connection)
  }

  /// Reads once; false when the connection was closed.
  private func read(_ connection: Connection) -> Bool {
    let count = scratch.withUnsafeMutableBytes {
      recv(connection.descriptor, $0.baseAddress, $0.count, 0)
    }
    if count > 0 {
      if connection.phase == .lingering { return true }  // discarded
      connection.input.append(contentsOf: scratch[0..<count])
      if connection.phase == .body {
        connection.deadline = configuration.now() + configuration.bodyTimeout.nanoseconds
      }
      return true
    }
    if count == 0 {
      connection.readClosed = true
      if connection.phase == .lingering
        || connection.pendingInput == 0 && !connection.busy
          && connection.pendingOutput == 0
      {
        closeConnection(connection)
        return false
      }
      return true
    }
    if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return true }
    closeConnection(connection)
    return false
  }

  /// Writes pending output; false when the connection was closed.
  @discardableResult
  func flush(_ connection: Connection) -> Bool {
    while connection.pendingOutput > 0 {
      let written = connection.output.withUnsafeBytes { raw in
        let pending = UnsafeRawBufferPointer(rebasing: raw[connection.outputStart...])
        return send(connection.descriptor, pending.baseAddress, pending.count, Int32(MSG_NOSIGNAL))
      }
      if written > 0 {
        connection.consumeOutput(written)
        continue
      }
      if written < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { break }
      closeConnection(connection)
      return false
    }
    if connection.pendingOutput == 0, connection.closeAfterWrite, !connection.busy {
      if connection.readClosed || connection.wire == .lines {
        closeConnection(connection)
        return false
      }
      shutdown(connection.descriptor, Int32(SHUT_WR))
      connection.phase = .lingering
      connection.deadline = configuration.now() + configuration.lingerTimeout.nanoseconds
    }
    return true
  }

  /// Brings the epoll interest in line with the connection's buffers.
  func updateInterest(_ connection: Connection) {
    var wanted: UInt32 = 0
    let inputCap = configuration.maxHeadBytes + configuration.maxBodyBytes + 64 * 1024
    if !connection.readClosed, connection.pendingInput < inputCap { wanted |= Epoll.readable }
    if connection.pendingOutput > 0 { wanted |= Epoll.writable }
    if wanted != connection.interest {
      connection.interest = wanted
      epoll.modify(connection.descriptor, events: wanted, token: connection.id)
    }
  }

  func closeConnection(_ connection: Connection) {
    guard connections.removeValue(forKey: connection.id) != nil else { return }
    epoll.remove(connection.descriptor)
    close(connection.descriptor)
    metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
  }

  func isOpen(_ connection: Connection) -> Bool { connections[connection.id] === connection }

  // MARK: Messages and deadlines

  private func drainWakePipe() {
    var bytes = [UInt8](repeating: 0, count: 64)
    while bytes.withUnsafeMutableBytes({ Glibc.read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
  }

  /// Handles every queued message, including those posted while handling (pipelined requests
  /// whose responders finish at once).
  private func handleMessages() {
    while true {
      let messages = inbox.withLock { queue -> [Message] in
        defer { queue.removeAll(keepingCapacity: true) }
        return queue
      }
      if messages.isEmpty { return }
      for message in messages { handle(message) }
    }
  }

  private func handle(_ message: Message) {
    switch message {
    case .http(let id, let response, let framing, let endpoint, let started):
      guard let connection = connections[id] else { return }
      metrics.record(
        endpoint: endpoint, status: response.status,
        seconds: Double(configuration.now() &- started) / 1e9)
      let keepAlive = framing.keepAlive && drainDeadline == nil
      connection.busy = false
      connection.output.append(
        contentsOf: stamped(response, endpoint).serialized(
          keepAlive: keepAlive, minorVersion: framing.minorVersion, headOnly: framing.headOnly))
      if !keepAlive { connection.closeAfterWrite = true }
      guard flush(connection) else { return }
      process(connection)
    case .line(let id, let bytes, let started):
      guard let connection = connections[id] else { return }
      metrics.record(
        endpoint: "line", status: 200, seconds: Double(configuration.now() &- started) / 1e9)
      connection.busy = false
      connection.output.append(contentsOf: bytes)
      if drainDeadline != nil { connection.closeAfterWrite = true }
      guard flush(connection) else { return }
      process(connection)
    case .drain(let deadline):
      drainDeadline = deadline
      for listener in listeners { epoll.remove(listener.descriptor) }
      for connection in Array(connections.values) where !connection.busy {
        if connection.pendingOutput == 0 {
          closeConnection(connection)
        } else {
          connection.closeAfterWrite = true
        }
      }
    }
  }

  private func sweep(now: UInt64) {
    if acceptPausedUntil != 0, now >= acceptPausedUntil, drainDeadline == nil {
      acceptPausedUntil = 0
      watchListeners()
    }
    for connection in Array(connections.values) where now >= connection.deadline {
      expire(connection)
    }
  }
}
