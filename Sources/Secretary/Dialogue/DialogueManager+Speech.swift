import CivilCalendar
import Foundation
import Hangul

/// One spoken turn: plain speakable text, the same in SSML, and whether the session ends.
public struct SpokenTurn: Sendable, Equatable {
  public var text: String
  public var ssml: String
  public var endsConversation: Bool
}

extension DialogueManager {
  /// Words that ask a speaker to go on with the last reply.
  static let moreWords: Set<String> = ["자세히", "자세히요", "더", "더 들려줘", "계속", "계속해", "계속해줘"]

  /// A turn for a speaker: "자세히" continues the last reply where it stopped; anything else
  /// is answered and its first two sentences spoken.
  public func respondSpoken(
    to line: String, in conversation: inout Conversation, asOf: CivilDate, now: Date
  ) -> SpokenTurn {
    let text = TextNormalizer.normalize(line)
    if Self.moreWords.contains(text), let last = conversation.lastReply {
      conversation.lastIntent = nil
      let offset = conversation.spokenSentences
      let sentences = SpeechRenderer.sentences(of: last)
      guard offset < sentences.count else {
        return spoken(runtime.answers.reply("nothing_more"))
      }
      conversation.spokenSentences += SpeechRenderer.sentenceLimit
      let hint = moreHint
      let (text, hasMore) = SpeechRenderer.turn(sentences: sentences, offset: offset, hint: hint)
      if !hasMore, let offer = conversation.unspokenOffer {
        conversation.offer = offer
        conversation.unspokenOffer = nil
      }
      return SpokenTurn(
        text: text, ssml: SpeechRenderer.ssml(sentences: sentences, offset: offset, hint: hint),
        endsConversation: last.endsConversation)
    }
    let reply = respond(to: line, in: &conversation, asOf: asOf, now: now)
    conversation.spokenSentences = SpeechRenderer.sentenceLimit
    conversation.unspokenOffer = nil
    // The reply is split into sentences once, for the offer's check, the text and the SSML.
    let sentences = SpeechRenderer.sentences(of: reply)
    let hint = moreHint
    let (said, hasMore) = SpeechRenderer.turn(sentences: sentences, hint: hint)
    if hasMore, let offer = conversation.offer {
      conversation.unspokenOffer = offer
      conversation.offer = nil
    }
    return SpokenTurn(
      text: said, ssml: SpeechRenderer.ssml(sentences: sentences, hint: hint),
      endsConversation: reply.endsConversation)
  }

  /// What a speaker says when a reply has more than it speaks at once.
  var moreHint: String { runtime.answers.text("more_hint") }

  /// The first turn of a reply, as speech.
  public func spoken(_ reply: Reply) -> SpokenTurn {
    let (text, _) = SpeechRenderer.turn(reply, hint: moreHint)
    return SpokenTurn(
      text: text, ssml: SpeechRenderer.ssml(reply, hint: moreHint),
      endsConversation: reply.endsConversation)
  }

  /// The opening line for a citizen, by name when the profile has one.
  ///
  /// A citizen without a
  /// name is not asked for it here: a greeting or a first question is never a name, and the
  /// name is asked only when a reply needs it (reminders address the citizen by name).
  public func greeting(in conversation: inout Conversation) -> Reply {
    let profile = try? runtime.profiles.profile(conversation.citizenID)
    guard let name = profile?["name"]?.stringValue else {
      return runtime.answers.reply("greeting")
    }
    return runtime.answers.reply("greeting_named", ["name": .text(name)])
  }
}
