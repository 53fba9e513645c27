import Dispatch

/// `GET /citizens/{id}/{secret}/reminders.ics`: a citizen's reminders as an iCalendar feed
/// (conventions.md §7), for any calendar app that subscribes to a URL.
///
/// The URL is a capability: it answers only with the citizen's current feed secret
/// (`FeedSecrets`, printed by `biseo ical --citizen ID --feed-url`). A wrong or missing secret
/// and an unknown citizen get the same 404 with the same body, so the endpoint tells nobody
/// which ids exist.
package enum CalendarEndpoint {
  /// The path prefix the router hands here.
  package static let prefix = "/citizens/"
  private static let suffix = "/reminders.ics"
  /// Calendars are computed here, a few at a time, off the event loops.
  private static let queue = DispatchQueue(
    label: "biseo-calendars", attributes: .concurrent)
  /// Longest citizen id accepted; profile ids are far shorter.
  private static let maxIDLength = 64

  /// Why a path is not a calendar request.
  package enum PathProblem: Error, Equatable {
    /// Not `/citizens/<id>[/<secret>]/reminders.ics` at all: an unknown path.
    case notCalendar
    /// A segment is not a plain name (`..`, `%2F`, spaces, too long).
    case oddID
  }

  /// The citizen id and feed secret in a calendar path (the secret empty when the path has
  /// none, the old `/citizens/{id}/reminders.ics`).
  ///
  /// Ids are letters, digits, `-` and `_` only, so nothing that reaches the profile store can
  /// name another folder, however it was encoded.
  ///
  /// - Parameter path: the request path, query removed.
  /// - Returns: the id and secret, or why there are none.
  package static func feed(in path: String) -> Result<(id: String, secret: String), PathProblem> {
    guard path.hasPrefix(prefix), path.hasSuffix(suffix),
      path.utf8.count > prefix.utf8.count + suffix.utf8.count
    else { return .failure(.notCalendar) }
    let segments = path.dropFirst(prefix.count).dropLast(suffix.count)
      .split(separator: "/", omittingEmptySubsequences: false)
    guard segments.count <= 2, !segments.contains(where: \.isEmpty) else {
      return .failure(.notCalendar)
    }
    let plain = { (segment: Substring) in
      segment.utf8.count <= maxIDLength
        && segment.utf8.allSatisfy { byte in
          (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            || byte == 45 || byte == 95
        }
    }
    guard segments.allSatisfy(plain) else { return .failure(.oddID) }
    return .success((String(segments[0]), segments.count == 2 ? String(segments[1]) : ""))
  }

  /// The citizen id in a calendar path (see `feed(in:)`).
  package static func citizen(in path: String) -> Result<String, PathProblem> {
    feed(in: path).map(\.id)
  }

  /// The one answer for an unknown citizen, a wrong secret and a missing one alike.
  static let notFound = HTTPResponse.error(404, "no such calendar")

  /// The response for a calendar path, computed off the event loop.
  ///
  /// - Parameters:
  ///   - path: the request path.
  ///   - services: the secretary, or nil (echo demo: no calendars).
  /// - Returns: the outcome for the router.
  static func outcome(path: String, services: (any SecretaryServices)?) -> RouteOutcome {
    let feed: (id: String, secret: String)
    switch Self.feed(in: path) {
    case .success(let found): feed = found
    case .failure(.notCalendar): return .immediate(.error(404, "no such path '\(path)'"))
    case .failure(.oddID):
      return .immediate(
        .error(400, "a citizen id is letters, digits, '-' and '_' (at most \(maxIDLength))"))
    }
    guard let services else { return .immediate(notFound) }
    return .work(queue) {
      guard let text = services.feed(citizen: feed.id, secret: feed.secret) else {
        return notFound
      }
      return HTTPResponse(
        status: 200,
        headers: [
          HTTPHeader("Content-Type", "text/calendar; charset=utf-8"),
          HTTPHeader("Content-Disposition", "inline; filename=\"reminders.ics\""),
          HTTPHeader("Cache-Control", "no-store"),
        ],
        body: Array(text.utf8))
    }
  }
}

/// Runs blocking work on a dispatch queue, so neither an event loop nor the cooperative
/// pool's few threads wait on it.
///
/// - Parameters:
///   - queue: where to run.
///   - work: the blocking work.
/// - Returns: its result.
func offLoop<T: Sendable>(_ queue: DispatchQueue, _ work: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    queue.async { continuation.resume(returning: work()) }
  }
}
