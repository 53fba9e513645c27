import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A running `biseo serve` on an ephemeral loopback port, stopped with SIGTERM.
///
/// Unchecked Sendable: after `init` only `stop()` mutates, through `Process`, which is
/// thread-safe for `terminate` and `waitUntilExit`.
final class ServeProcess: @unchecked Sendable {
  let process = Process()
  let port: Int
  /// stderr, when the caller asked to read it.
  let errors: Pipe?

  /// Starts `biseo serve --http 127.0.0.1:0 ARGUMENTS` in the repository root, off the
  /// cooperative pool, and waits for the bound address it prints once ready.
  static func start(
    _ arguments: [String], environment: [String: String] = [:], readErrors: Bool = false,
    http: String = "127.0.0.1:0"
  ) async throws -> ServeProcess {
    try await offPool {
      try ServeProcess(arguments, environment: environment, readErrors: readErrors, http: http)
    }
  }

  /// Starts `biseo serve --http 127.0.0.1:0 ARGUMENTS` in the repository root and waits for
  /// the bound address it prints once ready (blocking); `http` names another address (the
  /// same port again, for a restart).
  init(
    _ arguments: [String], environment: [String: String] = [:], readErrors: Bool = false,
    http: String = "127.0.0.1:0"
  ) throws {
    process.executableURL = try BiseoProcess.executable()
    process.arguments = ["serve", "--http", http] + arguments
    process.currentDirectoryURL = BiseoProcess.repositoryRoot
    var merged = ProcessInfo.processInfo.environment
    for name in ["BISEO_ADMIN_TOKEN", "BISEO_NUGU_API_KEY"] { merged[name] = nil }
    merged.merge(environment) { $1 }
    process.environment = merged
    let output = Pipe()
    process.standardOutput = output
    errors = readErrors ? Pipe() : nil
    process.standardError = errors ?? FileHandle.nullDevice
    try process.run()
    var printed = ""
    while !printed.contains("\n") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      printed += String(decoding: chunk, as: UTF8.self)
    }
    guard let line = printed.split(separator: "\n").first, line.hasPrefix("http on "),
      let port = line.split(separator: ":").last.flatMap({ Int($0) })
    else {
      process.terminate()
      throw CocoaError(
        .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve printed '\(printed)'"])
    }
    self.port = port
  }

  deinit { stop() }

  /// Reads stderr until `text` has appeared, or for at most `seconds`; returns everything read.
  ///
  /// Bounded, so a signal the server missed fails the test instead of hanging the run.
  func readErrors(until text: String, seconds: Int = 60) -> String {
    guard let errors else { return "" }
    let handle = errors.fileHandleForReading
    let deadline = ContinuousClock.now + .seconds(seconds)
    var read = ""
    while !read.contains(text), ContinuousClock.now < deadline {
      var ready = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 200) >= 0 else { break }
      if ready.revents == 0 { continue }
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      read += String(decoding: chunk, as: UTF8.self)
    }
    return read
  }

  /// SIGTERM, then waits for the exit.
  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  /// One request; returns the status, the headers (lowercased names) and the body.
  func request(
    _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]
  ) async throws -> (status: Int, headers: [String: String], body: Data) {
    guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
      throw URLError(.badURL)
    }
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body.map { Data($0.utf8) }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var fields: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] {
      fields["\(name)".lowercased()] = "\(value)"
    }
    return (http?.statusCode ?? 0, fields, data)
  }
}

/// Python test peers: whether `python3` can import a module, and running a script.
enum PythonPeer {
  static func has(_ module: String) -> Bool {
    (try? run("import \(module)", arguments: []).status) == 0
  }

  static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    python.standardOutput = output
    python.standardError = output
    try python.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    python.waitUntilExit()
    return (python.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
