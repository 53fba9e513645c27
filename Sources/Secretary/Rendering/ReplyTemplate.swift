import CivilCalendar
import Hangul

/// A value filled into a template placeholder.
public enum TemplateValue: Sendable, Equatable {
  case text(String)
  case date(CivilDate)
  case amount(Int)
  case number(Int)
  case telephone(String)
  case link(title: String, url: String)

  var segment: ReplySegment {
    switch self {
    case .text(let t): .text(t)
    case .date(let d): .date(d)
    case .amount(let a): .amount(a)
    case .number(let n): .number(n)
    case .telephone(let t): .telephone(t)
    case .link(let title, let url): .link(title: title, url: url)
    }
  }
}

/// A reply template such as `"{name}님, {service}을/를 {end}까지 받으세요."`.
///
/// A particle written as a pair right after a placeholder (`을/를`, `이/가`, `은/는`, `과/와`,
/// `으로/로`, …) is resolved by how the filled-in value ends, so "{service}을/를" becomes
/// "건강검진을" or "민방위를". `{tel:110}` is a phone number written into the template itself.
public struct ReplyTemplate: Sendable, Equatable {
  enum Part: Sendable, Equatable {
    case literal(String)
    case placeholder(String)
    case telephone(String)
  }

  let parts: [Part]
  public let text: String

  public init(_ text: String) {
    self.text = text
    var parts: [Part] = []
    var literal = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      literal += rest[..<open]
      let name = String(rest[rest.index(after: open)..<close])
      if !literal.isEmpty { parts.append(.literal(literal)) }
      literal = ""
      if name.hasPrefix("tel:") {
        parts.append(.telephone(String(name.dropFirst(4))))
      } else {
        parts.append(.placeholder(name))
      }
      rest = rest[rest.index(after: close)...]
    }
    literal += rest
    if !literal.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  /// The placeholder names, in order of appearance.
  public var placeholders: [String] {
    parts.compactMap { if case .placeholder(let n) = $0 { n } else { nil } }
  }

  /// Fills the placeholders; returns the segments and the names that had no value (rendered
  /// as nothing, so a missing value never shows braces to a citizen).
  public func render(_ values: [String: TemplateValue]) -> (
    segments: [ReplySegment], missing: [String]
  ) {
    var segments: [ReplySegment] = []
    var missing: [String] = []
    var previousValue: String?
    for part in parts {
      switch part {
      case .literal(let text):
        var literal = text
        if let previousValue {
          literal = Josa.resolvingLeadingPair(in: literal, after: previousValue)
        }
        segments.append(.text(literal))
        previousValue = nil
      case .telephone(let number):
        segments.append(.telephone(number))
        previousValue = number
      case .placeholder(let name):
        guard let value = values[name] else {
          missing.append(name)
          previousValue = nil
          continue
        }
        segments.append(value.segment)
        previousValue = TextRenderer.text(of: value.segment)
      }
    }
    return (Self.merged(segments), missing)
  }

  /// Joins neighbouring text segments.
  private static func merged(_ segments: [ReplySegment]) -> [ReplySegment] {
    var out: [ReplySegment] = []
    for segment in segments {
      if case .text(let b) = segment, case .text(let a) = out.last {
        out[out.count - 1] = .text(a + b)
      } else if case .text(let t) = segment, t.isEmpty {
        continue
      } else {
        out.append(segment)
      }
    }
    return out
  }
}
