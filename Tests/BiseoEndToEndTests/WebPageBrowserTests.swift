import Foundation
import Testing

/// The chat page driven in a real browser.
///
/// Headless Chromium (Debian's `chromium`, installed
/// by `.ci/run`) opens `GET /` on a running `biseo serve`, asks a question through the page's
/// own script, and the secretary's answer and buttons appear in the page. A screenshot is
/// saved as an artifact (`$BISEO_ARTIFACTS`, else the temporary folder).
@Suite(.ownThreads) struct WebPageBrowserTests {
  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(
    "헤드리스 Chromium으로 채팅 페이지에서 대화한다",
    .enabled(if: chromium != nil, "skipped: chromium is not installed (apt-get install chromium)"))
  func browserConversation() async throws {
    let chromium = try #require(Self.chromium)
    let data = NSTemporaryDirectory() + "biseo-web-\(UUID().uuidString)"
    let server = try await ServeProcess.start(["--data", data, "--as-of", "2026-03-02", "--demo"])
    defer { server.stop() }
    let question = "민방위 언제까지야?".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let url = "http://127.0.0.1:\(server.port)/?citizen=c004-choi-minho&q=\(question)"
    let flags = [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
      "--virtual-time-budget=15000",
    ]
    // Chromium runs for seconds: on a thread of its own, off the cooperative pool.
    let dom = try await offPool { try Self.run(chromium, flags + ["--dump-dom", url]) }
    #expect(dom.contains("최민호님은 올해 민방위 4년차입니다"), "\(dom.suffix(800))")
    #expect(dom.contains(">왜?</button>"))
    let folder = ProcessInfo.processInfo.environment["BISEO_ARTIFACTS"] ?? NSTemporaryDirectory()
    let shot = (folder as NSString).appendingPathComponent("web-chat.png")
    _ = try await offPool { try Self.run(chromium, flags + ["--screenshot=\(shot)", url]) }
    #expect(FileManager.default.fileExists(atPath: shot))
    print("webChat: screenshot at \(shot)")
  }

  private static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
