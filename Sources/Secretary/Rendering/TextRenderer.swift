import CivilCalendar

/// Replies as text for chat: dates in Korean form, amounts with thousands separators.
public enum TextRenderer {
  /// The reply's paragraphs separated by blank lines.
  public static func text(of reply: Reply) -> String {
    reply.paragraphs.map(paragraph).joined(separator: "\n\n")
  }

  public static func paragraph(_ segments: [ReplySegment]) -> String {
    segments.map(text(of:)).joined()
  }

  static func text(of segment: ReplySegment) -> String {
    switch segment {
    case .text(let t): t
    case .date(let d): "\(d.year)년 \(d.month)월 \(d.day)일"
    case .amount(let a): grouped(a) + "원"
    case .number(let n): grouped(n)
    case .telephone(let t): t
    case .pause: ""
    case .citation(let source): "근거: " + source
    case .link(let title, let url): title + " " + url
    }
  }

  /// 123450 → "123,450".
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return value < 0 ? "-" + out : out
  }
}
