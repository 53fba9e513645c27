/// One header line: the name as sent and the value with surrounding whitespace removed.
package struct HTTPHeader: Sendable, Equatable {
  /// The field name, case as sent (compare case-insensitively).
  package var name: String
  /// The field value.
  package var value: String

  /// Creates a header.
  ///
  /// - Parameters:
  ///   - name: the field name.
  ///   - value: the field value.
  package init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// A complete HTTP/1.x request: head fields and the `Content-Length` body.
package struct HTTPRequest: Sendable, Equatable {
  /// The method token (`GET`, `POST`, …), case-sensitive as RFC 9110 says.
  package var method: String
  /// The request target as sent (`/chat?x=1`).
  package var target: String
  /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  package var minorVersion: Int
  /// The header fields in order.
  package var headers: [HTTPHeader]
  /// The body (empty without `Content-Length`).
  package var body: [UInt8]
  /// Whether the connection stays open after the answer (version default + `Connection`).
  package var keepAlive: Bool

  /// Creates a request.
  ///
  /// - Parameters:
  ///   - method: the method.
  ///   - target: the request target.
  ///   - minorVersion: 0 or 1.
  ///   - headers: the header fields.
  ///   - body: the body bytes.
  ///   - keepAlive: whether the connection persists.
  package init(
    method: String, target: String, minorVersion: Int = 1, headers: [HTTPHeader] = [],
    body: [UInt8] = [], keepAlive: Bool = true
  ) {
    self.method = method
    self.target = target
    self.minorVersion = minorVersion
    self.headers = headers
    self.body = body
    self.keepAlive = keepAlive
  }

  /// The target without its query string, the key for routing.
  package var path: String {
    guard let question = target.firstIndex(of: "?") else { return target }
    return String(target[..<question])
  }

  /// The first value of a header, matched case-insensitively.
  ///
  /// - Parameter name: the field name.
  /// - Returns: its value, or nil when absent.
  package func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}
