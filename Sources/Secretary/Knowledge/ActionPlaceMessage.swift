import Diagnostics

/// Every message of `Rules/where-to-act.txt`, with its stable code (W00xx).
enum ActionPlaceMessage {
  static let entryForm = "rule | title | https://host/path | phone | source"

  static func malformed(at span: SourceSpan) -> Diagnostic {
    .error(
      "W0001", at: span, "expected '\(entryForm)'",
      notes: ["the phone may be empty; title, link and source may not"])
  }

  static func unknownRule(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error("W0002", at: span, "no rule named '\(name)' in the rule book")
  }

  static func notHTTPS(_ link: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "W0003", at: span, "expected an https link, found '\(link)'",
      notes: ["a citizen is sent only to encrypted pages"])
  }

  static func notAllowed(host: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "W0004", at: span, "the host '\(host)' is not on the allow-list",
      notes: ["add it with 'allow: HOST' once it is confirmed to be a government site"])
  }

  static func badPhone(_ phone: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "W0005", at: span, "'\(phone)' is not a phone number",
      notes: ["write it as it is dialled: 110, 1339, 1577-1000 or 02-123-4567"])
  }

  static func duplicate(_ what: String, firstLine: Int, at span: SourceSpan) -> Diagnostic {
    .error("W0006", at: span, "'\(what)' is listed twice", notes: ["first on line \(firstLine)"])
  }

  static func badAllowedHost(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "W0007", at: span, "expected a host name after 'allow:', found '\(text)'",
      notes: ["write the bare host, without scheme or path: 'allow: gov.kr'"])
  }

  static func notALink(_ text: String, at span: SourceSpan) -> Diagnostic {
    .error("W0008", at: span, "'\(text)' is not a link with a host")
  }

  static func noPlace(_ rule: String, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .warning, code: "W0009", at: span, "the rule '\(rule)' names no place to act",
      notes: ["add '\(rule) | \(entryForm.dropFirst(7))', or 'none: \(rule) | why there is none'"])
  }

  static func noReason(_ rule: String, at span: SourceSpan) -> Diagnostic {
    .error("W0010", at: span, "expected 'none: \(rule) | why there is no place'")
  }
}
