/// Why bytes on an HTTP connection are not an acceptable request; each maps to a status.
package enum HTTPParseError: Error, Equatable, CustomStringConvertible {
  /// The head (request line + fields) exceeds the limit, or never ends within it: 431.
  case headTooLarge(limit: Int)
  /// `Content-Length` exceeds the body limit: 413.
  case bodyTooLarge(length: Int, limit: Int)
  /// The bytes break HTTP/1.1 syntax: 400.
  case malformed(String)
  /// A version other than HTTP/1.0 and HTTP/1.1: 505.
  case unsupportedVersion(String)
  /// `Transfer-Encoding` (chunked bodies) is not implemented: 501.
  case transferEncoding

  /// The status code sent for this error before the connection is closed.
  package var status: Int {
    switch self {
    case .headTooLarge: 431
    case .bodyTooLarge: 413
    case .malformed: 400
    case .unsupportedVersion: 505
    case .transferEncoding: 501
    }
  }

  /// The message for logs and error bodies.
  package var description: String {
    switch self {
    case .headTooLarge(let limit): "request head exceeds \(limit) bytes"
    case .bodyTooLarge(let length, let limit): "body of \(length) bytes exceeds \(limit) bytes"
    case .malformed(let why): why
    case .unsupportedVersion(let version): "unsupported protocol version '\(version)'"
    case .transferEncoding: "transfer-encoding is not supported; send content-length"
    }
  }
}
