import Dispatch
import Foundation

/// Sends each notice as a plain-text e-mail through a configured local SMTP relay.
///
/// No TLS and no AUTH: the relay is local, such as a Postfix null client.
///
/// Config kind `smtp`; settings `host` and `from` required; `port` (25), `helo`
/// (`biseo.localhost`), `domain` for Message-IDs (`biseo.localhost`) and `timeout` (30 s)
/// optional. The conversation is
/// EHLO, MAIL FROM, RCPT TO, DATA (dot-stuffed; subject as RFC 2047 encoded-words), QUIT.
/// Replies: `4xx` transient, `5xx` permanent; connection problems transient. The `Message-ID` is
/// `<key@domain>`, so a retry after a lost final reply can be recognised downstream.
public struct SMTPChannel: Channel {
  /// The relay host.
  public let host: String
  /// The relay port.
  public let port: Int
  /// The envelope sender.
  public let from: String
  let helo: String
  let domain: String
  let timeout: Double
  let clock: any DeliveryClock

  /// Creates an SMTP channel.
  public init(
    host: String, port: Int = 25, from: String, helo: String = "biseo.localhost",
    domain: String = "biseo.localhost", timeout: Double = 30, clock: any DeliveryClock
  ) {
    self.host = host
    self.port = port
    self.from = from
    self.helo = helo
    self.domain = domain
    self.timeout = timeout
    self.clock = clock
  }

  /// Creates an SMTP channel from its config entry.
  public init(config: ChannelConfig, clock: any DeliveryClock) throws(ChannelError) {
    self.init(
      host: try config.required("host"), port: Int(try config.number("port", default: 25)),
      from: try config.required("from"), helo: config.settings["helo"] ?? "biseo.localhost",
      domain: config.settings["domain"] ?? "biseo.localhost",
      timeout: try config.number("timeout", default: 30), clock: clock)
  }

  public func send(_ notice: Notice) async throws(ChannelError) -> Receipt {
    let recipient = notice.recipient
    guard recipient.contains("@"),
      !recipient.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" || $0 == " " })
    else {
      throw .permanent(reason: "'\(recipient)' is not an e-mail address")
    }
    let data = SMTPMessage.data(for: notice, from: from, date: clock.now(), domain: domain)
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
