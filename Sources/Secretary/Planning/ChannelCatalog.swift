import CivilCalendar
import Diagnostics
import Foundation
import Hangul

/// The places a citizen may receive reminders (`Rules/channels.txt`): what each is called,
/// the words people use for it, and since and until when it is open — policy in a file, read
/// by the chat, the planner and the daemon alike.
public struct ChannelCatalog: Sendable {
  public struct Channel: Sendable, Equatable {
    /// The name subscriptions store and daemon configs map (`kakao`).
    public var name: String
    /// How the secretary says it (`카카오톡`).
    public var spoken: String
    var words: [String]
    public var opens: CivilDate?
    /// The last day it carries reminders; nil while it is open.
    public var closes: CivilDate?
    /// Why it closed, said to a citizen who asks for it.
    public var note: String?

    public func isOpen(on day: CivilDate) -> Bool {
      (opens.map { $0 <= day } ?? true) && (closes.map { day <= $0 } ?? true)
    }

    /// Whether a citizen may choose it on `day`: open, and not closing within the year a
    /// subscription's reminders run (문자 chosen in January 2026 would carry none of them).
    public func isChoosable(on day: CivilDate) -> Bool {
      isOpen(on: day) && (closes.map { $0 > day.adding(days: 365) } ?? true)
    }
  }

  public var channels: [Channel]
  /// How many channels one citizen may choose at once.
  public var most: Int
  /// The channel of a citizen who named none.
  public var standard: String?

  /// A catalog that knows no channel: every stored name is taken as it is, none is closed.
  public static let empty = ChannelCatalog(channels: [], most: 2, standard: nil)

  public func channel(named name: String) -> Channel? { channels.first { $0.name == name } }

  /// Which contact point of a profile a channel's messages go to (`contact:` lines); a channel
  /// not named there is an app, reached by the citizen's user id for it.
  public var contacts: [String: ContactPoints.Kind] = [:]

  /// What an e-mail reminder says at its end about stopping them (`mail footer:`): mail replies
  /// are not read, so it names the chat's words.
  public var mailFooter: String?

  /// What a reminder says when every channel its citizen chose has closed and it goes to the
  /// default one instead (`moved:`, with `{closed}` and `{channel}`).
  public var moved: ReplyTemplate?

  /// Where a reminder goes on `day` when every channel of `chosen` has closed: the default
  /// channel, and the sentence that tells the citizen so; nil while one is open or when the
  /// catalog has no open default.
  public func replacement(for chosen: [String], on day: CivilDate) -> (
    channel: String, note: String
  )? {
    guard !chosen.isEmpty, !chosen.contains(where: { isOpen($0, on: day) }),
      let standard, isOpen(standard, on: day), let moved
    else { return nil }
    let closed = chosen.map(spoken).joined(separator: "·")
    let segments = moved.render(["closed": .text(closed), "channel": .text(spoken(standard))])
    return (standard, TextRenderer.paragraph(segments.segments))
  }

  /// The contact point kind channel `name` uses.
  public func contactKind(of name: String) -> ContactPoints.Kind { contacts[name] ?? .app }

  /// How a stored channel is said; a name the catalog does not know is said as it is.
  public func spoken(_ name: String) -> String { channel(named: name)?.spoken ?? name }

  /// Whether a stored channel carries reminders on `day`; a name the catalog does not know
  /// (one configured only in a daemon config) is taken as open.
  public func isOpen(_ name: String, on day: CivilDate) -> Bool {
    channel(named: name)?.isOpen(on: day) ?? true
  }

  /// The channels open on `day`, in the file's order.
  public func open(on day: CivilDate) -> [Channel] { channels.filter { $0.isOpen(on: day) } }

  /// The channels a citizen may choose on `day`.
  public func choosable(on day: CivilDate) -> [Channel] {
    channels.filter { $0.isChoosable(on: day) }
  }

  /// A channel named in a line, where, and whether the line sets it aside ("문자 말고").
  public struct Mention: Sendable, Equatable {
    public var channel: Channel
    public var position: Int
    /// How many characters the word that named it has.
    public var length = 0
    /// "문자 말고", "카톡 빼고", "문자 대신": this one is to go, not to come.
    public var setAside: Bool
  }

  /// Words after a channel that set it aside.
  static let asideWords = ["말고", "빼", "대신", "없이", "그만", "끊", "해지"]

  /// The channels a line names, in the order it names them ("카톡이랑 네이버로" → kakao, naver).
  func mentions(in text: String) -> [Mention] {
    let lower = text.lowercased()
    var found: [Mention] = []
    for channel in channels {
      // The longest word first, so "카카오톡" is not also read as "톡".
      var best: (at: Int, length: Int)?
      for word in channel.words.sorted(by: { $0.count > $1.count }) {
        guard let range = lower.range(ofText: word) else { continue }
        let at = lower.distance(from: lower.startIndex, to: range.lowerBound)
        if at < best?.at ?? Int.max { best = (at, word.count) }
      }
      guard let best else { continue }
      // A bare "톡" inside another word ("카톡", "토스톡") is no mention of its own.
      if best.length == 1, found.contains(where: { abs($0.position - best.at) <= 3 }) { continue }
      let after = String(Array(lower).dropFirst(best.at + best.length).prefix(5))
      let aside = Self.asideWords.contains { after.contains($0) }
      found.append(
        Mention(channel: channel, position: best.at, length: best.length, setAside: aside))
    }
    return found.sorted { $0.position < $1.position }
  }

  /// Reads `channels.txt`; every malformed line is a located error.
  public static func load(path: String) -> (ChannelCatalog, [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else { return (.empty, []) }
    return parse(DecodedText(utf8: data).text, path: path)
  }

  static func parse(_ text: String, path: String) -> (ChannelCatalog, [Diagnostic]) {
    var catalog = ChannelCatalog(channels: [], most: 2, standard: nil)
    var problems: [Diagnostic] = []
    for (index, raw) in text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let span = SourceSpan(path: path, line: index + 1, column: 1, length: raw.count)
      if line.hasPrefix("most:") {
        guard let n = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)), n >= 1 else {
          problems.append(Diagnostic(.error, at: span, "expected 'most: N' with N at least 1"))
          continue
        }
        catalog.most = n
        continue
      }
      if line.hasPrefix("contact:") {
        // contact: email = email, sms = mobile
        for pair in line.dropFirst(8).split(separator: ",") {
          let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
          guard parts.count == 2, let kind = ContactPoints.Kind(rawValue: parts[1]) else {
            problems.append(
              Diagnostic(
                .error, at: span, "expected 'contact: CHANNEL = email|mobile|app, …'"))
            continue
          }
          catalog.contacts[parts[0]] = kind
        }
        continue
      }
      if line.hasPrefix("mail footer:") {
        catalog.mailFooter = line.dropFirst(12).trimmingCharacters(in: .whitespaces)
        continue
      }
      if line.hasPrefix("moved:") {
        let moved = ReplyTemplate(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        for name in moved.placeholders where !["closed", "channel"].contains(name) {
          problems.append(
            Diagnostic(
              .error, at: span, "'moved:' knows {closed} and {channel}, not {\(name)}"))
        }
        catalog.moved = moved
        continue
      }
      if line.hasPrefix("default:") {
        catalog.standard = line.dropFirst(8).trimmingCharacters(in: .whitespaces)
        continue
      }
      let fields = line.split(separator: "|", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.count >= 5, !fields[0].isEmpty, !fields[1].isEmpty else {
        problems.append(
          Diagnostic(
            .error, at: span, "expected 'name | spoken | words | open from | open until | note'"))
        continue
      }
      var dates: [CivilDate?] = []
      for field in fields[3...4] {
        if field.isEmpty {
          dates.append(nil)
        } else if let date = CivilDate(iso: field) {
          dates.append(date)
        } else {
          problems.append(Diagnostic(.error, at: span, "'\(field)' is not a date (YYYY-MM-DD)"))
          dates.append(nil)
        }
      }
      let words = fields[2].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      }.filter { !$0.isEmpty }
      let note = fields.count > 5 && !fields[5].isEmpty ? fields[5] : nil
      catalog.channels.append(
        Channel(
          name: fields[0], spoken: fields[1], words: words, opens: dates[0], closes: dates[1],
          note: note))
    }
    if let standard = catalog.standard, catalog.channel(named: standard) == nil {
      let span = SourceSpan(path: path, line: 1, column: 1, length: 0)
      problems.append(
        Diagnostic(.error, at: span, "the default channel '\(standard)' is not listed"))
    }
    return (catalog, problems)
  }
}
