import Diagnostics
import Hangul
import Foundation

/// What a question asks about a service: whether it applies, when, how much, how, what else
/// its subject asks of the citizen, or what to do now.
///
/// The words that select each live in `Intents/frames.txt`, policy not code.
enum QuestionFrame: String, Sendable, CaseIterable {
  case eligibility, how, amount, when, also, agenda
  /// How long it takes ("몇 시간이야"): asked as `when`, but the notice, which says it, is the
  /// answer even when its days were told already.
  case length
  /// Until when ("언제까지"): asked as `when`; once the notice was told, its days answer.
  case deadline
}

/// The frame words, in the order the file lists them.
package struct QuestionFrames: Sendable {
  let frames: [(frame: QuestionFrame, words: [String])]
  /// The same words without their spaces, which a question is compared with.
  private let unspacedWords: [(frame: QuestionFrame, words: [String])]

  init(frames: [(frame: QuestionFrame, words: [String])]) {
    self.frames = frames
    unspacedWords = frames.map { ($0.frame, $0.words.map(\.unspaced)) }
  }

  /// The frame of a question: the first whose words it contains, else eligibility.
  func frame(of text: String) -> QuestionFrame {
    let frame = listedFrame(of: text)
    return frame == .length || frame == .deadline ? .when : frame
  }

  /// Whether the question asks until when ("언제까지"), which `frame(of:)` reads as when.
  func asksDeadline(_ text: String) -> Bool { listedFrame(of: text) == .deadline }

  private func listedFrame(of text: String) -> QuestionFrame {
    // "지금뭐해야돼" asks what "지금 뭐 해야 돼" asks: spaces are not compared.
    let joined = text.lowercased().unspaced
    return unspacedWords.first { frame in frame.words.contains { joined.contains($0) } }?.frame
      ?? .eligibility
  }

  /// Whether the text says a frame word at all (a follow-up such as "그럼 언제?").
  func asksFrame(_ text: String) -> Bool { frame(of: text) != .eligibility }

  /// Reads `frames.txt`; a line that names no frame or no word is a located error.
  package static func load(path: String) -> (QuestionFrames, [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      let span = SourceSpan(path: path, line: 1, column: 1, length: 0)
      return (
        QuestionFrames(frames: []),
        [Diagnostic(.error, at: span, "cannot read the question frames")]
      )
    }
    return parse(DecodedText(utf8: data).text, path: path)
  }

  static func parse(_ text: String, path: String) -> (QuestionFrames, [Diagnostic]) {
    var frames: [(QuestionFrame, [String])] = []
    var problems: [Diagnostic] = []
    for (index, raw) in text.components(separatedBy: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let span = SourceSpan(path: path, line: index + 1, column: 1, length: raw.count)
      guard let colon = line.firstIndex(of: ":"),
        let frame = QuestionFrame(rawValue: String(line[..<colon]))
      else {
        let names = QuestionFrame.allCases.map(\.rawValue).joined(separator: ", ")
        problems.append(
          Diagnostic(.error, at: span, "expected 'frame: word, …' with a frame of \(names)"))
        continue
      }
      let words = line[line.index(after: colon)...].split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
      guard !words.isEmpty else {
        problems.append(Diagnostic(.error, at: span, "frame '\(frame.rawValue)' lists no word"))
        continue
      }
      frames.append((frame, words))
    }
    return (QuestionFrames(frames: frames), problems)
  }
}
