import Delivery
import Diagnostics
import Foundation

/// What `biseo daemon` reads from its config file (JSON; every key optional).
///
/// For example:
///
/// ```json
/// {
///   "channels": [
///     {"name": "outbox", "kind": "outbox", "settings": {"path": "data/outbox.jsonl"}},
///     {"name": "alimtalk", "kind": "exec", "settings": {"command": "/usr/local/bin/send-kakao"}}
///   ],
///   "defaultChannel": "outbox",
///   "channelAliases": {"kakao": "alimtalk", "toss": "outbox"},
///   "quietHours": "21:00-08:00",
///   "sendHour": 9,
///   "horizonDays": 30,
///   "retry": {"maxAttempts": 8, "baseSeconds": 5, "maxSeconds": 3600},
///   "limits": {"alimtalk": {"maxConcurrent": 4, "maxPerSecond": 20}}
/// }
/// ```
///
/// A subscription names a channel as the citizen chose it ("kakao"); `channelAliases` maps
/// that to a configured channel, and an unknown name falls back to `defaultChannel`.
public struct DaemonConfig: Sendable {
  public var channels: [ChannelConfig]
  public var defaultChannel: String
  public var channelAliases: [String: String]
  public var quietHours: QuietHours
  public var sendHour: Int
  public var horizonDays: Int
  public var retry: RetryPolicy
  public var limits: [String: ChannelLimits]

  /// Without a file: everything goes to the durable outbox in the data directory.
  public static func standard(dataDirectory: String) -> DaemonConfig {
    DaemonConfig(
      channels: [
        ChannelConfig(
          name: "outbox", kind: "outbox",
          settings: ["path": (dataDirectory as NSString).appendingPathComponent("outbox.jsonl")])
      ],
      defaultChannel: "outbox", channelAliases: [:], quietHours: .standard, sendHour: 9,
      horizonDays: 30, retry: RetryPolicy(), limits: [:])
  }

  /// The configured channel a subscription's channel name goes to.
  public func channel(for chosen: String) -> String {
    if let alias = channelAliases[chosen] { return alias }
    return channels.contains { $0.name == chosen } ? chosen : defaultChannel
  }

  /// Parses a config file; every mistake is a located diagnostic.
  public static func parse(_ text: String, path: String, dataDirectory: String) -> Result<
    DaemonConfig, Diagnostic
  > {
    let json: JSONValue
    switch JSONParser.parse(text, path: path) {
    case .success(let value): json = value
    case .failure(let d): return .failure(d)
    }
    let at = SourceSpan(path: path, line: 1, column: 1)
    func fail(_ message: String) -> Result<DaemonConfig, Diagnostic> {
      .failure(.error("D0001", at: at, message))
    }
    var config = standard(dataDirectory: dataDirectory)
    if case .array(let items)? = json["channels"] {
      config.channels = []
      for item in items {
        guard let name = item["name"]?.stringValue else { return fail("a channel needs a 'name'") }
        var settings: [String: String] = [:]
        if case .object(let members)? = item["settings"] {
          for (key, value) in members {
            switch value {
            case .string(let s): settings[key] = s
            case .number(let n): settings[key] = n
            default:
              return fail("setting '\(key)' of channel '\(name)' must be a string or a number")
            }
          }
        }
        config.channels.append(
          ChannelConfig(name: name, kind: item["kind"]?.stringValue, settings: settings))
      }
    }
    if let name = json["defaultChannel"]?.stringValue { config.defaultChannel = name }
    guard config.channels.contains(where: { $0.name == config.defaultChannel }) else {
      return fail("the default channel '\(config.defaultChannel)' is not among the channels")
    }
    if case .object(let members)? = json["channelAliases"] {
      for (alias, target) in members {
        guard let target = target.stringValue,
          config.channels.contains(where: { $0.name == target })
        else {
          return fail("the alias '\(alias)' must name a configured channel")
        }
        config.channelAliases[alias] = target
      }
    }
    if let text = json["quietHours"]?.stringValue {
      guard let quiet = QuietHours(text) else {
        return fail("quietHours must be 'HH:MM-HH:MM' or 'off', found '\(text)'")
      }
      config.quietHours = quiet
    }
    if let hour = json["sendHour"].flatMap(\.intValue) {
      guard (0..<24).contains(hour) else { return fail("sendHour must be 0…23") }
      config.sendHour = hour
    }
    if let days = json["horizonDays"].flatMap(\.intValue) {
      guard (1...366).contains(days) else { return fail("horizonDays must be 1…366") }
      config.horizonDays = days
    }
    if let retry = json["retry"] {
      config.retry = RetryPolicy(
        maxAttempts: retry["maxAttempts"].flatMap(\.intValue) ?? config.retry.maxAttempts,
        baseDelay: retry["baseSeconds"].flatMap(\.doubleValue) ?? config.retry.baseDelay,
        maxDelay: retry["maxSeconds"].flatMap(\.doubleValue) ?? config.retry.maxDelay,
        maxRetryAfter: retry["maxRetryAfterSeconds"].flatMap(\.doubleValue)
          ?? config.retry.maxRetryAfter)
    }
    if case .object(let members)? = json["limits"] {
      for (name, limit) in members {
        config.limits[name] = ChannelLimits(
          maxConcurrent: limit["maxConcurrent"].flatMap(\.intValue) ?? 4,
          maxPerSecond: limit["maxPerSecond"].flatMap(\.doubleValue))
      }
    }
    return .success(config)
  }
}

extension JSONValue {
  var intValue: Int? {
    if case .number(let n) = self { return Int(n) }
    return nil
  }

  var doubleValue: Double? {
    if case .number(let n) = self { return Double(n) }
    return nil
  }
}
