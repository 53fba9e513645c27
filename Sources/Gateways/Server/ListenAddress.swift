import Glibc

/// Where a server listens: a TCP host and port, or a Unix socket path, with its protocol.
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
  /// The wire protocol spoken on the socket.
  package enum Wire: String, Sendable {
    /// HTTP/1.1 with every endpoint.
    case http
    /// Line-JSON: one native request object per line, one reply per line.
    case lines
  }

  /// The socket family and address.
  package enum Endpoint: Sendable, Equatable {
    /// TCP on a numeric IPv4 or IPv6 host; port 0 picks an ephemeral port.
    case tcp(host: String, port: UInt16)
    /// A Unix stream socket at a path.
    case unix(path: String)
  }

  /// The socket.
  package var endpoint: Endpoint
  /// The protocol on it.
  package var wire: Wire

  /// Creates an address.
  ///
  /// - Parameters:
  ///   - endpoint: the socket.
  ///   - wire: the protocol.
  package init(_ endpoint: Endpoint, wire: Wire) {
    self.endpoint = endpoint
    self.wire = wire
  }

  /// Parses `HOST:PORT`, `[IPV6]:PORT` or `:PORT` / `PORT` (loopback); `localhost` means 127.0.0.1.
  ///
  /// - Parameters:
  ///   - text: the command-line value.
  ///   - wire: the protocol.
  /// - Returns: the address.
  /// - Throws: `GatewayError.invalidAddress`.
  package static func tcp(_ text: String, wire: Wire) throws(GatewayError) -> ListenAddress {
    var host = "127.0.0.1"
    var portText = Substring(text)
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
      host = String(text[text.index(after: text.startIndex)..<close])
      portText = text[text.index(after: close)...]
      guard portText.first == ":" else { throw .invalidAddress(text) }
      portText = portText.dropFirst()
    } else if let colon = text.lastIndex(of: ":") {
      if colon != text.startIndex { host = String(text[..<colon]) }
      portText = text[text.index(after: colon)...]
    }
    if host == "localhost" { host = "127.0.0.1" }
    guard let port = UInt16(portText) else { throw .invalidAddress(text) }
    return ListenAddress(.tcp(host: host, port: port), wire: wire)
  }

  /// How `biseo serve` reports it: `http on 127.0.0.1:8080`, `lines on unix:/run/biseo.sock`.
  package var description: String {
    switch endpoint {
    case .tcp(let host, let port):
      "\(wire.rawValue) on \(host.contains(":") ? "[\(host)]" : host):\(port)"
    case .unix(let path): "\(wire.rawValue) on unix:\(path)"
    }
  }
}

/// A bound, listening, non-blocking socket.
struct Listener: Sendable {
  let descriptor: Int32
  let address: ListenAddress

  /// Binds and listens; the returned address carries the real port when port 0 was asked.
  init(_ requested: ListenAddress, backlog: Int32) throws(GatewayError) {
    let fd: Int32
    var bound = requested
    switch requested.endpoint {
    case .tcp(let host, let port):
      var storage = sockaddr_storage()
      let length = try Self.fill(&storage, host: host, port: port)
      fd = socket(Int32(storage.ss_family), Int32(SOCK_STREAM.rawValue) | Self.flags, 0)
      guard fd >= 0 else { throw .system("socket", errno) }
      var one: Int32 = 1
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
      let result = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
      }
      guard result == 0 else { throw Self.fail(fd, "bind \(requested)") }
      var actual = sockaddr_storage()
      var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
      _ = withUnsafeMutablePointer(to: &actual) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
      }
      let boundPort = withUnsafePointer(to: &actual) { pointer -> UInt16 in
        pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin_port)
        }
      }  // sin_port and sin6_port share their offset
      bound.endpoint = .tcp(host: host, port: boundPort)
    case .unix(let path):
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      let capacity = MemoryLayout.size(ofValue: address.sun_path)
      guard path.utf8.count < capacity else { throw .socketPathTooLong(path) }
      var info = stat()
      if lstat(path, &info) == 0 {
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .pathInUse(path) }
        unlink(path)  // a stale socket from an earlier run
      }
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
      }
      fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Self.flags, 0)
      guard fd >= 0 else { throw .system("socket", errno) }
      let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      guard result == 0 else { throw Self.fail(fd, "bind \(requested)") }
    }
    guard listen(fd, backlog) == 0 else { throw Self.fail(fd, "listen \(requested)") }
    descriptor = fd
    address = bound
  }

  /// Closes the socket and removes a Unix socket file.
  func close() {
    Glibc.close(descriptor)
    if case .unix(let path) = address.endpoint { unlink(path) }
  }

  private static let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)

  private static func fail(_ fd: Int32, _ what: String) -> GatewayError {
    let code = errno
    Glibc.close(fd)
    return .system(what, code)
  }

  private static func fill(_ storage: inout sockaddr_storage, host: String, port: UInt16)
    throws(GatewayError) -> socklen_t
  {
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = port.bigEndian
      withUnsafeMutableBytes(of: &storage) { raw in
        withUnsafeBytes(of: v4) { raw.copyMemory(from: $0) }
      }
      return socklen_t(MemoryLayout<sockaddr_in>.size)
    }
    var v6 = sockaddr_in6()
    if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
      v6.sin6_family = sa_family_t(AF_INET6)
      v6.sin6_port = port.bigEndian
      withUnsafeMutableBytes(of: &storage) { raw in
        withUnsafeBytes(of: v6) { raw.copyMemory(from: $0) }
      }
      return socklen_t(MemoryLayout<sockaddr_in6>.size)
    }
    throw .unresolvableHost(host)
  }
}
