import Foundation
import Testing

/// The progress line of long runs: on a terminal only, never in a pipe, silenced by --quiet.
@Suite(.ownThreads) struct ProgressLineTests {
  /// `arguments` run under `script`, which gives them a terminal; what the terminal showed.
  static func onTerminal(_ arguments: [String]) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
    let command =
      ([try BiseoProcess.executable().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
      + " > /dev/null"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    process.currentDirectoryURL = BiseoProcess.repositoryRoot
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  static func population() throws -> String {
    let path = NSTemporaryDirectory() + "progress-\(UUID().uuidString).jsonl"
    try String(decoding: try DiffCommandTests.population(), as: UTF8.self)
      .write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("evaluate and diff draw the line on a terminal and erase it; --quiet draws none")
  func terminal() throws {
    let path = try Self.population()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let evaluate = ["evaluate", "--population", path, "--as-of", "2026-12-07"]
    guard let shown = try Self.onTerminal(evaluate) else { return }
    #expect(shown.contains("16 citizens"), "\(shown)")
    #expect(shown.contains("100%"), "\(shown)")
    // Erased at the end, so the report that follows starts clean.
    #expect(shown.hasSuffix("\r\u{1B}[K"), "\(shown)")
    let quiet = try Self.onTerminal(evaluate + ["--quiet"]) ?? ""
    #expect(!quiet.contains("citizens"), "\(quiet)")
    let diff =
      try Self.onTerminal([
        "diff", "--reform", "Rules", "--population", path, "--as-of", "2026-12-07",
      ]) ?? ""
    #expect(diff.contains("16 citizens · "), "\(diff)")
  }

  @Test("nothing on stderr when it is a pipe")
  func pipe() throws {
    let r = try BiseoProcess.run(
      ["evaluate", "--population", "-", "--as-of", "2026-12-07"],
      stdin: try DiffCommandTests.population())
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }
}
