import Glibc

/// Why a gateway server could not start or keep running.
package enum GatewayError: Error, Equatable, CustomStringConvertible {
  /// An address on the command line is not `HOST:PORT`.
  case invalidAddress(String)
  /// A host is not a numeric IPv4/IPv6 address or `localhost`.
  case unresolvableHost(String)
  /// A Unix socket path is longer than `sun_path` allows.
  case socketPathTooLong(String)
  /// The path exists and is not a socket; it is never removed.
  case pathInUse(String)
  /// A system call failed: what was attempted and `errno`.
  case system(String, Int32)

  /// The message for logs and error bodies.
  package var description: String {
    switch self {
    case .invalidAddress(let text): "'\(text)' is not HOST:PORT (e.g. 127.0.0.1:8080)"
    case .unresolvableHost(let host):
      "host '\(host)' must be a numeric address or 'localhost'"
    case .socketPathTooLong(let path): "unix socket path '\(path)' is too long"
    case .pathInUse(let path): "'\(path)' exists and is not a socket"
    case .system(let what, let code): "\(what) failed: \(String(cString: strerror(code)))"
    }
  }
}
