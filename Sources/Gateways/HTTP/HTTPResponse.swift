/// An HTTP response before framing: status, fields and body.
///
/// The connection adds `Content-Length` and `Connection` when it serializes.
package struct HTTPResponse: Sendable, Equatable {
  /// The status code.
  package var status: Int
  /// Header fields other than `Content-Length` and `Connection`.
  package var headers: [HTTPHeader]
  /// The body bytes.
  package var body: [UInt8]

  /// Creates a response.
  ///
  /// - Parameters:
  ///   - status: the status code.
  ///   - headers: fields other than framing ones.
  ///   - body: the body.
  package init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A JSON response with `application/json; charset=utf-8`.
  ///
  /// - Parameters:
  ///   - status: the status code.
  ///   - body: encoded JSON.
  /// - Returns: the response.
  package static func json(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: [HTTPHeader("Content-Type", "application/json; charset=utf-8")],
      body: body)
  }

  /// A JSON error body `{"error": message}` with the given status.
  ///
  /// - Parameters:
  ///   - status: the status code.
  ///   - message: what went wrong, lowercase.
  /// - Returns: the response.
  package static func error(_ status: Int, _ message: String) -> HTTPResponse {
    json(status, JSONBody.encode(["error": .string(message)]))
  }

  /// The response as bytes on the wire.
  ///
  /// - Parameters:
  ///   - keepAlive: whether the connection stays open (otherwise `Connection: close`).
  ///   - minorVersion: the request's HTTP minor version; HTTP/1.0 keep-alive is announced.
  ///   - headOnly: omit the body (a `HEAD` request).
  /// - Returns: status line, fields, blank line and body.
  package func serialized(keepAlive: Bool, minorVersion: Int = 1, headOnly: Bool = false)
    -> [UInt8]
  {
    var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
    for header in headers { head += "\(header.name): \(header.value)\r\n" }
    head += "Content-Length: \(body.count)\r\n"
    if !keepAlive {
      head += "Connection: close\r\n"
    } else if minorVersion == 0 {
      head += "Connection: keep-alive\r\n"
    }
    head += "\r\n"
    var bytes = Array(head.utf8)
    if !headOnly { bytes.append(contentsOf: body) }
    return bytes
  }

  /// The reason phrase for the status codes this server sends.
  ///
  /// - Parameter status: a status code.
  /// - Returns: its phrase, or `Unknown`.
  package static func reason(_ status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 413: "Content Too Large"
    case 415: "Unsupported Media Type"
    case 422: "Unprocessable Content"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 503: "Service Unavailable"
    case 505: "HTTP Version Not Supported"
    default: "Unknown"
    }
  }
}
