import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// Replays every `Corpus/conversations/*.chat` transcript against the shipped rules, intents
/// and profiles, and compares what the secretary says, turn by turn.
///
/// A transcript is a header (`citizen:`, `as-of:`, `mode:` text|speaker|ssml), a blank line,
/// then exactly what `biseo chat` prints, with each citizen line written `> 텍스트`.
/// `RECORD_GOLDEN=1 swift test --filter GoldenConversation` rewrites the files from what the
/// secretary says now and records an issue, so a recording run never passes.
@Suite struct GoldenConversationTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let folder = root.appendingPathComponent("Corpus/conversations")

  static let runtime: SecretaryRuntime? = {
    var paths = SecretaryPaths(
      rules: root.appendingPathComponent("Rules").path,
      intents: root.appendingPathComponent("Intents").path,
      profiles: root.appendingPathComponent("Corpus/profiles").path,
      faq: root.appendingPathComponent("Corpus/faq").path,
      data: NSTemporaryDirectory() + "biseo-golden-\(UUID().uuidString)")
    paths.modelCacheDirectory = NSTemporaryDirectory() + "biseo-golden-model"
    return SecretaryRuntime.load(paths).runtime
  }()

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".chat") }.sorted()
  }

  @Test func thereAreEnoughConversations() {
    #expect(Self.files.count >= 12)
  }

  @Test(arguments: files)
  func conversation(_ name: String) throws {
    let runtime = try #require(Self.runtime, "the shipped data does not load")
    let url = Self.folder.appendingPathComponent(name)
    let expected = try String(contentsOf: url, encoding: .utf8)
    let transcript = try Transcript(parsing: expected, name: name)
    let actual = transcript.replay(
      on: runtime.withDataDirectory(NSTemporaryDirectory() + "biseo-chat-\(UUID().uuidString)"))
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name); review the diff and run again without RECORD_GOLDEN")
      return
    }
    #expect(actual == expected, "\(name) differs:\n\(Transcript.diff(expected, actual))")
  }
}

extension Transcript {
  /// The golden conversation `name` replayed on a scratch copy of the data: the greeting and
  /// each reply, as `greet` and `turn` take them from the dialogue (written or spoken).
  static func replies<T>(
    of name: String, on runtime: SecretaryRuntime,
    greet: (DialogueManager, inout Conversation) -> T,
    turn: (DialogueManager, String, inout Conversation, CivilDate, Date) -> T
  ) throws -> [T] {
    let url = GoldenConversationTests.folder.appendingPathComponent(name)
    let transcript = try Transcript(parsing: String(contentsOf: url, encoding: .utf8), name: name)
    let scratch = runtime.withDataDirectory(
      NSTemporaryDirectory() + "biseo-replay-\(UUID().uuidString)")
    let dialogue = DialogueManager(runtime: scratch)
    let id =
      transcript.citizen == "new"
      ? ((try? scratch.profiles.newCitizen()) ?? "guest-1") : transcript.citizen
    var conversation = Conversation(citizenID: id)
    let now = Date(timeIntervalSince1970: Double(transcript.asOf.dayNumber) * 86_400)
    var replies = [greet(dialogue, &conversation)]
    for line in transcript.lines {
      replies.append(turn(dialogue, line, &conversation, transcript.asOf, now))
    }
    return replies
  }
}

/// A golden conversation: who, when, how it is rendered, and what the citizen says.
struct Transcript {
  var header: [(key: String, value: String)]
  var lines: [String]
  var citizen: String
  var asOf: CivilDate
  var mode: String

  struct Malformed: Error, CustomStringConvertible {
    let description: String
  }

  init(parsing text: String, name: String) throws {
    let parts = text.components(separatedBy: "\n\n")
    guard let head = parts.first else { throw Malformed(description: "\(name): empty") }
    // "key: value" lines; a "# comment" line is kept whole so the file round-trips.
    let header: [(key: String, value: String)] = head.split(separator: "\n").map { line in
      guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") else {
        return (key: String(line), value: "")
      }
      return (
        key: String(line[..<colon]),
        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    func value(_ key: String) -> String? { header.first { $0.key == key }?.value }
    guard let citizen = value("citizen"), let asOfText = value("as-of"),
      let asOf = CivilDate(iso: asOfText)
    else {
      throw Malformed(description: "\(name): the header needs 'citizen:' and 'as-of: YYYY-MM-DD'")
    }
    self.header = header
    self.citizen = citizen
    self.asOf = asOf
    self.mode = value("mode") ?? "text"
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
  }

  /// The transcript as the secretary says it now.
  func replay(on runtime: SecretaryRuntime) -> String {
    let dialogue = DialogueManager(runtime: runtime)
    let id = citizen == "new" ? ((try? runtime.profiles.newCitizen()) ?? "guest-1") : citizen
    var conversation = Conversation(citizenID: id)
    // Consents are stamped 09:00 KST on the as-of day, so recorded files never change.
    let now = Date(timeIntervalSince1970: Double(asOf.dayNumber) * 86_400)
    var out = header.map { $0.value.isEmpty ? $0.key : "\($0.key): \($0.value)" }.joined(
      separator: "\n")
    let greeting = dialogue.greeting(in: &conversation)
    switch mode {
    case "speaker": out += "\n\n" + dialogue.spoken(greeting).text + "\n\n"
    case "ssml": out += "\n\n" + dialogue.spoken(greeting).ssml + "\n\n"
    default: out += "\n\n" + TranscriptRenderer.text(of: greeting) + "\n"
    }
    for line in lines {
      out += "> \(line)\n"
      switch mode {
      case "speaker", "ssml":
        let turn = dialogue.respondSpoken(to: line, in: &conversation, asOf: asOf, now: now)
        out += (mode == "ssml" ? turn.ssml : turn.text) + "\n\n"
      default:
        out +=
          TranscriptRenderer.text(
            of: dialogue.respond(to: line, in: &conversation, asOf: asOf, now: now))
          + "\n"
      }
    }
    return out
  }

  /// The first lines where two transcripts differ, marked '-' (expected) and '+' (actual).
  static func diff(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(a.count, b.count) where out.count < 12 {
      let x = i < a.count ? String(a[i]) : "<end>"
      let y = i < b.count ? String(b[i]) : "<end>"
      if x != y { out += ["line \(i + 1):", "- \(x)", "+ \(y)"] }
    }
    return out.joined(separator: "\n")
  }
}
