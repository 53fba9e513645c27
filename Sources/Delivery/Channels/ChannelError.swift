/// How a channel failed, classified for the dispatcher.
///
/// - `transient`: the dispatcher retries with backoff, waiting at least `retryAfter`. From
///   network errors, timeouts, HTTP 408/429/5xx, SMTP 4xx, exec exit 75.
/// - `permanent`: the reminder is marked failed, no retry. From other HTTP 3xx/4xx, SMTP 5xx,
///   any other exec exit.
/// - `endpointGone`: marked failed and the endpoint disabled. From HTTP 410.
/// - `unaddressed`: the reminder is parked until the citizen gives an address; nothing is sent.
///   From a missing or malformed recipient (an empty e-mail address).
/// - `misconfigured`: the channel is not built. From bad or missing config settings.
public enum ChannelError: Error, Equatable, CustomStringConvertible, Sendable {
  /// Worth retrying; `retryAfter` (seconds) is the receiver's own hint, if it gave one.
  case transient(reason: String, retryAfter: Double? = nil)
  /// Will fail the same way every time.
  case permanent(reason: String)
  /// The endpoint told us it is gone for good; stop sending to it.
  case endpointGone(reason: String)
  /// The notice has no usable address for this channel (no e-mail address on the profile, or a
  /// malformed one): not the receiver's verdict, so the reminder waits, parked, for an address.
  case unaddressed(reason: String)
  /// The channel's settings are unusable.
  case misconfigured(channel: String, reason: String)

  public var description: String {
    switch self {
    case .transient(let reason, let retryAfter):
      "transient failure: \(reason)" + (retryAfter.map { " (retry after \($0) s)" } ?? "")
    case .permanent(let reason): "permanent failure: \(reason)"
    case .endpointGone(let reason): "endpoint gone: \(reason)"
    case .unaddressed(let reason): "no address: \(reason)"
    case .misconfigured(let channel, let reason): "channel '\(channel)' is misconfigured: \(reason)"
    }
  }

  /// Whether the dispatcher should try again.
  public var isRetryable: Bool {
    if case .transient = self { return true }
    return false
  }
}
