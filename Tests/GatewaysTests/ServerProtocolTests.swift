import Foundation
import Gateways
import Glibc
import Testing

/// HTTP semantics and the line-JSON protocol over real sockets.
@Suite("HTTP and line-JSON over sockets")
struct ServerProtocolTests {
  @Test("pipelined requests are answered in order on one connection")
  func pipelining() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let bodies = try await offThread {
      let socket = try RawSocket(port: port)
      let chat = { (text: String) in
        httpRequest("POST", "/chat", body: #"{"sender":"p","text":"\#(text)"}"#)
      }
      socket.send(
        chat("하나") + httpRequest("GET", "/healthz") + chat("둘") + httpRequest("GET", "/nope"))
      return try (0..<4).map { _ in try socket.readResponse() }
    }
    #expect(bodies.map(\.status) == [200, 200, 200, 404])
    #expect(bodies[0].text.contains("하나") && bodies[0].text.contains("1번째"))
    #expect(bodies[1].text == #"{"status":"ok"}"#)
    #expect(bodies[2].text.contains("둘") && bodies[2].text.contains("2번째"))
    await server.stop()
  }

  @Test("invalid UTF-8 and bad JSON get 400 with a JSON error, and the connection stays usable")
  func badBodies() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let responses = try await offThread {
      let socket = try RawSocket(port: port)
      let body = Array(#"{"sender":"a","text":"x"#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)
      socket.send(
        Array("POST /chat HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
      )
      let first = try socket.readResponse()
      socket.send(httpRequest("POST", "/chat", body: #"{"sender": "a", "text": "#))
      let second = try socket.readResponse()
      socket.send(httpRequest("POST", "/chat", body: #"{"sender": "a", "text": 3}"#))
      let third = try socket.readResponse()
      socket.send(httpRequest("POST", "/chat", body: #"{"sender":"a","text":"ok"}"#))
      return [first, second, third, try socket.readResponse()]
    }
    #expect(responses.map(\.status) == [400, 400, 400, 200])
    #expect(responses[0].text == #"{"error":"body is not valid UTF-8 (byte 23)"}"#)
    #expect(responses[1].text == #"{"error":"body is not a JSON object"}"#)
    #expect(responses[2].text == #"{"error":"field 'text' must be a string"}"#)
    #expect(responses[0].headers["content-type"] == "application/json; charset=utf-8")
    await server.stop()
  }

  @Test("unknown path 404, wrong method 405 with Allow, HEAD without a body")
  func routing() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let responses = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send(httpRequest("GET", "/missing"))
      let missing = try socket.readResponse()
      socket.send(httpRequest("GET", "/chat"))
      let wrongMethod = try socket.readResponse()
      socket.send(httpRequest("DELETE", "/healthz"))
      let wrongGet = try socket.readResponse()
      socket.send(httpRequest("HEAD", "/healthz") + httpRequest("GET", "/webhooks/rest/"))
      let head = try socket.readResponse(headOnly: true)
      return (missing, wrongMethod, wrongGet, head, try socket.readResponse())
    }
    #expect(responses.0.status == 404)
    #expect(responses.1.status == 405 && responses.1.headers["allow"] == "POST")
    #expect(responses.2.status == 405 && responses.2.headers["allow"] == "GET, HEAD")
    #expect(responses.3.status == 200 && responses.3.body.isEmpty)
    #expect(responses.3.headers["content-length"] == "15")
    #expect(responses.4.text == #"{"status":"ok"}"#)
    await server.stop()
  }

  @Test("Expect: 100-continue gets an interim 100 before the body is sent")
  func expectContinue() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let (interim, final) = try await offThread {
      let socket = try RawSocket(port: port)
      let body = #"{"sender":"c","text":"계속"}"#
      socket.send(
        "POST /chat HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
      )
      let interim = try socket.readResponse()
      socket.send(body)
      return (interim.status, try socket.readResponse().status)
    }
    #expect(interim == 100)
    #expect(final == 200)
    await server.stop()
  }

  @Test(
    "line-JSON: one reply per line; malformed lines get an error object and the connection stays")
  func lines() async throws {
    let server = try TestServer.start { $0.maxLineBytes = 256 }
    let port = server.linePort
    let replies = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send(#"{"sender":"L","text":"안녕"}"# + "\nnot json\n\n")
      socket.send([0xFF, 0xFE, 10])
      socket.send(String(repeating: "x", count: 300) + "\n")
      socket.send(#"{"sender":"L","text":"다시","speaker":true}"# + "\r\n")
      return try (0..<5).map { _ in try socket.readLine() }
    }
    #expect(replies[0].hasPrefix(#"{"end_session":false,"quick_replies":"#))
    #expect(replies[0].contains(#""texts":["안녕","1번째 메시지예요."]"#))
    #expect(replies[1] == #"{"error":"body is not a JSON object"}"#)
    #expect(replies[2] == #"{"error":"body is not valid UTF-8 (byte 0)"}"#)
    #expect(replies[3] == #"{"error":"line exceeds 256 bytes"}"#)
    #expect(replies[4].contains(#""speech":"<speak>다시</speak>""#))
    await server.stop()
  }

  @Test("line-JSON over a Unix socket")
  func unixSocket() async throws {
    let server = try TestServer.start()
    let path = server.unixPath
    let reply = try await offThread {
      let socket = try RawSocket(unixPath: path)
      socket.send(#"{"sender":"u","text":"유닉스"}"# + "\n")
      return try socket.readLine()
    }
    #expect(reply.contains("유닉스"))
    await server.stop()
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("/metrics counts requests by endpoint and status, with a latency histogram")
  func metrics() async throws {
    let server = try TestServer.start()
    let port = server.httpPort
    let text = try await offThread {
      let socket = try RawSocket(port: port)
      socket.send(httpRequest("POST", "/chat", body: #"{"sender":"m","text":"x"}"#))
      _ = try socket.readResponse()
      socket.send(httpRequest("GET", "/nope"))
      _ = try socket.readResponse()
      socket.send(httpRequest("GET", "/metrics"))
      return try socket.readResponse()
    }
    #expect(text.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
    #expect(text.text.contains(#"biseo_http_requests_total{endpoint="chat",status="200"} 1"#))
    #expect(text.text.contains(#"biseo_http_requests_total{endpoint="other",status="404"} 1"#))
    #expect(
      text.text.contains(
        #"biseo_http_request_duration_seconds_bucket{endpoint="chat",le="+Inf"} 1"#))
    #expect(text.text.contains("biseo_connections_open 1\n"))
    #expect(text.text.hasSuffix("\n"))
    await server.stop()
  }

  @Test("a client that half-closes after its requests still gets every answer, then EOF")
  func halfClose() async throws {
    let server = try TestServer.start(responder: SuspendingResponder())
    let (httpPort, linePort) = (server.httpPort, server.linePort)
    let (statuses, httpClosed, lines, lineClosed) = try await offThread {
      let http = try RawSocket(port: httpPort)
      http.send(
        httpRequest("GET", "/healthz")
          + httpRequest("POST", "/chat", body: #"{"sender":"h","text":"반"}"#))
      shutdown(http.fd, Int32(SHUT_WR))
      let statuses = try [http.readResponse().status, http.readResponse().status]
      let line = try RawSocket(port: linePort)
      line.send(#"{"sender":"h","text":"하나"}"# + "\n" + #"{"sender":"h","text":"둘"}"# + "\n")
      shutdown(line.fd, Int32(SHUT_WR))
      let lines = try [line.readLine(), line.readLine()]
      return (statuses, http.closedByPeer(), lines, line.closedByPeer())
    }
    #expect(statuses == [200, 200])
    #expect(httpClosed)
    #expect(lines[0].contains("하나") && lines[1].contains("둘"))
    #expect(lineClosed)
    await server.stop()
  }

  @Test("HTTP/1.1 Connection: close is answered with Connection: close, then the server closes")
  func connectionClose() async throws {
    let server = try TestServer.start { $0.idleTimeout = .seconds(30) }
    let port = server.httpPort
    let (response, closed) = try await offThread {
      let socket = try RawSocket(port: port, timeout: 10)
      socket.send(httpRequest("GET", "/healthz", headers: ["Connection: close"]))
      return (try socket.readResponse(), socket.closedByPeer())
    }
    #expect(response.status == 200)
    #expect(response.headers["connection"] == "close")
    #expect(closed)
    await server.stop()
  }
}
