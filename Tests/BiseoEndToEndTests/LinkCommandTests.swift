import Foundation
import Testing

/// `biseo link` / `biseo unlink` against a running `biseo serve`: without `--demo` no sender
/// id reaches a citizen; a code from the command line links the sender that types it.
@Suite(.serialized) struct LinkCommandTests {
  @Test("a sender id is not a citizen; 인증번호 from `biseo link` links it, `biseo unlink` undoes it")
  func linkOverHTTP() async throws {
    let data = NSTemporaryDirectory() + "biseo-link-e2e-\(UUID().uuidString)"
    let server = try await ServeProcess.start(["--data", data, "--as-of", "2026-03-02"])
    defer { server.stop() }
    func chat(_ sender: String, _ text: String) async throws -> String {
      let body = #"{"sender":"\#(sender)","text":"\#(text)"}"#
      let answer = try await server.request("POST", "/chat", body: body)
      #expect(answer.status == 200)
      return String(decoding: answer.body, as: UTF8.self)
    }
    #expect(try await !chat("c004-choi-minho", "민방위 언제까지야?").contains("최민호"))

    let issued = try await offPool {
      try BiseoProcess.run(["link", "--citizen", "c004-choi-minho", "--data", data, "--json"])
    }
    #expect(issued.status == 0, "\(issued.stderr)")
    let code = try #require(issued.stdout.firstMatch(of: #/"code":"(\d{6})"/#)?.output.1)
    #expect(try await chat("web-7", "인증번호 \(code)").contains("인증되었습니다"))
    #expect(try await chat("web-7", "민방위 언제까지야?").contains("최민호님"))
    let listed = try await offPool {
      try BiseoProcess.run(["link", "--citizen", "c004-choi-minho", "--list", "--data", data])
    }
    #expect(listed.stdout == "chat:web-7\n")

    let unlinked = try await offPool {
      try BiseoProcess.run(["unlink", "--identity", "chat:web-7", "--data", data])
    }
    #expect(unlinked.status == 0, "\(unlinked.stderr)")
    #expect(try await !chat("web-7", "민방위 언제까지야?").contains("최민호"))
    let unknown = try await offPool {
      try BiseoProcess.run(["link", "--citizen", "c004-choi-minh", "--data", data])
    }
    #expect(unknown.status == 2)
  }

  @Test("--demo warns at start")
  func demoWarns() async throws {
    let data = NSTemporaryDirectory() + "biseo-link-e2e-\(UUID().uuidString)"
    let server = try await ServeProcess.start(
      ["--data", data, "--as-of", "2026-03-02", "--demo"], readErrors: true)
    defer { server.stop() }
    let errors = try await offPool { server.readErrors(until: "never serve real citizens") }
    #expect(errors.contains("warning: --demo"))
  }
}
