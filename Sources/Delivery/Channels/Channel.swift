/// A way to reach a citizen: one async send that returns a receipt or a classified error.
///
/// Channels must be safe to call concurrently; the dispatcher bounds how many sends run at once.
/// A channel should pass `notice.key` to any receiver that can deduplicate by it.
public protocol Channel: Sendable {
  /// Delivers `notice` once.
  ///
  /// - Parameter notice: what to send.
  /// - Returns: the receiver's confirmation.
  /// - Throws: a ``ChannelError`` saying whether a retry can help.
  func send(_ notice: Notice) async throws(ChannelError) -> Receipt
}

/// What a channel got back on success (status line, SMTP reply, outbox line).
public struct Receipt: Equatable, Sendable {
  /// A short human-readable confirmation, stored in the ledger.
  public var detail: String

  /// Creates a receipt.
  public init(_ detail: String) { self.detail = detail }
}

/// One channel's settings from the config file: its name, its kind and string settings.
///
/// `kind` selects the factory in ``ChannelRegistry`` (`console`, `outbox`, `webhook`, `smtp`,
/// `exec`); `name` is what notices refer to (several webhooks may share a kind).
public struct ChannelConfig: Equatable, Sendable {
  /// The name notices use in ``Notice/channel``.
  public var name: String
  /// The registry key of the implementation.
  public var kind: String
  /// Kind-specific settings (`url`, `secret`, `path`, `host`, …).
  public var settings: [String: String]

  /// Creates a config entry; `kind` defaults to `name`.
  public init(name: String, kind: String? = nil, settings: [String: String] = [:]) {
    self.name = name
    self.kind = kind ?? name
    self.settings = settings
  }

  /// The setting `key`, or a `misconfigured` error naming it.
  public func required(_ key: String) throws(ChannelError) -> String {
    guard let value = settings[key], !value.isEmpty else {
      throw .misconfigured(channel: name, reason: "missing setting '\(key)'")
    }
    return value
  }

  /// The setting `key` as a number, or `defaultValue` when absent.
  public func number(_ key: String, default defaultValue: Double) throws(ChannelError) -> Double {
    guard let text = settings[key] else { return defaultValue }
    guard let value = Double(text), value >= 0 else {
      throw .misconfigured(channel: name, reason: "setting '\(key)' is not a number: '\(text)'")
    }
    return value
  }
}

/// A channel that reaches one remote endpoint, which may say it is gone for good (HTTP 410).
///
/// The dispatcher records the 410 in the ledger under ``endpoint`` and, after a restart,
/// calls ``disable(reason:)`` before any send, so a dead endpoint is never called again.
public protocol EndpointChannel: Channel {
  /// The endpoint's identity in the ledger (a webhook's URL); a new URL is a new endpoint.
  var endpoint: String { get }
  /// Refuses every later send with ``ChannelError/endpointGone(reason:)`` and no request.
  func disable(reason: String)
}
