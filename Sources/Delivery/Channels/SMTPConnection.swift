import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking SMTP conversation over one TCP socket; run it off the cooperative pool.
///
/// Every failure is already classified: socket errors and timeouts are transient, a `4xx` reply
/// is transient, a `5xx` reply is permanent.
struct SMTPConnection: ~Copyable {
  private let fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to `host:port` with send and receive timeouts of `timeout` seconds.
  init(host: String, port: Int, timeout: Double) throws(ChannelError) {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let rc = getaddrinfo(host, String(port), &hints, &list)
    guard rc == 0, let first = list else {
      throw .transient(reason: "cannot resolve '\(host)': \(String(cString: gai_strerror(rc)))")
    }
    defer { freeaddrinfo(list) }
    var lastError: Int32 = 0
    var node: UnsafeMutablePointer<addrinfo>? = first
    while let info = node {
      let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
      if fd >= 0 {
        var tv = timeval(
          tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
          self.fd = fd
          return
        }
        lastError = errno
        close(fd)
      } else {
        lastError = errno
      }
      node = info.pointee.ai_next
    }
    throw .transient(
      reason: "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
  }

  deinit { close(fd) }

  /// Sends raw bytes.
  func write(_ bytes: [UInt8]) throws(ChannelError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        send(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .transient(reason: "smtp send failed: \(String(cString: strerror(errno)))")
      }
      offset += n
    }
  }

  /// Sends one command line (CRLF added) and reads the reply.
  mutating func command(_ line: String) throws(ChannelError) -> (code: Int, text: String) {
    try write(Array((line + "\r\n").utf8))
    return try readReply()
  }

  /// Reads a possibly multi-line reply (`250-…` lines, then `250 …`).
  mutating func readReply() throws(ChannelError) -> (code: Int, text: String) {
    var texts: [String] = []
    while true {
      let line = try readLine()
      guard line.count >= 3, let code = Int(line.prefix(3)) else {
        throw .transient(reason: "smtp: malformed reply '\(line.prefix(80))'")
      }
      texts.append(String(line.dropFirst(4)))
      if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
        return (code, texts.joined(separator: " "))
      }
    }
  }

  private mutating func readLine() throws(ChannelError) -> String {
    while true {
      if let lf = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[..<lf])
        buffer.removeFirst(lf + 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
      }
      if buffer.count > 4096 { throw .transient(reason: "smtp: reply line too long") }
      var chunk = [UInt8](repeating: 0, count: 1024)
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 {
        throw .transient(reason: "smtp receive failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 { throw .transient(reason: "smtp: connection closed by server") }
      buffer += chunk[0..<n]
    }
  }

  /// Throws the classified error unless `reply.code` is one of `expected`.
  static func expect(_ reply: (code: Int, text: String), _ expected: Set<Int>, during step: String)
    throws(ChannelError)
  {
    if expected.contains(reply.code) { return }
    let reason = "smtp \(step): \(reply.code) \(reply.text)"
    switch reply.code {
    case 400..<500: throw .transient(reason: reason)
    case 500..<600: throw .permanent(reason: reason)
    default: throw .permanent(reason: "unexpected reply, " + reason)
    }
  }
}
