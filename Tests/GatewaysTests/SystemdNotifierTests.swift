import Foundation
import Gateways
import Glibc
import Testing

@Suite("systemd notification")
struct SystemdNotifierTests {
  @Test("without NOTIFY_SOCKET nothing is sent")
  func absent() {
    #expect(!SystemdNotifier(environment: [:]).notify("READY=1"))
  }

  @Test("READY=1 arrives as one datagram on a path socket and on an abstract socket")
  func delivers() throws {
    let path = NSTemporaryDirectory() + "biseo-notify-\(UUID().uuidString.prefix(8)).sock"
    for name in [path, "@biseo-notify-\(UUID().uuidString.prefix(8))"] {
      let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
      defer { close(fd) }
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      var bytes = Array(name.utf8)
      if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in bytes.enumerated() { raw[index] = byte }
      }
      let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
      }
      try #require(bound == 0)
      #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": name]).notify("READY=1\nSTATUS=ok"))
      var buffer = [UInt8](repeating: 0, count: 256)
      let count = buffer.withUnsafeMutableBytes {
        recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      #expect(
        count > 0
          && String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "READY=1\nSTATUS=ok")
    }
    unlink(path)
  }
}
