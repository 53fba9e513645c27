import Dispatch

/// What to do with a request: answer at once, ask the responder and render its reply, or run
/// slower work off the event loop.
package enum RouteOutcome: Sendable {
  /// A response needing no responder (health, metrics, errors).
  case immediate(HTTPResponse)
  /// A chat message: ask the responder, then render the reply.
  case chat(ChatRequest, render: @Sendable (ChatReply) -> HTTPResponse)
  /// Slower, blocking work (a calendar, a reload): run on the queue, never on an event loop
  /// or the cooperative pool, whose few threads the responders' continuations need.
  case work(DispatchQueue, @Sendable () -> HTTPResponse)
}

/// Maps method and path to an endpoint; the one table of HTTP routes.
package struct Router: Sendable {
  private struct Route: Sendable {
    var endpoint: String
    var methods: [String]
    var handle: @Sendable (HTTPRequest, GatewayMetrics) -> RouteOutcome
  }

  /// The metrics `GET /metrics` renders.
  package let metrics: GatewayMetrics
  private let routes: [String: Route]
  /// Routes whose path carries a value (`/nugu/{actionName}`), tried in order after `routes`.
  private let prefixRoutes: [(prefix: String, route: Route)]

  /// Creates the router.
  ///
  /// - Parameters:
  ///   - metrics: the server's metrics.
  ///   - kakaoSkillPath: where Kakao i posts skills; Kakao does not sign requests, so
  ///     deployments keep this path secret (conventions.md §3).
  ///   - services: calendars and reloads; nil (the echo demo) answers those paths with 404.
  ///   - adminToken: the bearer token of `POST /admin/reload`; nil means there is no admin
  ///     endpoint at all.
  ///   - nuguKey: the NUGU API key; nil accepts speaker requests without one.
  ///   - sessions: signs the web page's session tokens; nil: `POST /session` is absent.
  package init(
    metrics: GatewayMetrics, kakaoSkillPath: String = "/kakao/skill",
    services: (any SecretaryServices)? = nil, adminToken: SharedSecret? = nil,
    nuguKey: SharedSecret? = nil, sessions: SessionTokens? = nil
  ) {
    self.metrics = metrics
    let restHealth = Route(endpoint: "rest_health", methods: ["GET"]) { _, _ in
      .immediate(.json(200, RasaChannel.health))
    }
    var table: [String: Route] = [
      "/chat": Route(endpoint: "chat", methods: ["POST"]) { request, _ in
        Self.chat(
          request.body,
          decode: { body throws(JSONBody.DecodeError) in
            try NativeChat.request(from: body, sessions: sessions)
          }, encode: NativeChat.encode)
      },
      "/thread": Route(endpoint: "thread", methods: ["POST"]) { request, _ in
        Self.thread(request.body, sessions: sessions, services: services)
      },
      "/webhooks/rest/webhook": Route(endpoint: "rest", methods: ["POST"]) { request, _ in
        Self.chat(request.body, decode: RasaChannel.request(from:), encode: RasaChannel.encode)
      },
      "/webhooks/rest/": restHealth,
      "/webhooks/rest": restHealth,
      kakaoSkillPath: Route(endpoint: "kakao", methods: ["POST"]) { request, _ in
        Self.chat(request.body, decode: KakaoSkill.request(from:)) { reply, _ in
          KakaoSkill.encode(reply)
        }
      },
      "/speaker": Route(endpoint: "speaker", methods: ["POST"]) { request, _ in
        SpeakerEndpoint.outcome(request, pathAction: nil, key: nuguKey)
      },
      "/": Route(endpoint: "page", methods: ["GET"]) { _, _ in
        .immediate(
          HTTPResponse(
            status: 200, headers: [HTTPHeader("Content-Type", "text/html; charset=utf-8")],
            body: Array(WebChatPage.html.utf8)))
      },
      "/healthz": Route(endpoint: "healthz", methods: ["GET"]) { _, _ in
        .immediate(.json(200, JSONBody.encode(["status": "ok"])))
      },
      "/metrics": Route(endpoint: "metrics", methods: ["GET"]) { _, metrics in
        .immediate(
          HTTPResponse(
            status: 200,
            headers: [HTTPHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
            body: Array(metrics.render().utf8)))
      },
    ]
    if let sessions {
      table["/session"] = Route(endpoint: "session", methods: ["POST"]) { _, _ in
        let issued = sessions.issue()
        return .immediate(
          .json(
            200,
            JSONBody.encode(["token": .string(issued.token), "expires": .int(issued.expires)])))
      }
    }
    if let adminToken, let services {
      table[AdminEndpoint.reloadPath] = Route(endpoint: "admin_reload", methods: ["POST"]) {
        request, _ in AdminEndpoint.reload(request, token: adminToken, services: services)
      }
      table[AdminEndpoint.linkPath] = Route(endpoint: "admin_link", methods: ["POST"]) {
        request, _ in AdminEndpoint.link(request, token: adminToken, services: services)
      }
    }
    routes = table
    prefixRoutes = [
      (
        SpeakerEndpoint.nuguPrefix,
        Route(endpoint: "nugu", methods: ["POST"]) { request, _ in
          guard let action = SpeakerEndpoint.actionName(in: request.path) else {
            return .immediate(.error(404, "no such path '\(request.path)'"))
          }
          return SpeakerEndpoint.outcome(request, pathAction: action, key: nuguKey)
        }
      ),
      (
        CalendarEndpoint.prefix,
        Route(endpoint: "calendar", methods: ["GET"]) { request, _ in
          CalendarEndpoint.outcome(path: request.path, services: services)
        }
      ),
    ]
  }

  /// Routes a request.
  ///
  /// - Parameter request: a complete request.
  /// - Returns: the endpoint label for metrics and what to do.
  package func route(_ request: HTTPRequest) -> (endpoint: String, outcome: RouteOutcome) {
    let path = request.path
    guard
      let route = routes[path] ?? prefixRoutes.first(where: { path.hasPrefix($0.prefix) })?.route
    else {
      return ("other", .immediate(.error(404, "no such path '\(path)'")))
    }
    let method = request.method == "HEAD" && route.methods.contains("GET") ? "GET" : request.method
    guard route.methods.contains(method) else {
      var allowed = route.methods
      if allowed.contains("GET") { allowed.append("HEAD") }
      var response = HTTPResponse.error(405, "method \(request.method) not allowed")
      response.headers.append(HTTPHeader("Allow", allowed.joined(separator: ", ")))
      return (route.endpoint, .immediate(response))
    }
    return (route.endpoint, route.handle(request, metrics))
  }

  /// Routes a request and runs the responder if needed: the whole HTTP semantics without
  /// sockets, as contract tests use it.
  ///
  /// - Parameters:
  ///   - request: a complete request.
  ///   - responder: answers chat messages.
  /// - Returns: the response.
  package func response(for request: HTTPRequest, responder: some ChatResponder) async
    -> HTTPResponse
  {
    switch route(request).outcome {
    case .immediate(let response): return response
    case .chat(let chat, let render): return render(await responder.respond(to: chat))
    case .work(let queue, let work): return await offLoop(queue, work)
    }
  }

  /// Threads are read from a file, so off the event loops.
  private static let threadQueue = DispatchQueue(label: "biseo-threads", attributes: .concurrent)

  /// `POST /thread`: the identity is decided as for `POST /chat`; a server without the
  /// secretary (the echo demo) keeps no thread and answers an empty one.
  private static func thread(
    _ body: [UInt8], sessions: SessionTokens?, services: (any SecretaryServices)?
  ) -> RouteOutcome {
    do throws(JSONBody.DecodeError) {
      let request = try NativeChat.identity(from: body, sessions: sessions)
      // A thread holds what a citizen said: never kept by a browser cache or a proxy.
      let render: @Sendable (ChatThread) -> HTTPResponse = { thread in
        var response = HTTPResponse.json(200, JSONBody.encode(thread.json))
        response.headers.append(HTTPHeader("Cache-Control", "no-store"))
        return response
      }
      guard let services else { return .immediate(render(ChatThread())) }
      return .work(threadQueue) { render(services.thread(for: request)) }
    } catch {
      return .immediate(.error(400, error.description))
    }
  }

  private static func chat(
    _ body: [UInt8],
    decode: ([UInt8]) throws(JSONBody.DecodeError) -> ChatRequest,
    encode: @escaping @Sendable (ChatReply, ChatRequest) -> [UInt8]
  ) -> RouteOutcome {
    do throws(JSONBody.DecodeError) {
      let request = try decode(body)
      return .chat(request) { .json(200, encode($0, request)) }
    } catch {
      return .immediate(.error(400, error.description))
    }
  }
}
