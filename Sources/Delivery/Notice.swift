import Foundation

/// One message to one citizen through one channel: what the delivery layer sends.
///
/// Named `Notice`, not `Notification`, because `Foundation.Notification` would make the name
/// ambiguous in every file that imports both modules. The `Secretary` layer maps its reminders
/// into notices; `Delivery` knows nothing about rules.
public struct Notice: Codable, Hashable, Sendable {
  /// The idempotency key: citizen, reminder and occurrence.
  ///
  /// Such as `c42-health_checkup-2026-d14`. The same on every attempt and sent as `webhook-id`,
  /// so it must not contain `.`.
  public var key: String
  /// The citizen's id.
  public var citizen: String
  /// The channel's config name (`console`, `outbox`, `webhook`, `smtp`, `exec`, …).
  public var channel: String
  /// Where the channel sends it: an e-mail address, a URL, a phone number; may be empty.
  public var recipient: String
  /// A short title (the e-mail subject).
  public var title: String
  /// The message text.
  public var body: String
  /// When the reminder is due to go out.
  public var due: Date
  /// Anything else a channel or receiver may use (reminder name, deadline, …).
  public var metadata: [String: String]

  /// Creates a notice.
  public init(
    key: String, citizen: String, channel: String, recipient: String = "", title: String,
    body: String, due: Date, metadata: [String: String] = [:]
  ) {
    self.key = key
    self.citizen = citizen
    self.channel = channel
    self.recipient = recipient
    self.title = title
    self.body = body
    self.due = due
    self.metadata = metadata
  }
}

extension JSONEncoder {
  /// The house encoder for files people read and bytes that get signed: sorted keys, no `\/`
  /// escapes, ISO-8601 dates.
  package static var delivery: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }
}

extension JSONDecoder {
  /// The decoder matching ``Foundation/JSONEncoder/delivery``.
  package static var delivery: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
