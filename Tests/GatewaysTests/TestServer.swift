import Foundation
import Gateways

/// A server on ephemeral loopback ports (HTTP, line-JSON TCP, line-JSON Unix) for one test.
struct TestServer: Sendable {
  let server: GatewayServer
  let httpPort: UInt16
  let linePort: UInt16
  let unixPath: String

  /// Starts a server with short test limits, adjusted by `configure`.
  static func start(
    responder: any ChatResponder = EchoResponder(), services: (any SecretaryServices)? = nil,
    metrics: GatewayMetrics = GatewayMetrics(),
    _ configure: (inout ServerConfiguration) -> Void = { _ in }
  ) throws -> TestServer {
    let unixPath = NSTemporaryDirectory() + "biseo-gw-\(UUID().uuidString.prefix(8)).sock"
    var configuration = ServerConfiguration(addresses: [
      ListenAddress(.tcp(host: "127.0.0.1", port: 0), wire: .http),
      ListenAddress(.tcp(host: "127.0.0.1", port: 0), wire: .lines),
      ListenAddress(.unix(path: unixPath), wire: .lines),
    ])
    configuration.headerTimeout = .seconds(2)
    configuration.bodyTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(2)
    configuration.lingerTimeout = .milliseconds(500)
    configure(&configuration)
    let server = GatewayServer(
      configuration: configuration, responder: responder, services: services, metrics: metrics)
    let bound = try server.start()
    func port(_ index: Int) -> UInt16 {
      if case .tcp(_, let port) = bound[index].endpoint { return port }
      return 0
    }
    return TestServer(server: server, httpPort: port(0), linePort: port(1), unixPath: unixPath)
  }

  /// Shuts the server down and waits for it.
  func stop() async {
    server.shutdown(grace: .seconds(1))
    await server.stopped()
  }
}

/// An HTTP/1.1 request as text.
func httpRequest(
  _ method: String, _ path: String, body: String? = nil, headers: [String] = []
) -> String {
  var text = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
  for header in headers { text += header + "\r\n" }
  if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
  return text + "\r\n" + (body ?? "")
}
