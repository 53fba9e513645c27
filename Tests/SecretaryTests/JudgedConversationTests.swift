import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// Replays every `Corpus/conversations/*.judged` conversation and judges each reply by what
/// it must and must not say, so wording can improve without re-recording.
///
/// The header is the transcripts' (`citizen:`, `as-of:`, `mode:`), then a blank line; then each
/// citizen line `> 텍스트`, followed by any number of judgements on the reply to it:
/// `expect: 부분` (the reply contains it), `expect-not: 부분` (it does not), and
/// `expect-re: 정규식` (a regular expression matches). `#` starts a comment line.
///
/// `BISEO_JUDGED_DIR=/path` replays the conversations of another folder instead: the team's
/// held-out set, kept outside the repository so that nobody tunes the secretary to it.
@Suite struct JudgedConversationTests {
  static var folder: URL {
    ProcessInfo.processInfo.environment["BISEO_JUDGED_DIR"].map { URL(fileURLWithPath: $0) }
      ?? GoldenConversationTests.folder
  }

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".judged") }.sorted()
  }

  @Test(arguments: files)
  func conversation(_ name: String) throws {
    let runtime = try #require(GoldenConversationTests.runtime, "the shipped data does not load")
    let text = try String(
      contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let judged = try JudgedConversation(parsing: text, name: name)
    let failures = judged.replay(
      on: runtime.withDataDirectory(NSTemporaryDirectory() + "biseo-judged-\(UUID().uuidString)"))
    for failure in failures { Issue.record(Comment(rawValue: "\(name): \(failure)")) }
  }
}

/// A conversation judged turn by turn.
struct JudgedConversation {
  enum Judgement {
    case contains(String)
    case lacks(String)
    case matches(String)
  }

  struct Turn {
    var line: String
    var lineNumber: Int
    var judgements: [Judgement] = []
  }

  var citizen = ""
  var asOf = CivilDate(dayNumber: 0)
  var mode = "text"
  var turns: [Turn] = []

  init(parsing text: String, name: String) throws {
    var inHeader = true
    for (index, raw) in text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("#") { continue }
      if inHeader {
        if line.isEmpty {
          inHeader = false
          continue
        }
        guard let colon = line.firstIndex(of: ":") else {
          throw Transcript.Malformed(description: "\(name):\(index + 1): expected 'key: value'")
        }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch line[..<colon] {
        case "citizen": citizen = value
        case "as-of":
          guard let date = CivilDate(iso: value) else {
            throw Transcript.Malformed(description: "\(name):\(index + 1): bad date '\(value)'")
          }
          asOf = date
        case "mode": mode = value
        default: break
        }
        continue
      }
      if line.isEmpty { continue }
      if line.hasPrefix("> ") {
        turns.append(Turn(line: String(line.dropFirst(2)), lineNumber: index + 1))
        continue
      }
      let judgement: Judgement
      if line.hasPrefix("expect-not:") {
        judgement = .lacks(Self.value(of: line))
      } else if line.hasPrefix("expect-re:") {
        judgement = .matches(Self.value(of: line))
      } else if line.hasPrefix("expect:") {
        judgement = .contains(Self.value(of: line))
      } else {
        throw Transcript.Malformed(
          description: "\(name):\(index + 1): expected '> line', 'expect:', 'expect-not:' or "
            + "'expect-re:'")
      }
      guard !turns.isEmpty else {
        throw Transcript.Malformed(description: "\(name):\(index + 1): a judgement before any line")
      }
      turns[turns.count - 1].judgements.append(judgement)
    }
  }

  private static func value(of line: String) -> String {
    guard let colon = line.firstIndex(of: ":") else { return "" }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
  }

  /// What went wrong, one sentence per failed judgement; empty when every reply passes.
  func replay(on runtime: SecretaryRuntime) -> [String] {
    let dialogue = DialogueManager(runtime: runtime)
    let id = citizen == "new" ? ((try? runtime.profiles.newCitizen()) ?? "guest-1") : citizen
    var conversation = Conversation(citizenID: id)
    let now = Date(timeIntervalSince1970: Double(asOf.dayNumber) * 86_400)
    _ = dialogue.greeting(in: &conversation)
    var failures: [String] = []
    for turn in turns {
      let reply: String
      if mode == "speaker" {
        reply = dialogue.respondSpoken(to: turn.line, in: &conversation, asOf: asOf, now: now).text
      } else {
        reply = TranscriptRenderer.text(
          of: dialogue.respond(to: turn.line, in: &conversation, asOf: asOf, now: now))
      }
      for judgement in turn.judgements {
        let passed: Bool
        let what: String
        switch judgement {
        case .contains(let part):
          passed = reply.contains(part)
          what = "should say '\(part)'"
        case .lacks(let part):
          passed = !reply.contains(part)
          what = "should not say '\(part)'"
        case .matches(let pattern):
          passed = reply.range(of: pattern, options: .regularExpression) != nil
          what = "should match /\(pattern)/"
        }
        if !passed {
          failures.append("line \(turn.lineNumber) '> \(turn.line)' \(what); it said:\n\(reply)")
        }
      }
    }
    return failures
  }
}
