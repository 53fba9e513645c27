import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// sd_notify without libsystemd: one datagram to `$NOTIFY_SOCKET` per state change
/// (`READY=1`, `STOPPING=1`, `WATCHDOG=1`, `STATUS=…`). Does nothing outside systemd.
struct SystemdNotifier: Sendable {
  let socketPath: String?
  /// Half the watchdog interval systemd asked for (`$WATCHDOG_USEC`), if any.
  let watchdogInterval: Double?

  init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Double.init).map { $0 / 2_000_000 }
  }

  func notify(_ state: String) {
    guard let socketPath else { return }
    let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    // An '@' names an abstract socket: a leading NUL byte in sun_path.
    var path = Array(socketPath.utf8)
    if path.first == UInt8(ascii: "@") { path[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard path.count < capacity else { return }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in path.enumerated() { raw[i] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
    let message = Array(state.utf8)
    _ = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
        message.withUnsafeBytes {
          sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sa, length)
        }
      }
    }
  }
}
