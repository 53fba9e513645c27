import Foundation
import Testing

/// `biseo serve` as a process: bound addresses on stdout, a real request, SIGTERM → exit 0.
///
/// Runs when the `biseo` binary sits beside the test bundle (a full `swift test` builds it).
@Suite("biseo serve", .enabled(if: biseoBinary != nil))
struct ServeCommandTests {
  static var binary: URL? { biseoBinary }
}

/// The `biseo` executable beside the test bundle, if it was built.
let biseoBinary: URL? = {
  var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = folder.appendingPathComponent("biseo")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    folder.deleteLastPathComponent()
  }
  return nil
}()

extension ServeCommandTests {
  @Test("serves HTTP and line-JSON on ephemeral ports and exits 0 on SIGTERM")
  func serveAndTerminate() async throws {
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = ["serve", "--echo", "--http", "127.0.0.1:0", "--tcp", ":0", "--grace", "2"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }  // never leave a server behind
    let reader = output.fileHandleForReading
    let lines = try await offThread { () -> [String] in
      var text = ""
      while text.split(separator: "\n").count < 2 {
        let data = reader.availableData
        if data.isEmpty { break }
        text += String(decoding: data, as: UTF8.self)
      }
      return text.split(separator: "\n").map(String.init)
    }
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("http on 127.0.0.1:") == true)
    #expect(lines.last?.hasPrefix("lines on 127.0.0.1:") == true)
    let ports = lines.compactMap { $0.split(separator: ":").last.flatMap { UInt16($0) } }
    try #require(ports.count == 2)
    let (status, reply) = try await offThread {
      let http = try RawSocket(port: ports[0])
      http.send(httpRequest("POST", "/chat", body: #"{"sender":"p","text":"프로세스"}"#))
      let status = try http.readResponse().status
      let line = try RawSocket(port: ports[1])
      line.send(#"{"sender":"p","text":"줄"}"# + "\n")
      return (status, try line.readLine())
    }
    #expect(status == 200)
    #expect(reply.contains("줄"))
    process.terminate()  // SIGTERM
    let exit = try await offThread { () -> Int32 in
      process.waitUntilExit()
      return process.terminationStatus
    }
    #expect(exit == 0)
    #expect(process.terminationReason == .exit)
  }

  @Test("without --echo it serves the secretary, and refuses to start on broken rules")
  func refusesToStartOnBrokenRules() async throws {
    let rules = NSTemporaryDirectory() + "biseo-serve-bad-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
    try Data("rule broken \"깨짐\"\n  when 1 +\n".utf8).write(
      to: URL(fileURLWithPath: rules + "/broken.rule"))
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = ["serve", "--http", "127.0.0.1:0", "--rules", rules]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = try await offThread { () -> String in
      let data = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    #expect(process.terminationStatus == 2)
    #expect(message.contains("broken.rule:"))
    #expect(message.contains("cannot start"))
  }
}
