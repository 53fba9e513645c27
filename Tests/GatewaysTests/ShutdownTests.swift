import Foundation
import Gateways
import Testing

/// A responder that holds every call until the test opens the gate.
// An NSLock rather than Synchronization.Mutex, so ThreadSanitizer runs see the locking.
final class GateResponder: ChatResponder, @unchecked Sendable {
  private struct State {
    var open = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }
  private let lock = NSLock()
  private var _state = State()
  let started: AsyncStream<Void>
  private let startedContinuation: AsyncStream<Void>.Continuation

  init() {
    (started, startedContinuation) = AsyncStream<Void>.makeStream()
  }

  func respond(to request: ChatRequest) async -> ChatReply {
    startedContinuation.yield()
    await withCheckedContinuation { continuation in
      lock.lock()
      let proceed = _state.open
      if !proceed { _state.waiters.append(continuation) }
      lock.unlock()
      if proceed { continuation.resume() }
    }
    return ChatReply(texts: ["늦은 답"])
  }

  func open() {
    lock.lock()
    _state.open = true
    let waiters = _state.waiters
    _state.waiters = []
    lock.unlock()
    for waiter in waiters { waiter.resume() }
  }
}

@Suite("Graceful shutdown")
struct ShutdownTests {
  @Test(
    "shutdown stops accepting, finishes the request in flight with Connection: close, then exits")
  func drainsInFlight() async throws {
    let gate = GateResponder()
    let server = try TestServer.start(responder: gate)
    let port = server.httpPort
    let idlePort = port
    let idle = try await offThread { try RawSocket(port: idlePort) }
    let client = Task {
      try await offThread {
        let socket = try RawSocket(port: port)
        socket.send(httpRequest("POST", "/chat", body: #"{"sender":"s","text":"잠깐"}"#))
        let response = try socket.readResponse()
        return (
          response.status, response.headers["connection"], response.text, socket.closedByPeer()
        )
      }
    }
    for await _ in gate.started { break }  // the request is inside the responder now
    server.server.shutdown(grace: .seconds(5))
    let idleClosed = try await offThread { idle.closedByPeer() }
    #expect(idleClosed)
    gate.open()
    let (status, connection, text, closed) = try await client.value
    #expect(status == 200)
    #expect(connection == "close")
    #expect(text.contains("늦은 답"))
    #expect(closed)
    await server.server.stopped()
    #expect(throws: RawSocket.Failure.self) { _ = try RawSocket(port: port) }
    #expect(!FileManager.default.fileExists(atPath: server.unixPath))
  }

  @Test("a responder that never answers is cut off at the grace deadline")
  func graceDeadline() async throws {
    let gate = GateResponder()
    let server = try TestServer.start(responder: gate)
    let port = server.httpPort
    let client = Task {
      try await offThread {
        let socket = try RawSocket(port: port)
        socket.send(httpRequest("POST", "/chat", body: #"{"sender":"s","text":"영원히"}"#))
        return socket.closedByPeer()
      }
    }
    for await _ in gate.started { break }
    let start = ContinuousClock.now
    server.server.shutdown(grace: .milliseconds(200))
    await server.server.stopped()
    // The responder never answers, so reaching here at all is the proof; the bound only
    // catches a wait for the responder, and is loose because CI machines are loaded.
    #expect(ContinuousClock.now - start < .seconds(30))
    #expect(try await client.value)
    gate.open()
  }
}
