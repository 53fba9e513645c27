import Diagnostics
import Foundation
import Hangul

/// Where a citizen acts on each rule (`Rules/where-to-act.txt`): the official page to apply,
/// pay or book on, and the number to call, with the source that names them.
///
/// Policy in a file, checked when it loads: every rule named exists, every link is https on a
/// host the file's own allow-list names, phone numbers are written as dialled, nothing is listed
/// twice. A rule with nowhere to act says why in a `none:` line; a rule in neither is a warning.
public struct ActionPlaces: Sendable {
  /// One rule's place to act.
  public struct Place: Sendable, Equatable {
    /// The rule it is for (`health_checkup`).
    public var rule: String
    /// What the place is called, short enough for a button (`국민건강보험공단`).
    public var title: String
    /// The page, always https on an allowed host.
    public var url: String
    /// The number to call, as dialled (`1577-1000`); nil when there is none.
    public var phone: String?
    /// Where the link and the number were confirmed.
    public var source: String
  }

  /// Places by rule name.
  public private(set) var places: [String: Place]
  /// Rules that have no place to act, with the reason.
  public private(set) var withoutPlace: [String: String]
  /// Hosts a link may point at; a host also covers its subdomains.
  public private(set) var allowedHosts: [String]

  /// No places at all: what a rule folder without the file has.
  public static let empty = ActionPlaces(places: [:], withoutPlace: [:], allowedHosts: [])

  /// Where to act on `rule`, or nil when the file names no place for it.
  public func place(ofRule rule: String) -> Place? { places[rule] }

  /// Whether `host` is an allowed host or a subdomain of one.
  public func allows(host: String) -> Bool {
    let host = host.lowercased()
    return allowedHosts.contains { host == $0 || host.hasSuffix("." + $0) }
  }

  /// Reads the file at `path` and checks it against the rule book's names.
  ///
  /// A missing file is an empty set of places, not an error (a rule folder may have none).
  /// - Parameters:
  ///   - path: the file, as the user gave it.
  ///   - ruleNames: every rule of the book; nil skips the checks that need the book.
  /// - Returns: the places, every diagnostic in reading order, and their rendering with the
  ///   offending lines quoted.
  public static func load(path: String, ruleNames: Set<String>?) -> (
    places: ActionPlaces, diagnostics: [Diagnostic], report: String
  ) {
    guard let data = FileManager.default.contents(atPath: path) else { return (.empty, [], "") }
    let text = DecodedText(utf8: data).text
    let (places, diagnostics) = parse(text, path: path, ruleNames: ruleNames)
    let report = DiagnosticRenderer(sources: [path: text]).render(diagnostics)
    return (places, diagnostics, report)
  }

  /// Parses the text of a where-to-act file; see `docs/rules.md` for its form.
  static func parse(_ text: String, path: String, ruleNames: Set<String>?) -> (
    ActionPlaces, [Diagnostic]
  ) {
    var reader = Reader(path: path, ruleNames: ruleNames)
    let lines = text.components(separatedBy: "\n")
    // The allow-list first, wherever it sits, so an entry may come before it.
    for (index, raw) in lines.enumerated() where raw.trimmed.hasPrefix("allow:") {
      reader.allow(raw, line: index + 1)
    }
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmed
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("allow:") { continue }
      if line.hasPrefix("none:") {
        reader.none(raw, line: index + 1)
      } else {
        reader.entry(raw, line: index + 1)
      }
    }
    reader.checkCoverage()
    return (reader.result, reader.problems.sortedByPosition())
  }
}

extension ActionPlaces {
  /// The state of one parse: what was read so far and what was wrong.
  fileprivate struct Reader {
    let path: String
    let ruleNames: Set<String>?
    var result = ActionPlaces.empty
    var problems: [Diagnostic] = []
    /// The line each rule and host was first given on, for duplicates.
    var ruleLines: [String: Int] = [:]
    var hostLines: [String: Int] = [:]

    init(path: String, ruleNames: Set<String>?) {
      self.path = path
      self.ruleNames = ruleNames
    }

    func span(_ field: Field, line: Int) -> SourceSpan {
      SourceSpan(path: path, line: line, column: field.column, length: max(field.text.count, 1))
    }

    mutating func allow(_ raw: String, line: Int) {
      guard let field = Field.split(raw, after: "allow:").first else { return }
      let host = field.text.lowercased()
      guard Self.isHostName(host) else {
        problems.append(ActionPlaceMessage.badAllowedHost(field.text, at: span(field, line: line)))
        return
      }
      if let first = hostLines[host] {
        problems.append(
          ActionPlaceMessage.duplicate(host, firstLine: first, at: span(field, line: line)))
        return
      }
      hostLines[host] = line
      result.allowedHosts.append(host)
    }

    mutating func none(_ raw: String, line: Int) {
      let fields = Field.split(raw, after: "none:")
      guard let rule = fields.first, !rule.text.isEmpty else {
        problems.append(ActionPlaceMessage.noReason("RULE", at: wholeLine(raw, line)))
        return
      }
      guard fields.count == 2, !fields[1].text.isEmpty else {
        problems.append(ActionPlaceMessage.noReason(rule.text, at: wholeLine(raw, line)))
        return
      }
      guard claim(rule, line: line) else { return }
      result.withoutPlace[rule.text] = fields[1].text
    }

    mutating func entry(_ raw: String, line: Int) {
      let fields = Field.split(raw, after: "")
      guard fields.count == 5, !fields[0].text.isEmpty, !fields[1].text.isEmpty,
        !fields[2].text.isEmpty, !fields[4].text.isEmpty
      else {
        problems.append(ActionPlaceMessage.malformed(at: wholeLine(raw, line)))
        return
      }
      let (rule, title, link, phone, source) = (
        fields[0], fields[1], fields[2], fields[3], fields[4]
      )
      var valid = claim(rule, line: line)
      if !checkLink(link, line: line) { valid = false }
      if !phone.text.isEmpty, !Self.isPhoneNumber(phone.text) {
        problems.append(ActionPlaceMessage.badPhone(phone.text, at: span(phone, line: line)))
        valid = false
      }
      guard valid else { return }
      result.places[rule.text] = Place(
        rule: rule.text, title: title.text, url: link.text,
        phone: phone.text.isEmpty ? nil : phone.text, source: source.text)
    }

    /// Records that `rule` is spoken for on `line`; false (with a diagnostic) when it is
    /// unknown or was already given.
    mutating func claim(_ rule: Field, line: Int) -> Bool {
      if let ruleNames, !ruleNames.contains(rule.text) {
        problems.append(ActionPlaceMessage.unknownRule(rule.text, at: span(rule, line: line)))
        return false
      }
      if let first = ruleLines[rule.text] {
        problems.append(
          ActionPlaceMessage.duplicate(rule.text, firstLine: first, at: span(rule, line: line)))
        return false
      }
      ruleLines[rule.text] = line
      return true
    }

    mutating func checkLink(_ link: Field, line: Int) -> Bool {
      let at = span(link, line: line)
      guard let components = URLComponents(string: link.text),
        let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
      else {
        problems.append(ActionPlaceMessage.notALink(link.text, at: at))
        return false
      }
      guard scheme == "https" else {
        problems.append(ActionPlaceMessage.notHTTPS(link.text, at: at))
        return false
      }
      guard components.user == nil, components.password == nil, result.allows(host: host) else {
        problems.append(ActionPlaceMessage.notAllowed(host: host, at: at))
        return false
      }
      return true
    }

    /// A warning for each rule of the book the file does not speak for.
    mutating func checkCoverage() {
      guard let ruleNames else { return }
      let start = SourceSpan(path: path, line: 1, column: 1, length: 0)
      for rule in ruleNames.sorted() where ruleLines[rule] == nil {
        problems.append(ActionPlaceMessage.noPlace(rule, at: start))
      }
    }

    func wholeLine(_ raw: String, _ line: Int) -> SourceSpan {
      let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
      return SourceSpan(path: path, line: line, column: indent + 1, length: raw.trimmed.count)
    }

    /// Lowercase letters, digits, '-' and dots, with at least one dot inside.
    static func isHostName(_ text: String) -> Bool {
      let labels = text.split(separator: ".", omittingEmptySubsequences: false)
      return labels.count >= 2
        && labels.allSatisfy { label in
          !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }

    /// A Korean number as dialled: a short service number (110, 1339), a nationwide one
    /// (1577-1000, 15xx–18xx), or an area or mobile one (02-123-4567, 031-1234-5678).
    static func isPhoneNumber(_ text: String) -> Bool {
      let groups = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
      guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
      else { return false }
      switch groups.count {
      case 1:
        return groups[0].hasPrefix("1") && (3...4).contains(groups[0].count)
      case 2:
        let prefix = groups[0].prefix(2)
        return ["15", "16", "18"].contains(prefix) && groups[0].count == 4
          && groups[1].count == 4
      case 3:
        return groups[0].hasPrefix("0") && (2...3).contains(groups[0].count)
          && (3...4).contains(groups[1].count) && groups[2].count == 4
      default:
        return false
      }
    }
  }

  /// A `|`-separated field of a line, trimmed, with the column where its text starts.
  fileprivate struct Field {
    var text: String
    var column: Int

    /// The fields of `raw` after `keyword` (which starts the line after any indent).
    static func split(_ raw: String, after keyword: String) -> [Field] {
      var fields: [Field] = []
      var column = 1
      var rest = Substring(raw)
      let indent = rest.prefix { $0 == " " || $0 == "\t" }
      column += indent.count + keyword.count
      rest = rest.dropFirst(indent.count + keyword.count)
      while true {
        let piece = rest.prefix { $0 != "|" }
        let lead = piece.prefix { $0 == " " || $0 == "\t" }.count
        let text = piece.trimmingCharacters(in: .whitespaces)
        fields.append(Field(text: text, column: column + (text.isEmpty ? 0 : lead)))
        column += piece.count + 1
        guard piece.count < rest.count else { break }
        rest = rest.dropFirst(piece.count + 1)
      }
      return fields
    }
  }
}

extension String {
  fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
