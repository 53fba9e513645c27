import Dispatch

/// `GET /citizens/{id}/reminders.ics`: a citizen's reminders as an iCalendar feed
/// (conventions.md §7), for any calendar app that subscribes to a URL.
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
    /// Not `/citizens/<one segment>/reminders.ics` at all: an unknown path.
    case notCalendar
    /// The segment is not a plain id (`..`, `%2F`, spaces, too long).
    case oddID
  }

  /// The citizen id in a calendar path.
  ///
  /// Ids are letters, digits, `-` and `_` only, so nothing that reaches the profile store can
  /// name another folder, however it was encoded.
  ///
  /// - Parameter path: the request path, query removed.
  /// - Returns: the id, or why there is none.
  package static func citizen(in path: String) -> Result<String, PathProblem> {
    guard path.hasPrefix(prefix), path.hasSuffix(suffix),
      path.utf8.count > prefix.utf8.count + suffix.utf8.count
    else { return .failure(.notCalendar) }
    let id = path.dropFirst(prefix.count).dropLast(suffix.count)
    guard !id.contains("/") else { return .failure(.notCalendar) }
    let plain = id.utf8.allSatisfy { byte in
      (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        || byte == 45 || byte == 95
    }
    guard plain, id.utf8.count <= maxIDLength else { return .failure(.oddID) }
    return .success(String(id))
  }

  /// The response for a calendar path, computed off the event loop.
  ///
  /// - Parameters:
  ///   - path: the request path.
  ///   - services: the secretary, or nil (echo demo: no calendars).
  /// - Returns: the outcome for the router.
  static func outcome(path: String, services: (any SecretaryServices)?) -> RouteOutcome {
    let id: String
    switch citizen(in: path) {
    case .success(let found): id = found
    case .failure(.notCalendar): return .immediate(.error(404, "no such path '\(path)'"))
    case .failure(.oddID):
      return .immediate(
        .error(400, "a citizen id is letters, digits, '-' and '_' (at most \(maxIDLength))"))
    }
    guard let services else {
      return .immediate(.error(404, "no calendars without the secretary (--echo)"))
    }
    return .work(queue) {
      guard let text = services.calendar(citizen: id) else {
        return .error(404, "no citizen '\(id)'")
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
