import CivilCalendar
import Foundation
import Secretary
import Synchronization

/// The real responder: each session talks to the secretary as one citizen.
///
/// A sender id that names a known citizen (`c004-choi-minho`) talks as that citizen; any other
/// sender gets a citizen of its own (`kakao-u-9f3a`), created on first contact and kept in the
/// data directory, so what a platform user tells the secretary survives a restart.
///
/// The loaded secretary can be replaced while serving (`reload()`): a message already being
/// answered finishes on the old one, and sessions carry over, since a `Conversation` holds
/// only the thread of the talk (facts live in the profiles on disk).
package final class SecretaryResponder: ChatResponder, SecretaryServices {
  private let current: Mutex<SecretaryRuntime>
  private let paths: SecretaryPaths?
  private let clock: @Sendable () -> Date
  private let sessions = Mutex<[String: Conversation]>([:])
  /// Held for a whole reload, so two reloads never race to swap.
  private let reloading = Mutex(())

  /// - Parameters:
  ///   - runtime: the loaded secretary.
  ///   - paths: where it was loaded from, for `reload()`; nil when it cannot be reloaded.
  ///   - clock: the time (the serve command passes the system clock; tests a fixed one).
  package init(
    runtime: SecretaryRuntime, paths: SecretaryPaths? = nil, clock: @escaping @Sendable () -> Date
  ) {
    current = Mutex(runtime)
    self.paths = paths
    self.clock = clock
  }

  /// The secretary answering now.
  package var runtime: SecretaryRuntime { current.withLock { $0 } }

  package func respond(to request: ChatRequest) async -> ChatReply {
    let now = clock()
    let asOf = CivilDate(instant: now, timeZone: CivilDate.seoul)
    let runtime = self.runtime
    let dialogue = DialogueManager(runtime: runtime)
    var conversation =
      sessions.withLock { $0[request.sessionKey] }
      ?? Conversation(citizenID: citizen(for: request, in: runtime.profiles))
    let reply: ChatReply
    if request.speaker {
      let turn = dialogue.respondSpoken(to: request.text, in: &conversation, asOf: asOf, now: now)
      reply = ChatReply(
        texts: [turn.text], speech: turn.ssml, endSession: turn.endsConversation,
        intent: conversation.lastIntent)
    } else {
      let answer = dialogue.respond(to: request.text, in: &conversation, asOf: asOf, now: now)
      reply = ChatReply(
        texts: answer.paragraphs.map(TextRenderer.paragraph),
        quickReplies: answer.quickReplies.map { QuickReply(title: $0.title, payload: $0.payload) },
        endSession: answer.endsConversation, intent: conversation.lastIntent)
    }
    sessions.withLock { $0[request.sessionKey] = conversation }
    return reply
  }

  /// The citizen's subscribed reminders for a year from today (the clock's day in Korea),
  /// stamped with that day at 09:00 — byte for byte what `biseo ical --citizen ID` prints for
  /// the same day.
  package func calendar(citizen: String) -> String? {
    let rules = runtime.rules
    guard rules.profiles.citizenIDs().contains(citizen) else { return nil }
    let asOf = CivilDate(instant: clock(), timeZone: CivilDate.seoul)
    let plans = ReminderPlanner(rules: rules).plan(citizen: citizen, asOf: asOf, days: 365)
    return ICalendarWriter.calendar(plans, stamp: asOf.instant(atHour: 9))
  }

  package func reload() -> ReloadOutcome {
    guard let paths else {
      return ReloadOutcome(applied: false, report: "this secretary was not loaded from files\n")
    }
    return reloading.withLock { _ in
      let (loaded, report) = SecretaryRuntime.load(paths)
      guard let loaded else { return ReloadOutcome(applied: false, report: report) }
      current.withLock { $0 = loaded }
      return ReloadOutcome(applied: true, report: report)
    }
  }

  /// The citizen a sender talks as; created (with only its id known) the first time.
  private func citizen(for request: ChatRequest, in profiles: ProfileStore) -> String {
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
