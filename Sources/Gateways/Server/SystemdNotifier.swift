import Glibc

/// The systemd notification protocol without libsystemd (conventions.md §10): datagrams on
/// the `AF_UNIX` socket named by `$NOTIFY_SOCKET`; a leading `@` means the abstract namespace.
package struct SystemdNotifier: Sendable {
  /// The socket path, or nil when not started by systemd (then `notify` does nothing).
  package let socketPath: String?
  /// Half the watchdog interval systemd asked for (`$WATCHDOG_USEC`) in seconds, if any:
  /// how often a service should send `WATCHDOG=1`.
  package let watchdogInterval: Double?

  /// Creates a notifier for the given environment.
  ///
  /// - Parameter environment: the process environment (`ProcessInfo` in production).
  package init(environment: [String: String]) {
    socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Double.init).map { $0 / 2_000_000 }
  }

  /// Sends `READY=1`, `STOPPING=1`, `STATUS=…` (newline-separated assignments).
  ///
  /// - Parameter state: the assignments.
  /// - Returns: whether a datagram was sent (false without `$NOTIFY_SOCKET` or on error).
  @discardableResult
  package func notify(_ state: String) -> Bool {
    guard let socketPath else { return false }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var path = Array(socketPath.utf8)
    if path.first == UInt8(ascii: "@") { path[0] = 0 }
    guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in path.enumerated() { raw[index] = byte }
    }
    let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
    let bytes = Array(state.utf8)
    let sent = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bytes.withUnsafeBytes {
          sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), socketAddress, length)
        }
      }
    }
    return sent == bytes.count
  }
}
