import CivilCalendar
import Foundation
import Secretary
import Synchronization

/// The real responder: each session talks to the secretary as one citizen.
///
/// A sender id that names a known citizen (`c004-choi-minho`) talks as that citizen; any other
/// sender gets a citizen of its own (`kakao-u-9f3a`), created on first contact and kept in the
/// data directory, so what a platform user tells the secretary survives a restart.
package final class SecretaryResponder: ChatResponder {
  private let dialogue: DialogueManager
  private let profiles: ProfileStore
  private let clock: @Sendable () -> Date
  private let sessions = Mutex<[String: Conversation]>([:])

  /// - Parameters:
  ///   - runtime: the loaded secretary.
  ///   - clock: the time (the serve command passes the system clock; tests a fixed one).
  package init(runtime: SecretaryRuntime, clock: @escaping @Sendable () -> Date) {
    dialogue = DialogueManager(runtime: runtime)
    profiles = runtime.profiles
    self.clock = clock
  }

  package func respond(to request: ChatRequest) async -> ChatReply {
    let now = clock()
    let asOf = CivilDate(instant: now, timeZone: CivilDate.seoul)
    var conversation =
      sessions.withLock { $0[request.sessionKey] }
      ?? Conversation(citizenID: citizen(for: request))
    let reply: ChatReply
    if request.speaker {
      let turn = dialogue.respondSpoken(to: request.text, in: &conversation, asOf: asOf, now: now)
      reply = ChatReply(texts: [turn.text], speech: turn.ssml, endSession: turn.endsConversation)
    } else {
      let answer = dialogue.respond(to: request.text, in: &conversation, asOf: asOf, now: now)
      reply = ChatReply(
        texts: answer.paragraphs.map(TextRenderer.paragraph),
        quickReplies: answer.quickReplies.map { QuickReply(title: $0.title, payload: $0.payload) },
        endSession: answer.endsConversation)
    }
    sessions.withLock { $0[request.sessionKey] = conversation }
    return reply
  }

  /// The citizen a sender talks as; created (with only its id known) the first time.
  private func citizen(for request: ChatRequest) -> String {
    if (try? profiles.profile(request.sender)) != nil { return request.sender }
    var id = "\(request.platform.rawValue)-"
    for scalar in request.sender.unicodeScalars where id.count < 64 {
      let allowed =
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
      id.unicodeScalars.append(allowed || scalar == "-" || scalar == "_" ? scalar : "_")
    }
    if (try? profiles.profile(id)) == nil {
      try? profiles.save(id, .object([("id", .string(id))]))
    }
    return id
  }
}
