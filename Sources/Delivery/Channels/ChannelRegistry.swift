/// Builds channels from config entries, by kind, through one explicit table.
///
/// Built-in kinds: `console`, `outbox`, `webhook`, `smtp`, `exec`. No reflection: a new kind is a
/// new line in ``builtIn(clock:)`` or a call to ``register(_:factory:)``.
public struct ChannelRegistry: Sendable {
  /// Makes a channel from its config entry.
  public typealias Factory = @Sendable (ChannelConfig) throws(ChannelError) -> any Channel

  private var factories: [String: Factory] = [:]

  /// An empty registry.
  public init() {}

  /// The built-in kinds, wired to `clock`.
  ///
  /// - Parameters:
  ///   - clock: the time source for timestamps (outbox `at`, `webhook-timestamp`).
  ///   - onStorageFailure: called once if an outbox write or sync fails; the daemon exits there
  ///     and recovers on restart.
  /// - Returns: a registry knowing every built-in kind.
  public static func builtIn(
    clock: any DeliveryClock = SystemDeliveryClock(),
    onStorageFailure: @escaping @Sendable (JournalError) -> Void = { _ in }
  ) -> ChannelRegistry {
    var registry = ChannelRegistry()
    registry.register("console") { config throws(ChannelError) in
      ConsoleChannel(config: config)
    }
    registry.register("outbox") { config throws(ChannelError) in
      try OutboxChannel(
        path: try config.required("path"), clock: clock, onFailure: onStorageFailure)
    }
    registry.register("webhook") { config throws(ChannelError) in
      try WebhookChannel(config: config, clock: clock)
    }
    registry.register("smtp") { config throws(ChannelError) in
      try SMTPChannel(config: config, clock: clock)
    }
    registry.register("exec") { config throws(ChannelError) in
      try ExecChannel(config: config)
    }
    return registry
  }

  /// Adds or replaces the factory for `kind`.
  public mutating func register(_ kind: String, factory: @escaping Factory) {
    factories[kind] = factory
  }

  /// The kinds this registry can build, sorted.
  public var kinds: [String] { factories.keys.sorted() }

  /// Builds one channel.
  ///
  /// - Parameter config: the entry.
  /// - Returns: the channel.
  /// - Throws: `ChannelError.misconfigured` for an unknown kind or bad settings.
  public func make(_ config: ChannelConfig) throws(ChannelError) -> any Channel {
    guard let factory = factories[config.kind] else {
      throw .misconfigured(
        channel: config.name,
        reason: "unknown kind '\(config.kind)'; known: \(kinds.joined(separator: ", "))")
    }
    return try factory(config)
  }

  /// Builds every configured channel, keyed by name.
  ///
  /// - Parameter configs: the entries; names must be unique.
  /// - Returns: channels by name.
  /// - Throws: the first `ChannelError.misconfigured`.
  public func makeAll(_ configs: [ChannelConfig]) throws(ChannelError) -> [String: any Channel] {
    var channels: [String: any Channel] = [:]
    for config in configs {
      if channels[config.name] != nil {
        throw .misconfigured(channel: config.name, reason: "the name is used twice")
      }
      channels[config.name] = try make(config)
    }
    return channels
  }
}
