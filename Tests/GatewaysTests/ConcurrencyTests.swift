import Foundation
import Gateways
import Testing

/// A responder that suspends before answering, so replies come back from the cooperative
/// pool through the loop's queue (the path real responders with I/O take).
struct SuspendingResponder: ChatResponder {
  func respond(to request: ChatRequest) async -> ChatReply {
    try? await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
    return ChatReply(texts: ["\(request.sessionKey) \(request.text)"])
  }
}

@Suite("Concurrency")
struct ConcurrencyTests {
  @Test("replies from suspending responders reach the right connection, in order, on two loops")
  func manyConnections() async throws {
    let server = try TestServer.start(responder: SuspendingResponder()) { $0.loopCount = 2 }
    let port = server.httpPort
    let linePort = server.linePort
    let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
      for client in 0..<16 {
        group.addTask {
          try await offThread {
            var wrong = 0
            if client % 2 == 0 {
              let socket = try RawSocket(port: port)
              // Pipelined in batches of 5, so ordering across suspensions is exercised.
              for batch in 0..<4 {
                let texts = (0..<5).map { "m\(batch * 5 + $0)" }
                socket.send(
                  texts.map {
                    httpRequest("POST", "/chat", body: #"{"sender":"c\#(client)","text":"\#($0)"}"#)
                  }.joined())
                for text in texts {
                  let body = try socket.readResponse().text
                  if !body.contains(#""chat:c\#(client) \#(text)""#) { wrong += 1 }
                }
              }
            } else {
              let socket = try RawSocket(port: linePort)
              let texts = (0..<20).map { "l\($0)" }
              socket.send(
                texts.map { #"{"sender":"c\#(client)","text":"\#($0)"}"# + "\n" }.joined())
              for text in texts where !(try socket.readLine()).contains(#"c\#(client) \#(text)""#) {
                wrong += 1
              }
            }
            return wrong
          }
        }
      }
      return try await group.reduce(0, +)
    }
    #expect(mismatches == 0)
    #expect(server.server.metrics.requests(endpoint: "chat", status: 200) == 160)
    #expect(server.server.metrics.requests(endpoint: "line", status: 200) == 160)
    await server.stop()
  }
}
