import Foundation
import Gateways
import Glibc
import Testing

/// The limits of reliability.md §5, each probed with raw sockets on loopback.
@Suite("HTTP limits and abuse")
struct ServerLimitTests {
  @Test("an oversized head in one send gets 431 (regression: one recv skipped the check)")
  func oversizedHeadInOneRead() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let status = try await offThread {
      let socket = try RawSocket(port: port)
      let filler = "X-Filler: " + String(repeating: "a", count: 9000) + "\r\n"
      socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\n" + filler + "\r\n")
      return try socket.readResponse().status
    }
    #expect(status == 431)
    await server.stop()
  }

  @Test("an oversized head in pieces gets 431 and the connection is closed")
  func oversizedHeadInPieces() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let (status, closed) = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
      for _ in 0..<10 { socket.send("X-Filler: " + String(repeating: "b", count: 1000) + "\r\n") }
      let response = try socket.readResponse()
      return (response.status, response.headers["connection"] == "close" && socket.closedByPeer())
    }
    #expect(status == 431)
    #expect(closed)
    await server.stop()
  }

  @Test("a body over 64 KiB gets 413 before it is read")
  func oversizedBody() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let response = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send("POST /chat HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n")
      socket.send([UInt8](repeating: 65, count: 70000))
      return try socket.readResponse()
    }
    #expect(response.status == 413)
    #expect(response.text.contains("exceeds"))
    await server.stop()
  }

  @Test("a head that never finishes gets 408 at the configured deadline")
  func slowHead() async throws {
    let server = try TestServer.start { $0.headerTimeout = .milliseconds(300) }
    let port = server.httpPort
    let (status, elapsed) = try await offThread {
      let socket = try RawSocket(port: port)
      let start = ContinuousClock.now
      socket.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
      Thread.sleep(forTimeInterval: 0.1)
      socket.send("X-Slow: 1\r\n")  // trickling does not extend the whole-head deadline
      let status = try socket.readResponse().status
      return (status, ContinuousClock.now - start)
    }
    #expect(status == 408)
    #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(5))
    await server.stop()
  }

  @Test("the first head's deadline runs from accept: a late first byte does not restart it")
  func lateFirstByte() async throws {
    // Wide margins: a loaded CI machine delays the 408, but never by more than a second.
    let server = try TestServer.start { $0.headerTimeout = .seconds(2) }
    let port = server.httpPort
    let (status, elapsed) = try await offThread {
      let socket = try RawSocket(port: port)
      let start = ContinuousClock.now
      Thread.sleep(forTimeInterval: 1.5)
      socket.send("GET /healthz HTTP/1.1\r\n")
      let status = try socket.readResponse().status
      return (status, ContinuousClock.now - start)
    }
    #expect(status == 408)
    #expect(elapsed < .milliseconds(3200))  // a restarted deadline would answer at ≥ 3.5 s
    await server.stop()
  }

  @Test("a connection that sends nothing gets 408 at the head deadline")
  func silentConnection() async throws {
    let server = try TestServer.start { $0.headerTimeout = .milliseconds(200) }
    let port = server.httpPort
    let status = try await offThread { try RawSocket(port: port).readResponse().status }
    #expect(status == 408)
    await server.stop()
  }

  @Test("a body that stalls gets 408 after the body timeout")
  func slowBody() async throws {
    let server = try TestServer.start { $0.bodyTimeout = .milliseconds(200) }
    let port = server.httpPort
    let status = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send("POST /chat HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"sender\"")
      return try socket.readResponse().status
    }
    #expect(status == 408)
    await server.stop()
  }

  @Test("HTTP/1.0 without keep-alive is closed right after the answer (regression: ab stalled)")
  func http10Closes() async throws {
    let server = try TestServer.start { $0.idleTimeout = .seconds(30) }
    let port = server.httpPort
    let (status, closed, elapsed) = try await offThread {
      let socket = try RawSocket(port: port, timeout: 10)
      let start = ContinuousClock.now
      socket.send("GET /healthz HTTP/1.0\r\n\r\n")
      let response = try socket.readResponse()
      return (response.status, socket.closedByPeer(), ContinuousClock.now - start)
    }
    #expect(status == 200)
    #expect(closed)
    #expect(elapsed < .seconds(5))  // the idle timeout is 30 s
    await server.stop()
  }

  @Test("HTTP/1.0 with Connection: keep-alive stays open and says so")
  func http10KeepAlive() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let (first, second) = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
      let first = try socket.readResponse()
      socket.send("GET /healthz HTTP/1.0\r\n\r\n")
      return (first, try socket.readResponse())
    }
    #expect(first.headers["connection"] == "keep-alive")
    #expect(second.headers["connection"] == "close")
    await server.stop()
  }

  @Test("the request cap answers the last request with Connection: close (regression: wrk errors)")
  func requestCap() async throws {
    let server = try TestServer.start { $0.maxRequestsPerConnection = 3 }
    let port = server.httpPort
    let (connections, closed) = try await offThread {
      let socket = try RawSocket(port: port)
      var connections: [String?] = []
      for _ in 0..<3 {
        socket.send(httpRequest("GET", "/healthz"))
        connections.append(try socket.readResponse().headers["connection"])
      }
      return (connections, socket.closedByPeer())
    }
    #expect(connections == [nil, nil, "close"])
    #expect(closed)
    await server.stop()
  }

  @Test("an idle keep-alive connection is closed after the idle timeout")
  func idleTimeout() async throws {
    let server = try TestServer.start { $0.idleTimeout = .milliseconds(200) }
    let port = server.httpPort
    let (status, closed) = try await offThread {
      let socket = try RawSocket(port: port, timeout: 10)
      socket.send(httpRequest("GET", "/healthz"))
      let status = try socket.readResponse().status
      return (status, socket.closedByPeer())
    }
    #expect(status == 200)
    #expect(closed)
    await server.stop()
  }

  @Test("connections over the cap get 503 and the others keep working")
  func connectionCap() async throws {
    let server = try TestServer.start { $0.maxConnections = 2 }
    let port = server.httpPort
    let (refused, stillServed) = try await offThread {
      let first = try RawSocket(port: port)
      let second = try RawSocket(port: port)
      first.send(httpRequest("GET", "/healthz"))
      _ = try first.readResponse()  // both are accepted by now
      second.send(httpRequest("GET", "/healthz"))
      _ = try second.readResponse()
      let third = try RawSocket(port: port)
      let refused = try third.readResponse()
      first.send(httpRequest("GET", "/healthz"))
      return (refused, try first.readResponse().status)
    }
    #expect(refused.status == 503)
    #expect(refused.headers["retry-after"] == "1")
    #expect(stillServed == 200)
    #expect(server.server.metrics.rejectedConnections.load(ordering: .relaxed) == 1)
    await server.stop()
  }

  @Test("a client that sends but never reads is dropped after the write timeout")
  func slowReader() async throws {
    let server = try TestServer.start(responder: LargeReplyResponder()) {
      $0.writeTimeout = .milliseconds(300)
      $0.idleTimeout = .seconds(30)
      $0.headerTimeout = .seconds(30)
      $0.bodyTimeout = .seconds(30)
    }
    let port = server.httpPort
    let socket = try await offThread { () -> RawSocket in
      let socket = try RawSocket(port: port)
      var small: Int32 = 4096
      setsockopt(socket.fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
      // 80 pipelined answers of 120 KB: more than the kernel's socket buffers can absorb.
      let chat = httpRequest("POST", "/chat", body: #"{"sender":"r","text":"x"}"#)
      socket.send(String(repeating: chat, count: 80))
      return socket
    }
    // The client holds its socket open and never reads: only the write timeout can close it
    // (every other timeout is 30 s here). Poll the server's gauges rather than the socket.
    let metrics = server.server.metrics
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(10) {
      let answered = metrics.requests(endpoint: "chat", status: 200) > 0
      if answered, metrics.openConnections.load(ordering: .relaxed) == 0 { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(metrics.requests(endpoint: "chat", status: 200) > 0)
    #expect(metrics.openConnections.load(ordering: .relaxed) == 0)
    withExtendedLifetime(socket) {}
    await server.stop()
  }
}

/// Answers every message with 120 KB of text, to fill socket buffers quickly.
struct LargeReplyResponder: ChatResponder {
  func respond(to request: ChatRequest) async -> ChatReply {
    ChatReply(texts: [String(repeating: "가", count: 40_000)])
  }
}
