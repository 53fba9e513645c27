import Dispatch
import Foundation

/// Sends each notice as an e-mail (text and HTML alternatives) through a local SMTP relay.
///
/// No TLS and no AUTH: the relay is local, such as a Postfix null client.
///
/// Config kind `smtp`; settings `host` and `from` required; `port` (25), `helo`
/// (`biseo.localhost`), `domain` for Message-IDs (`biseo.localhost`), `fromName` (the `From`
/// display name), `unsubscribe` (the `List-Unsubscribe` URI), `footer` (how to stop reminders in
/// the chat) and `timeout` (30 s) optional. The conversation is
/// EHLO, MAIL FROM, RCPT TO, DATA (dot-stuffed; ``SMTPMessage``), QUIT.
/// Replies: `4xx` transient, `5xx` permanent; connection problems transient. The `Message-ID` is
/// a hash of the key at `domain`, so a retry after a lost final reply can be recognised.
public struct SMTPChannel: Channel {
  /// The relay host.
  public let host: String
  /// The relay port.
  public let port: Int
  /// The envelope sender.
  public var from: String { sender.address }
  let sender: SMTPMessage.Sender
  let helo: String
  let domain: String
  let timeout: Double
  let clock: any DeliveryClock

  /// Creates an SMTP channel.
  public init(
    host: String, port: Int = 25, from: String, helo: String = "biseo.localhost",
    domain: String = "biseo.localhost", timeout: Double = 30, clock: any DeliveryClock
  ) {
    self.init(
      host: host, port: port, sender: SMTPMessage.Sender(address: from), helo: helo,
      domain: domain, timeout: timeout, clock: clock)
  }

  /// Creates an SMTP channel with a full sender (display name, unsubscribe URI, footer).
  public init(
    host: String, port: Int = 25, sender: SMTPMessage.Sender, helo: String = "biseo.localhost",
    domain: String = "biseo.localhost", timeout: Double = 30, clock: any DeliveryClock
  ) {
    self.host = host
    self.port = port
    self.sender = sender
    self.helo = helo
    self.domain = domain
    self.timeout = timeout
    self.clock = clock
  }

  /// Creates an SMTP channel from its config entry.
  public init(config: ChannelConfig, clock: any DeliveryClock) throws(ChannelError) {
    let domain = config.settings["domain"] ?? "biseo.localhost"
    guard SMTPHeaders.isDotAtom(domain) else {
      throw .misconfigured(
        channel: config.name, reason: "domain '\(domain)' is not a dot-atom (a.b.example)")
    }
    let sender = SMTPMessage.Sender(
      address: try config.required("from"), name: config.settings["fromName"] ?? "",
      unsubscribe: config.settings["unsubscribe"],
      footer: config.settings["footer"] ?? "")
    self.init(
      host: try config.required("host"), port: Int(try config.number("port", default: 25)),
      sender: sender, helo: config.settings["helo"] ?? "biseo.localhost", domain: domain,
      timeout: try config.number("timeout", default: 30), clock: clock)
  }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let recipient = notice.recipient
    guard recipient.contains("@"),
      !recipient.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" || $0 == " " })
    else {
      // Parked, not failed: the citizen can still add an address (docs/delivery.md).
      throw .unaddressed(
        reason: recipient.isEmpty
          ? "no e-mail address" : "'\(recipient)' is not an e-mail address")
    }
    let data = SMTPMessage.data(for: notice, sender: sender, date: clock.now(), domain: domain)
    let result: Result<Receipt, ChannelError> = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        do throws(ChannelError) {
          continuation.resume(returning: .success(try self.converse(recipient, data)))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
    }
    return try result.get()
  }

  private func converse(_ recipient: String, _ data: [UInt8]) throws(ChannelError) -> Receipt {
    var connection = try SMTPConnection(host: host, port: port, timeout: timeout)
    try SMTPConnection.expect(try connection.readReply(), [220], during: "greeting")
    try SMTPConnection.expect(try connection.command("EHLO \(helo)"), [250], during: "EHLO")
    try SMTPConnection.expect(
      try connection.command("MAIL FROM:<\(from)>"), [250], during: "MAIL FROM")
    try SMTPConnection.expect(
      try connection.command("RCPT TO:<\(recipient)>"), [250, 251], during: "RCPT TO")
    try SMTPConnection.expect(try connection.command("DATA"), [354], during: "DATA")
    try connection.write(data)
    let accepted = try connection.readReply()
    try SMTPConnection.expect(accepted, [250], during: "end of data")
    _ = try? connection.command("QUIT")
    return Receipt("\(accepted.code) \(accepted.text)")
  }
}
