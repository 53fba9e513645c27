import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The HTTP response fields a webhook needs.
public struct HTTPReply: Sendable, Equatable {
  /// The status code.
  public var status: Int
  /// Header values by lowercase name.
  public var headers: [String: String]

  /// Creates a reply.
  public init(status: Int, headers: [String: String] = [:]) {
    self.status = status
    self.headers = headers
  }
}

/// Sends one HTTP POST; injected so webhook classification is testable without a network.
public protocol HTTPTransport: Sendable {
  /// Posts `body` to `url` with `headers`, giving up after `timeout` seconds.
  ///
  /// - Throws: any error for a network failure (refused, reset, timeout); the webhook treats
  ///   every thrown error as transient.
  func post(url: URL, headers: [String: String], body: [UInt8], timeout: Double) async throws
    -> HTTPReply
}

/// `URLSession` (FoundationNetworking on Linux) that never follows redirects.
///
/// Each request gets its own ephemeral session and `Connection: close`. With one session shared
/// by concurrent requests, FoundationNetworking (Swift 6.3.1, Linux) now and then sent the headers
/// of a POST and closed the connection without its body: the webhook peer test saw those as
/// empty, unsigned requests (about one run in three). Webhook volume is low; a fresh connection
/// per attempt is the price of never sending a half request.
public struct URLSessionTransport: HTTPTransport {
  private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
      _ session: URLSession, task: URLSessionTask,
      willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
      completionHandler: @escaping (URLRequest?) -> Void
    ) {
      completionHandler(nil)
    }
  }

  /// Creates the transport.
  public init() {}

  public func post(url: URL, headers: [String: String], body: [UInt8], timeout: Double)
    async throws -> HTTPReply
  {
    var request = URLRequest(url: url, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.httpBody = Data(body)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.setValue("close", forHTTPHeaderField: "Connection")
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpShouldSetCookies = false
    configuration.urlCache = nil
    // On Linux only the configuration's timeouts are honoured reliably.
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    let session = URLSession(
      configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let (_, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else {
      throw URLError(.badServerResponse)
    }
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String {
        fields[name.lowercased()] = value
      }
    }
    return HTTPReply(status: http.statusCode, headers: fields)
  }
}
