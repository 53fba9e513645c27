import CivilCalendar
import Foundation
import Testing

@testable import Secretary

/// Every reply of every golden conversation, as a speaker would say it: no letters a voice
/// cannot read, no brackets or section signs, and every sentence finished before the next.
@Suite struct SpeakableSpeechTests {
  /// What a speaker must never be handed: Latin letters, brackets of any kind, §, ~, codes.
  static let unspeakable = Set("§「」『』[]()<>{}~|*#_")

  /// Hangul, digits, spaces and sentence punctuation are what a voice reads; a letter of
  /// another script ("Ⅰ", "A") or a mark is not.
  static func isSpeakable(_ sentence: String) -> Bool {
    !sentence.contains { c in
      if unspeakable.contains(c) { return true }
      guard c.isLetter || c.isNumber, !c.isASCII || c.isLetter else { return false }
      return !c.unicodeScalars.allSatisfy {
        (0xAC00...0xD7A3).contains($0.value) || (0x3131...0x318E).contains($0.value)
      }
    }
  }

  @Test(arguments: GoldenConversationTests.files)
  func everyReplyIsSpeakable(_ name: String) throws {
    let runtime = try #require(GoldenConversationTests.runtime)
    let replies = try Transcript.replies(
      of: name, on: runtime, greet: { $0.greeting(in: &$1) },
      turn: { $0.respond(to: $1, in: &$2, asOf: $3, now: $4) })
    for reply in replies {
      for sentence in SpeechRenderer.sentences(of: reply) {
        #expect(
          Self.isSpeakable(sentence), "\(name): unspeakable: \(sentence)")
        #expect(
          sentence.last.map { ".?!".contains($0) } ?? false, "\(name): unfinished: \(sentence)")
      }
    }
  }
}
