import Foundation
import Glibc

/// A blocking loopback client for abuse tests: raw bytes out, raw bytes in, with a receive
/// timeout so a broken server fails the test instead of hanging it. The default timeout is
/// long (60 s) because in the full suite CPU-heavy tests can starve the cooperative pool that
/// suspending responders continue on; a passing test never waits for it.
// Used by one thread at a time (handed between threads only between calls).
final class RawSocket: @unchecked Sendable {
  struct Response {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  enum Failure: Error {
    case connect(Int32)
    case closed, timeout
    case malformed(String)
  }

  let fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to 127.0.0.1:`port`.
  init(port: UInt16, timeout: Double = 60) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw Failure.connect(errno)
    }
    setTimeout(timeout)
  }

  /// Connects to a Unix socket.
  init(unixPath: String, timeout: Double = 60) throws {
    fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in unixPath.utf8.enumerated() { raw[index] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw Failure.connect(errno)
    }
    setTimeout(timeout)
  }

  deinit { close(fd) }

  func setTimeout(_ seconds: Double) {
    var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sends every byte (or stops quietly when the server has closed).
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        let rest = UnsafeRawBufferPointer(rebasing: $0[offset...])
        return Glibc.send(fd, rest.baseAddress, rest.count, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }

  @discardableResult
  func send(_ text: String) -> Bool { send(Array(text.utf8)) }

  /// Reads more into the buffer; false at end of stream, throws on timeout.
  private func fill() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if count > 0 {
      buffer.append(contentsOf: chunk[0..<count])
      return true
    }
    if count == 0 || errno == ECONNRESET { return false }
    throw Failure.timeout
  }

  /// Reads one HTTP response (Content-Length framed; no body after a HEAD request).
  func readResponse(headOnly: Bool = false) throws -> Response {
    while true {
      if let end = buffer.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
          throw Failure.malformed(head)
        }
        var headers: [String: String] = [:]
        for line in lines {
          guard let colon = line.firstIndex(of: ":") else { continue }
          headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
            .trimmingCharacters(in: .whitespaces)
        }
        let length = headOnly ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < end + length {
          guard try fill() else { throw Failure.closed }
        }
        let body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        return Response(status: status, headers: headers, body: body)
      }
      guard try fill() else { throw Failure.closed }
    }
  }

  /// Reads one `\n`-terminated line (without the newline).
  func readLine() throws -> String {
    while true {
      if let newline = buffer.firstIndex(of: 10) {
        let line = String(decoding: buffer[0..<newline], as: UTF8.self)
        buffer.removeFirst(newline + 1)
        return line
      }
      guard try fill() else { throw Failure.closed }
    }
  }

  /// Whether the server closes the connection within the receive timeout (any unread
  /// response bytes are discarded).
  func closedByPeer() -> Bool {
    do {
      while try fill() {}
      return true
    } catch {
      return false
    }
  }
}

/// Runs blocking socket code on its own thread, so the cooperative pool stays free for the
/// server's responder tasks.
func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      do { continuation.resume(returning: try body()) } catch {
        continuation.resume(throwing: error)
      }
    }
    thread.start()
  }
}
