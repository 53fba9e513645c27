/// What the parser made of the bytes at the start of a connection's buffer.
package enum HTTPParseResult: Equatable {
  /// A whole request, which used the first `consumed` bytes.
  case complete(HTTPRequest, consumed: Int)
  /// The head is not complete yet (the head deadline applies).
  case needsHead
  /// The head is complete but the body is not; `expectContinue` asks for `100 Continue`.
  case needsBody(expectContinue: Bool)
  /// The bytes can never become an acceptable request: answer `error.status` and close.
  case invalid(HTTPParseError)
}

/// A pure HTTP/1.x request parser: bytes in, a request, "need more" or an error out.
///
/// It keeps no state between calls, so a connection simply calls it again on its whole
/// buffer after each read; heads are capped, so rescanning costs little. The size limits
/// are checked on every call, however the bytes arrived (one `recv` or many).
package struct HTTPParser: Sendable {
  /// Largest head accepted, request line through the blank line (431 beyond).
  package var maxHeadBytes: Int
  /// Largest `Content-Length` accepted (413 beyond).
  package var maxBodyBytes: Int

  /// Creates a parser with the given limits.
  ///
  /// - Parameters:
  ///   - maxHeadBytes: the head limit (8 KiB by default).
  ///   - maxBodyBytes: the body limit (64 KiB by default).
  package init(maxHeadBytes: Int = 8 * 1024, maxBodyBytes: Int = 64 * 1024) {
    self.maxHeadBytes = maxHeadBytes
    self.maxBodyBytes = maxBodyBytes
  }

  /// Parses the request at the start of `bytes`.
  ///
  /// - Parameter bytes: the connection's unconsumed input.
  /// - Returns: the outcome; never traps on any input.
  package func parse(_ bytes: [UInt8]) -> HTTPParseResult {
    bytes.withUnsafeBufferPointer { parse($0) }
  }

  /// Parses the request at the start of `buffer`.
  ///
  /// - Parameter buffer: the connection's unconsumed input.
  /// - Returns: the outcome; never traps on any input.
  package func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> HTTPParseResult {
    var start = 0  // RFC 9112 §2.2: ignore empty lines before the request line
    while start + 1 < buffer.count, buffer[start] == 13, buffer[start + 1] == 10 { start += 2 }
    guard let headEnd = Self.endOfHead(buffer, from: start, limit: maxHeadBytes + 4) else {
      return buffer.count >= maxHeadBytes
        ? .invalid(.headTooLarge(limit: maxHeadBytes)) : .needsHead
    }
    if headEnd > maxHeadBytes { return .invalid(.headTooLarge(limit: maxHeadBytes)) }
    var lines = Self.lines(buffer, from: start, to: headEnd - 4)
    guard !lines.isEmpty else { return .invalid(.malformed("empty request line")) }
    let requestLine = lines.removeFirst()
    let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenByte) else {
      return .invalid(.malformed("malformed request line"))
    }
    let method = String(decoding: parts[0], as: UTF8.self)
    let target = String(decoding: parts[1], as: UTF8.self)
    guard target.first == "/" || (method == "OPTIONS" && target == "*"),
      parts[1].allSatisfy({ $0 > 32 && $0 < 127 })
    else { return .invalid(.malformed("request target must be an absolute path")) }
    let version = String(decoding: parts[2], as: UTF8.self)
    let minor: Int
    switch version {
    case "HTTP/1.1": minor = 1
    case "HTTP/1.0": minor = 0
    default:
      return version.hasPrefix("HTTP/") && version.count == 8
        ? .invalid(.unsupportedVersion(version)) : .invalid(.malformed("malformed HTTP version"))
    }
    var headers: [HTTPHeader] = []
    headers.reserveCapacity(lines.count)
    var contentLength: Int?
    var keepAlive = minor == 1
    var expectContinue = false
    var hasHost = false
    for line in lines {
      if line.contains(where: { $0 == 10 || $0 == 13 || $0 == 0 }) {
        return .invalid(.malformed("bare CR, LF or NUL in a header line"))
      }
      guard let colon = line.firstIndex(of: 58), colon > line.startIndex,
        line[line.startIndex..<colon].allSatisfy(Self.isTokenByte)
      else { return .invalid(.malformed("malformed header line")) }
      let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
      let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
      switch name.lowercased() {
      case "content-length":
        guard !value.isEmpty, value.utf8.count <= 18,
          value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
          let length = Int(value)
        else { return .invalid(.malformed("invalid content-length")) }
        if let contentLength, contentLength != length {
          return .invalid(.malformed("conflicting content-length fields"))
        }
        contentLength = length
      case "transfer-encoding": return .invalid(.transferEncoding)
      case "connection":
        for token in value.lowercased().split(separator: ",") {
          let option = token.trimmingSpaces()
          if option == "close" {
            keepAlive = false
          } else if option == "keep-alive" {
            keepAlive = true
          }
        }
      case "expect": expectContinue = value.lowercased() == "100-continue"
      case "host": hasHost = true
      default: break
      }
      headers.append(HTTPHeader(name, value))
    }
    if minor == 1, !hasHost { return .invalid(.malformed("missing host header")) }
    let length = contentLength ?? 0
    if length > maxBodyBytes { return .invalid(.bodyTooLarge(length: length, limit: maxBodyBytes)) }
    guard buffer.count - headEnd >= length else {
      return .needsBody(expectContinue: expectContinue)
    }
    let body = Array(buffer[headEnd..<(headEnd + length)])
    let request = HTTPRequest(
      method: method, target: target, minorVersion: minor, headers: headers, body: body,
      keepAlive: keepAlive)
    return .complete(request, consumed: headEnd + length)
  }

  /// The index just past `\r\n\r\n`, searching no further than `limit` bytes.
  private static func endOfHead(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int)
    -> Int?
  {
    let end = min(buffer.count, limit)
    var i = start
    while i + 3 < end {
      if buffer[i + 3] != 10 {
        i += buffer[i + 3] == 13 ? 1 : 4
        continue
      }
      if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13 { return i + 4 }
      i += 1
    }
    return nil
  }

  /// The CRLF-separated lines of the head; obsolete line folding is rejected by the token check.
  private static func lines(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> [Slice<UnsafeBufferPointer<UInt8>>]
  {
    var result: [Slice<UnsafeBufferPointer<UInt8>>] = []
    var lineStart = start
    var i = start
    while i < end {
      if buffer[i] == 13, i + 1 < end + 2, buffer[i + 1] == 10 {
        result.append(buffer[lineStart..<i])
        i += 2
        lineStart = i
      } else {
        i += 1
      }
    }
    result.append(buffer[lineStart..<end])
    return result
  }

  private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>)
    -> Slice<UnsafeBufferPointer<UInt8>>
  {
    var lower = bytes.startIndex
    var upper = bytes.endIndex
    while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 { lower += 1 }
    while upper > lower, bytes[upper - 1] == 32 || bytes[upper - 1] == 9 { upper -= 1 }
    return bytes[lower..<upper]
  }

  /// RFC 9110 `tchar`.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 48...57, 65...90, 97...122: true
    case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
    default: false
    }
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> Substring {
    var result = self
    while result.first == " " || result.first == "\t" { result.removeFirst() }
    while result.last == " " || result.last == "\t" { result.removeLast() }
    return result
  }
}
