import Dispatch
import Glibc

/// Turning buffered input into answers: HTTP requests and line-JSON lines, one at a time per
/// connection so pipelined requests are answered in order.
extension EventLoop {
  /// A waiting client is the most urgent work in the process: a responder that suspends
  /// resumes ahead of planning, reloads and other default-priority tasks, which could
  /// otherwise fill the cooperative pool (one thread per core) for as long as they run.
  static let replyPriority = TaskPriority.userInitiated

  /// Most output buffered before a connection stops taking new requests from its input.
  private static let outputHighWater = 64 * 1024

  /// Handles whatever complete requests the input holds, then refreshes deadline and interest.
  func process(_ connection: Connection) {
    guard isOpen(connection) else { return }
    if connection.phase != .lingering {
      switch connection.wire {
      case .http: processHTTP(connection)
      case .lines: processLines(connection)
      }
      guard flush(connection), isOpen(connection) else { return }
      if connection.pendingOutput > 0, !connection.busy, connection.phase != .lingering {
        connection.phase = .writing  // a client that stops reading is dropped
        connection.deadline = configuration.now() + configuration.writeTimeout.nanoseconds
      }
      if connection.readClosed, !connection.busy, connection.pendingOutput == 0,
        connection.phase != .lingering
      {
        closeConnection(connection)  // the peer is gone and nothing is left to answer
        return
      }
    }
    updateInterest(connection)
  }

  private func processHTTP(_ connection: Connection) {
    let now = configuration.now()
    while !connection.busy, !connection.closeAfterWrite,
      connection.pendingOutput < Self.outputHighWater
    {
      let result = connection.input.withUnsafeBufferPointer {
        parser.parse(UnsafeBufferPointer(rebasing: $0[connection.inputStart...]))
      }
      switch result {
      case .needsHead:
        if connection.pendingInput == 0 {
          if connection.requestsServed > 0, connection.phase != .idle {
            connection.phase = .idle
            connection.deadline = now + configuration.idleTimeout.nanoseconds
          }
        } else {
          // The whole head must arrive within the deadline from its first byte (from accept
          // for a connection's first request): trickling bytes never extends it.
          if connection.headStarted == nil { connection.headStarted = now }
          connection.phase = .head
          connection.deadline =
            (connection.headStarted ?? now) + configuration.headerTimeout.nanoseconds
        }
        return
      case .needsBody(let expectContinue):
        if connection.phase != .body {
          connection.phase = .body
          connection.deadline = now + configuration.bodyTimeout.nanoseconds
        }
        if expectContinue, !connection.sentContinue {
          connection.sentContinue = true
          connection.output.append(contentsOf: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        return
      case .invalid(let error):
        metrics.record(endpoint: "invalid", status: error.status, seconds: 0)
        connection.output.append(
          contentsOf: stamped(HTTPResponse.error(error.status, error.description), "invalid")
            .serialized(keepAlive: false))
        connection.closeAfterWrite = true
        connection.consumeInput(connection.pendingInput)
        return
      case .complete(let request, let consumed):
        connection.consumeInput(consumed)
        connection.requestsServed += 1
        connection.headStarted = nil
        connection.sentContinue = false
        let keepAlive =
          request.keepAlive && drainDeadline == nil
          && connection.requestsServed < configuration.maxRequestsPerConnection
        answer(request, keepAlive: keepAlive, on: connection, now: now)
      }
    }
  }

  private func answer(
    _ request: HTTPRequest, keepAlive: Bool, on connection: Connection, now: UInt64
  ) {
    let framing = RequestFraming(
      keepAlive: keepAlive, minorVersion: request.minorVersion, headOnly: request.method == "HEAD")
    let (endpoint, outcome) = router.route(request)
    switch outcome {
    case .immediate(let response):
      metrics.record(
        endpoint: endpoint, status: response.status,
        seconds: Double(configuration.now() &- now) / 1e9)
      connection.output.append(
        contentsOf: stamped(response, endpoint).serialized(
          keepAlive: keepAlive, minorVersion: framing.minorVersion, headOnly: framing.headOnly))
      if !keepAlive { connection.closeAfterWrite = true }
    case .chat(let chat, let render):
      connection.busy = true
      connection.phase = .busy
      connection.deadline = .max
      let id = connection.id
      let responder = self.responder
      // Inline until the responder first suspends; then ahead of background work in the pool.
      Task.immediate(priority: Self.replyPriority) {
        let response = render(await responder.respond(to: chat))
        self.post(
          .http(id: id, response: response, request: framing, endpoint: endpoint, started: now))
      }
    case .work(let queue, let work):
      connection.busy = true
      connection.phase = .busy
      connection.deadline = .max
      let id = connection.id
      queue.async {
        self.post(
          .http(id: id, response: work(), request: framing, endpoint: endpoint, started: now))
      }
    }
  }

  private func processLines(_ connection: Connection) {
    let now = configuration.now()
    let limit = configuration.maxLineBytes
    while !connection.busy, connection.pendingOutput < Self.outputHighWater {
      let newline = connection.input[connection.inputStart...].firstIndex(of: 10)
      guard let newline else {
        if connection.pendingInput > limit {
          connection.discardingLine = true
          connection.consumeInput(connection.pendingInput)
        }
        break
      }
      var line = connection.input[connection.inputStart..<newline]
      connection.consumeInput(newline + 1 - connection.inputStart)
      if line.last == 13 { line = line.dropLast() }
      if connection.discardingLine || line.count > limit {
        connection.discardingLine = false
        lineError("line exceeds \(limit) bytes", on: connection)
        continue
      }
      if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
      let chat: ChatRequest
      do throws(JSONBody.DecodeError) {
        chat = try NativeChat.request(from: line)
      } catch {
        lineError(error.description, on: connection)
        continue
      }
      connection.busy = true
      connection.phase = .busy
      connection.deadline = .max
      let id = connection.id
      let responder = self.responder
      // Inline until the responder first suspends; then ahead of background work in the pool.
      Task.immediate(priority: Self.replyPriority) {
        let bytes = NativeChat.encode(await responder.respond(to: chat), for: chat) + [10]
        self.post(.line(id: id, bytes: bytes, started: now))
      }
      return
    }
    if !connection.busy {
      connection.phase = .idle
      connection.deadline = now + configuration.lineIdleTimeout.nanoseconds
    }
  }

  /// `response` with the fields every response carries (``ResponseHeaders``).
  func stamped(_ response: HTTPResponse, _ endpoint: String) -> HTTPResponse {
    configuration.responseHeaders.applied(to: response, endpoint: endpoint)
  }

  private func lineError(_ message: String, on connection: Connection) {
    metrics.record(endpoint: "line", status: 400, seconds: 0)
    connection.output.append(contentsOf: JSONBody.encode(["error": .string(message)]) + [10])
  }

  /// A connection's deadline passed.
  func expire(_ connection: Connection) {
    switch connection.phase {
    case .head where connection.requestsServed == 0 || connection.pendingInput > 0,
      .body:
      metrics.record(endpoint: "invalid", status: 408, seconds: 0)
      connection.output = stamped(
        HTTPResponse.error(408, "request not received in time"), "invalid"
      ).serialized(keepAlive: false)
      connection.outputStart = 0
      connection.consumeInput(connection.pendingInput)
      connection.closeAfterWrite = true
      connection.phase = .writing
      connection.deadline = configuration.now() + configuration.writeTimeout.nanoseconds
      if flush(connection) { updateInterest(connection) }
    case .busy:
      break
    default:
      closeConnection(connection)
    }
  }
}
