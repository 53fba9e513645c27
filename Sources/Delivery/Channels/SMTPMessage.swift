import Foundation

/// Builds the DATA section of an e-mail for a notice (RFC 5322, RFC 2045–2047, RFC 2369, RFC 5321).
///
/// The message is `multipart/alternative` with a `text/plain` and a simple `text/html` part,
/// both UTF-8 in base64 (so no body line is longer than 76 characters or starts with a dot).
public enum SMTPMessage {
  /// Who the message is from and how the citizen stops it.
  public struct Sender: Sendable, Equatable {
    /// The header `From` address (also the envelope sender).
    public var address: String
    /// The `From` display name, such as `비서`; empty for none.
    public var name: String
    /// The `List-Unsubscribe` URI (`mailto:` or `https:`).
    public var unsubscribe: String
    /// The line after the text saying how to stop the reminders in the chat.
    public var footer: String

    /// Creates a sender; `unsubscribe` defaults to `mailto:ADDRESS?subject=unsubscribe`.
    public init(address: String, name: String = "", unsubscribe: String? = nil, footer: String = "")
    {
      self.address = address
      self.name = name
      self.unsubscribe = unsubscribe ?? "mailto:\(address)?subject=unsubscribe"
      self.footer = footer
    }
  }

  /// The message with CRLF line ends and dot-stuffing, ending with the lone-dot terminator.
  ///
  /// - Parameters:
  ///   - notice: `title` becomes the subject, `body` the text, `recipient` the `To` address and
  ///     `metadata["name"]` (if any) its display name.
  ///   - sender: the `From` mailbox, `List-Unsubscribe` and footer.
  ///   - date: the `Date` header's instant (the injected clock's now).
  ///   - domain: the right-hand side of the `Message-ID`.
  /// - Returns: the bytes to send after the `354` reply.
  public static func data(for notice: Notice, sender: Sender, date: Date, domain: String)
    -> [UInt8]
  {
    let messageID = SMTPHeaders.messageID(key: notice.key, domain: domain)
    // The boundary is derived from the key (stable bytes on a retry); "=_" never occurs in
    // base64 text, so it cannot collide with a part's content.
    let boundary = "=_biseo_" + messageID.dropFirst().prefix(32)
    let text = notice.body.replacingOccurrences(of: "\r\n", with: "\n")
    let plain = sender.footer.isEmpty ? text : text + "\n\n" + sender.footer
    var lines = [
      "From: " + SMTPHeaders.mailbox(sender.address, name: sender.name),
      "To: " + SMTPHeaders.mailbox(notice.recipient, name: notice.metadata["name"] ?? ""),
      "Subject: "
        + SMTPHeaders.encodedWords(notice.title.replacingNewlines()).joined(separator: "\r\n "),
      "Date: " + SMTPHeaders.rfc5322Date(date),
      "Message-ID: " + messageID,
      "X-Biseo-Key: \(notice.key)",
      "List-Unsubscribe: <\(sender.unsubscribe)>",
      "MIME-Version: 1.0",
      "Content-Type: multipart/alternative;",
      " boundary=\"\(boundary)\"",
      "",
      "--" + boundary,
    ]
    lines += part("text/plain", plain)
    lines.append("--" + boundary)
    lines += part("text/html", html(title: notice.title, text: text, footer: sender.footer))
    lines.append("--" + boundary + "--")
    return Array(dotStuffed(lines).utf8)
  }

  /// One MIME part's header and base64 body lines (76 characters each).
  static func part(_ type: String, _ content: String) -> [String] {
    let encoded = Array(
      Data(content.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString())
    return [
      "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", "",
    ]
      + stride(from: 0, to: encoded.count, by: 76).map {
        String(encoded[$0..<min($0 + 76, encoded.count)])
      }
  }

  /// A minimal HTML page: the title, one paragraph per blank-line-separated block, the footer.
  static func html(title: String, text: String, footer: String) -> String {
    let paragraphs =
      text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
      + (footer.isEmpty ? [] : [footer])
    let body = paragraphs.map {
      "<p>" + escaped($0).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>"
    }
    return
      (["<!DOCTYPE html>", "<html lang=\"ko\">", "<head><meta charset=\"utf-8\">"]
      + ["<title>\(escaped(title))</title></head>", "<body>"] + body + ["</body>", "</html>"])
      .joined(separator: "\n")
  }

  /// `text` with `&`, `<`, `>` and `"` as character references.
  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// Joins `lines` with CRLF, doubling a leading `.` on any line, and appends `CRLF . CRLF`.
  public static func dotStuffed(_ lines: [String]) -> String {
    lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
  }
}
