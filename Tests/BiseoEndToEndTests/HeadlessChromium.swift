import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// commands in on fd 3, replies and events out on fd 4, each a JSON text ended by a NUL).
///
/// A pipe needs no port and no WebSocket client: the child gets the two descriptors and
/// nothing else of the test process (`closefrom`), so no other test's pipe stays open in it.
/// Every call blocks: use it from a suite on `.ownThreads`. Every wait is bounded, so a hung
/// browser fails the test instead of hanging the run.
///
/// Unchecked Sendable: one test drives one browser from one task at a time.
final class HeadlessChromium: @unchecked Sendable {
  /// Why a call failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  private let pid: pid_t
  private let commands: Int32
  private let replies: Int32
  private var buffer: [UInt8] = []
  private var nextID = 0
  private var events: [[String: Any]] = []
  /// The attached page's session.
  private var session = ""
  private var running = true
  /// The browser's profile folder: `localStorage` lives here across page loads.
  let profile: String

  /// Starts the browser with an empty page attached.
  init(executable: String) throws {
    profile = NSTemporaryDirectory() + "biseo-chromium-\(UUID().uuidString)"
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure(description: "pipe failed") }
    for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, input[0], 3)
    posix_spawn_file_actions_adddup2(&actions, output[1], 4)
    // glibc's closefrom action (2.34+) is not in Swift's Glibc module: looked up by name.
    if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
      typealias CloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32)
        -> Int32
      _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 5)
    }
    let arguments = [
      executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--remote-debugging-pipe",
      "--user-data-dir=\(profile)", "--lang=ko-KR", "about:blank",
    ]
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
    close(input[0])
    close(output[1])
    guard status == 0 else {
      close(input[1])
      close(output[0])
      throw Failure(description: "posix_spawn \(executable) failed: \(status)")
    }
    pid = child
    commands = input[1]
    replies = output[0]
    let targets = try call("Target.getTargets", browser: true)
    guard
      let infos = targets["targetInfos"] as? [[String: Any]],
      let page = infos.first(where: { $0["type"] as? String == "page" }),
      let target = page["targetId"] as? String
    else { throw Failure(description: "no page target: \(targets)") }
    let attached = try call(
      "Target.attachToTarget", ["targetId": target, "flatten": true], browser: true)
    session = attached["sessionId"] as? String ?? ""
    _ = try call("Page.enable")
  }

  deinit { quit() }

  /// Closes the browser and removes its profile.
  func quit() {
    guard running else { return }
    running = false
    kill(pid, SIGTERM)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(commands)
    close(replies)
    try? FileManager.default.removeItem(atPath: profile)
  }

  /// Sends a command to the page (or to the browser itself) and waits for its result.
  @discardableResult
  func call(_ method: String, _ params: [String: Any] = [:], browser: Bool = false) throws
    -> [String: Any]
  {
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": params]
    if !browser { message["sessionId"] = session }
    var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
    bytes.append(0)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
      guard n > 0 else { throw Failure(description: "write to the browser failed") }
      sent += n
    }
    while true {
      let reply = try nextMessage(seconds: 60)
      guard reply["id"] as? Int == id else {
        if reply["method"] != nil { events.append(reply) }
        continue
      }
      if let error = reply["error"] { throw Failure(description: "\(method): \(error)") }
      return reply["result"] as? [String: Any] ?? [:]
    }
  }

  /// Waits for an event of the page (already received or still to come) and removes it.
  func event(_ method: String, seconds: Int = 60) throws -> [String: Any] {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while true {
      if let index = events.firstIndex(where: { $0["method"] as? String == method }) {
        return events.remove(at: index)["params"] as? [String: Any] ?? [:]
      }
      guard ContinuousClock.now < deadline else {
        throw Failure(description: "no \(method) within \(seconds) s")
      }
      let message = try nextMessage(seconds: seconds)
      if message["method"] != nil { events.append(message) }
    }
  }

  /// Evaluates JavaScript in the page (promises awaited) and returns its value.
  @discardableResult
  func evaluate(_ expression: String) throws -> Any? {
    let result = try call(
      "Runtime.evaluate",
      ["expression": expression, "awaitPromise": true, "returnByValue": true])
    if let thrown = result["exceptionDetails"] {
      throw Failure(description: "\(expression.prefix(80))… threw \(thrown)")
    }
    return (result["result"] as? [String: Any])?["value"]
  }

  /// Polls a JavaScript condition until it is true, for at most `seconds`.
  func wait(until condition: String, seconds: Int = 60) throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      // A document still loading may not have the elements yet: not true, not an error.
      if try evaluate(
        "(() => { try { return Boolean(\(condition)); } catch (e) { return false; } })()")
        as? Bool == true
      {
        return
      }
      usleep(100_000)
    }
    let page = (try? evaluate("document.body.innerText")) as? String ?? ""
    throw Failure(description: "not true within \(seconds) s: \(condition)\npage: \(page)")
  }

  /// Opens a URL and waits until it has loaded.
  ///
  /// The old document is marked first, so no check can read it after the navigation.
  func open(_ url: String) throws {
    try evaluate("window.biseoTestOldDocument = true")
    try call("Page.navigate", ["url": url])
    try wait(until: "!window.biseoTestOldDocument && document.readyState === 'complete'")
  }

  /// Sets the viewport in CSS pixels (a phone's when narrow).
  func viewport(width: Int, height: Int) throws {
    try call(
      "Emulation.setDeviceMetricsOverride",
      ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600])
  }

  /// Emulates the light or the dark colour scheme.
  func colorScheme(_ scheme: String) throws {
    try call(
      "Emulation.setEmulatedMedia",
      ["features": [["name": "prefers-color-scheme", "value": scheme]]])
  }

  /// Saves a PNG of the viewport.
  func screenshot(to path: String) throws {
    let shot = try call("Page.captureScreenshot", ["format": "png"])
    guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else {
      throw Failure(description: "no screenshot data")
    }
    try data.write(to: URL(fileURLWithPath: path))
  }

  /// Types text into the focused element, as an IME commits it.
  func type(_ text: String) throws { try call("Input.insertText", ["text": text]) }

  /// Presses a key (`Enter`, `Tab`), with Shift when asked.
  func press(_ key: String, shift: Bool = false) throws {
    let codes = ["Enter": 13, "Tab": 9, " ": 32]
    var event: [String: Any] = [
      "key": key, "code": key == " " ? "Space" : key, "windowsVirtualKeyCode": codes[key] ?? 0,
      "modifiers": shift ? 8 : 0,
    ]
    if key == "Enter" { event["text"] = "\r" }
    try call("Input.dispatchKeyEvent", event.merging(["type": "keyDown"]) { $1 })
    try call("Input.dispatchKeyEvent", event.merging(["type": "keyUp"]) { $1 })
  }

  /// Clicks with the mouse at the centre of the first element matching a selector.
  func click(_ selector: String) throws {
    let escaped = selector.replacingOccurrences(of: "'", with: "\\'")
    guard
      let box = try evaluate(
        """
        (() => { const e = document.querySelector('\(escaped)'); e.scrollIntoView();
          const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()
        """) as? [Double], box.count == 2
    else { throw Failure(description: "nothing to click at \(selector)") }
    for type in ["mousePressed", "mouseReleased"] {
      try call(
        "Input.dispatchMouseEvent",
        ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
    }
  }

  private func nextMessage(seconds: Int) throws -> [String: Any] {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while true {
      if let end = buffer.firstIndex(of: 0) {
        let message = Array(buffer[..<end])
        buffer.removeSubrange(...end)
        guard let object = try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any]
        else { throw Failure(description: "not a JSON object from the browser") }
        return object
      }
      guard ContinuousClock.now < deadline else {
        throw Failure(description: "the browser said nothing for \(seconds) s")
      }
      var ready = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 500) >= 0 else { throw Failure(description: "poll failed") }
      if ready.revents == 0 { continue }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let n = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
      guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
      buffer.append(contentsOf: chunk[..<n])
    }
  }
}
