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

  /// A turn for a speaker: "자세히" continues the last reply where it stopped.
  ///
  /// Anything else is answered, as much of it as fits a turn (`SpeechRenderer.plan`), with a
  /// reminder offer asked in that same turn, so "네" right after it subscribes. The answer to
  /// an offer asked over an unfinished reply ends with the hint, and "자세히" then goes on with
  /// that reply.
  public func respondSpoken(
    to line: String, in conversation: inout Conversation, asOf: CivilDate, now: Date
  ) -> SpokenTurn {
    let text = TextNormalizer.normalize(line)
    if Self.moreWords.contains(text), let last = conversation.lastReply {
      conversation.lastIntent = nil
      let offset = conversation.spokenSentences
      let (sentences, _) = spokenSentences(of: last, conversation, asOf: asOf)
      guard offset < sentences.count else {
        return spoken(runtime.answers.reply("nothing_more"))
      }
      let turn = SpeechRenderer.plan(sentences: sentences, offset: offset, hint: moreHint)
      conversation.spokenSentences += turn.said.count
      return SpokenTurn(
        text: turn.text, ssml: turn.ssml, endsConversation: last.endsConversation)
    }
    // A reply not yet said to its end while its offer waits for an answer.
    var unfinished: (reply: Reply, offset: Int)?
    if conversation.offer != nil, let last = conversation.lastReply,
      conversation.spokenSentences < spokenSentences(of: last, conversation, asOf: asOf).0.count
    {
      unfinished = (last, conversation.spokenSentences)
    }
    let reply = respond(to: line, in: &conversation, asOf: asOf, now: now)
    // The reply is split into sentences once, for the offer, the text and the SSML.
    let (sentences, offer) = spokenSentences(of: reply, conversation, asOf: asOf)
    let answered =
      conversation.offer == nil && ["affirm", "deny"].contains(conversation.lastIntent ?? "")
    let continues = offer == nil && answered && unfinished != nil
    let turn = SpeechRenderer.plan(
      sentences: sentences, hint: moreHint, question: offer, continues: continues)
    conversation.spokenSentences = turn.said.count
    if continues, let unfinished {
      conversation.lastReply = unfinished.reply
      conversation.spokenSentences = unfinished.offset
    }
    return SpokenTurn(text: turn.text, ssml: turn.ssml, endsConversation: reply.endsConversation)
  }

  /// A reply's sentences as a speaker says them, with the reminder offer ("기한 전에 알림을
  /// 보내 드릴까요?") taken out: a reply that offers one asks it in its first turn, whatever
  /// else waits behind "자세히".
  private func spokenSentences(of reply: Reply, _ conversation: Conversation, asOf: CivilDate)
    -> (sentences: [String], offer: String?)
  {
    let name = (try? runtime.profiles.profile(conversation.citizenID))?["name"]?.stringValue
    let sentences = SpeechRenderer.sentences(of: reply, asOf: asOf, name: name)
    guard let offer = SpeechRenderer.sentences(of: runtime.answers.reply("offer")).first,
      sentences.contains(offer)
    else { return (sentences, nil) }
    return (sentences.filter { $0 != offer }, offer)
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
