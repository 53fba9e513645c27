import CivilCalendar
import Delivery
import Foundation
import Secretary
import Synchronization

/// The real responder: each session talks to the secretary as one citizen.
///
/// A sender is a platform identity (`kakao:u-9f3a`, `chat:web-1`), never a citizen id: it
/// speaks for a citizen only once linked with a one-time code ("인증번호 123456", see
/// `LinkCodes`); until then it is a guest with a profile of its own (`guest-` and a hash of
/// the identity), so what it tells the secretary survives a restart and reaches nobody else.
/// Only in demo mode (`serve --demo`) does a sender id naming a shipped demo citizen
/// (`Corpus/profiles`) talk as that citizen.
///
/// Turns of one citizen run one at a time (`TurnLocks`): each reads the conversation and the
/// profile, answers and saves before the next starts, so no message's facts are lost.
/// Sessions are kept for at most `maxSessions` identities, the least recently used dropped.
///
/// The loaded secretary can be replaced while serving (`reload()`): a message already being
/// answered finishes on the old one, and sessions carry over, since a `Conversation` holds
/// only the thread of the talk (facts live in the profiles on disk).
package final class SecretaryResponder: ChatResponder, SecretaryServices {
  private let current: Mutex<SecretaryRuntime>
  private let paths: SecretaryPaths?
  private let clock: @Sendable () -> Date
  private let sessions: Mutex<LRUCache<String, Conversation>>
  private let turns = TurnLocks()
  /// Demo citizens a sender id may name (`--demo`); empty otherwise.
  private let demoCitizens: Set<String>
  /// Links between platform identities and citizens, and their codes.
  package let links: LinkCodes
  /// Identities that asked to erase their data, and when: "삭제 확인" acts only within minutes.
  private let erasureAsked = Mutex(LRUCache<String, Date>(capacity: 10_000))
  /// Held for a whole reload, so two reloads never race to swap.
  private let reloading = Mutex(())
  /// The recent thread of web sessions (and demo citizens), for the page after a reload or a
  /// restart.
  package let threads: ThreadStore

  /// - Parameters:
  ///   - runtime: the loaded secretary.
  ///   - paths: where it was loaded from, for `reload()`; nil when it cannot be reloaded.
  ///   - clock: the time (the serve command passes the system clock; tests a fixed one).
  ///   - demo: whether sender ids may name the shipped demo citizens (never in production).
  ///   - maxSessions: most conversations kept in memory.
  package init(
    runtime: SecretaryRuntime, paths: SecretaryPaths? = nil,
    clock: @escaping @Sendable () -> Date, demo: Bool = false, maxSessions: Int = 10_000
  ) {
    current = Mutex(runtime)
    self.paths = paths
    self.clock = clock
    demoCitizens = demo ? Set(runtime.profiles.demoCitizenIDs()) : []
    sessions = Mutex(LRUCache(capacity: maxSessions))
    links = LinkCodes(book: LinkBook(dataDirectory: runtime.profiles.dataDirectory))
    threads = ThreadStore(dataDirectory: runtime.profiles.dataDirectory)
  }

  /// The secretary answering now.
  package var runtime: SecretaryRuntime { current.withLock { $0 } }

  /// Conversations dropped to keep within `maxSessions`.
  package var sessionEvictions: Int { sessions.withLock { $0.evictions } }

  /// What `/metrics` shows of links and bounds.
  package var counters: [(name: String, help: String, value: Int)] {
    let counts = links.counts
    return [
      ("links_made_total", "Platform identities linked to a citizen by a code.", counts.linked),
      ("link_codes_wrong_total", "Link codes typed that matched no code.", counts.wrongCodes),
      (
        "link_lockouts_total", "Identities locked out after too many wrong codes.",
        counts.identityLockouts
      ),
      (
        "link_codes_revoked_total", "Outstanding codes revoked after too many wrong codes.",
        counts.codesRevoked
      ),
      (
        "session_evictions_total", "Conversations dropped to stay within the bound.",
        sessionEvictions
      ),
      (
        "profile_cache_evictions_total", "Parsed profiles dropped to stay within the bound.",
        runtime.profiles.cacheEvictions
      ),
    ]
  }

  package func respond(to request: ChatRequest) async -> ChatReply {
    let shown =
      keepsThread(request) ? lastButtons(of: request).first { $0.payload == request.text } : nil
    var reply = await answer(request)
    // After the turn: a link, an unlink or an erasure may have changed whom the sender
    // speaks for, and the citizen may just have told their name.
    let citizen = citizen(for: request)
    reply.name = name(of: citizen)
    if keepsThread(request), !request.text.isEmpty {
      // A link code is a secret even once spent: the thread keeps only its shape.
      var message = shown?.title ?? request.text
      if case .code? = AccountCommand(request.text) {
        message = String(message.map { $0.isNumber ? "•" : $0 })
      }
      let turn = ThreadTurn(
        message: message, texts: reply.paragraphs,
        quickReplies: reply.quickReplies, blocks: reply.blocks)
      threads.append(turn, identity: request.sessionKey, citizen: citizen)
    }
    return reply
  }

  package func thread(for request: ChatRequest) -> ChatThread {
    let citizen = citizen(for: request)
    guard keepsThread(request) else { return ChatThread(name: name(of: citizen)) }
    let turns = threads.turns(identity: request.sessionKey, citizen: citizen)
    // The last buttons answer an offer or a question the dialogue holds in memory: offered
    // again only while it still does (not after a restart or an eviction).
    let live = sessions.withLock { $0.get(request.sessionKey)?.citizenID == citizen }
    return ChatThread(
      name: name(of: citizen), turns: turns,
      quickReplies: live ? turns.last?.quickReplies ?? [] : [])
  }

  /// Threads are kept for the page's own sessions, and for demo citizens under `--demo`;
  /// other front ends (Kakao, a speaker, an integrator's back end) keep their own history.
  private func keepsThread(_ request: ChatRequest) -> Bool {
    request.platform == .web
      || (request.platform == .native && demoCitizens.contains(request.sender))
  }

  /// The buttons of the sender's last recorded turn: a tap sends the payload (`/affirm`), and
  /// the thread shows the title the citizen saw (네).
  private func lastButtons(of request: ChatRequest) -> [QuickReply] {
    threads.turns(identity: request.sessionKey, citizen: citizen(for: request)).last?
      .quickReplies ?? []
  }

  /// The citizen's name as the profile holds it, or nil: a header shows a name or nothing.
  private func name(of citizen: String) -> String? {
    guard let name = (try? runtime.profiles.profile(citizen))?["name"]?.stringValue,
      !name.isEmpty
    else { return nil }
    return name
  }

  private func answer(_ request: ChatRequest) async -> ChatReply {
    let now = clock()
    if let command = AccountCommand(request.text) {
      switch command {
      case .code(let digits): return redeem(digits, identity: request.sessionKey, now: now)
      case .unlink: return unlink(identity: request.sessionKey, now: now)
      case .showMine, .eraseMine, .confirmErase:
        let citizen = citizen(for: request)
        await turns.acquire(citizen)
        defer { turns.release(citizen) }
        return await rights(command, identity: request.sessionKey, citizen: citizen, now: now)
      }
    }
    let citizen = citizen(for: request)
    await turns.acquire(citizen)
    defer { turns.release(citizen) }
    return turn(request, citizen: citizen, now: now)
  }

  /// One turn of the dialogue; the caller holds the citizen's turn.
  private func turn(_ request: ChatRequest, citizen: String, now: Date) -> ChatReply {
    let asOf = CivilDate(instant: now, timeZone: CivilDate.seoul)
    let runtime = self.runtime
    let profiles = runtime.profiles
    if (try? profiles.profile(citizen)) == nil {
      try? profiles.save(citizen, .object([("id", .string(citizen))]))
    }
    let dialogue = DialogueManager(runtime: runtime)
    // A session made before a link or unlink spoke for someone else: start afresh.
    var conversation =
      sessions.withLock { $0.get(request.sessionKey) }.flatMap {
        $0.citizenID == citizen ? $0 : nil
      } ?? Conversation(citizenID: citizen)
    // KakaoTalk sends a tapped button's title ("왜?") as the citizen's own words, shown in
    // their bubble; the button it names sends what it stands for.
    var request = request
    if request.platform == .kakao, let payload = conversation.payload(ofButton: request.text) {
      request.text = payload
    }
    let reply: ChatReply
    if request.speaker {
      let turn = dialogue.respondSpoken(to: request.text, in: &conversation, asOf: asOf, now: now)
      reply = ChatReply(
        texts: [turn.text], speech: turn.ssml, endSession: turn.endsConversation,
        intent: conversation.lastIntent)
    } else {
      let answer = dialogue.respond(to: request.text, in: &conversation, asOf: asOf, now: now)
      var text = ChatReply(
        texts: answer.paragraphs.map(TextRenderer.paragraph),
        quickReplies: answer.quickReplies.map { QuickReply(title: $0.title, payload: $0.payload) },
        endSession: answer.endsConversation, intent: conversation.lastIntent)
      if !answer.cards.isEmpty {
        text.blocks = answer.blocks.flatMap { ChatBlock.blocks($0, answers: runtime.answers) }
      }
      reply = text
    }
    sessions.withLock { $0.set(request.sessionKey, conversation) }
    return reply
  }

  /// "내 정보 보여줘" and "내 정보 삭제해줘" → "삭제 확인" (the only commands it is given); the
  /// caller holds the citizen's turn.
  private func rights(_ command: AccountCommand, identity: String, citizen: String, now: Date)
    async -> ChatReply
  {
    let records = CitizenRecords(profiles: runtime.profiles, links: links.book)
    switch command {
    case .showMine:
      let held = records.export(citizen, ledger: nil)
      var consents = 0
      if case .array(let entries)? = held["consents"] { consents = entries.count }
      var identities = 0
      if case .array(let entries)? = held["linkedIdentities"] { identities = entries.count }
      return ChatReply(
        texts: [
          say("account_held"), (held["profile"] ?? .null).prettyText,
          say("account_counts", ["consents": "\(consents)", "identities": "\(identities)"]),
        ], intent: "account")
    case .eraseMine:
      erasureAsked.withLock { $0.set(identity, now) }
      return ChatReply(
        texts: [
          say("erase_ask")
        ], quickReplies: [QuickReply(title: say("erase_confirm"), payload: say("erase_confirm"))],
        intent: "account")
    case .confirmErase, .code, .unlink:
      let asked = erasureAsked.withLock { $0.get(identity) }
      erasureAsked.withLock { $0.remove(identity) }
      guard let asked, now.timeIntervalSince(asked) <= 300, now >= asked else {
        return ChatReply(
          texts: [say("erase_expired")],
          intent: "account")
      }
      do {
        let identities = links.book.identities(of: citizen) + [identity]
        let erasure = try await records.forget(citizen, ledger: nil, now: now)
        threads.erase(identities: identities)
        sessions.withLock { $0.removeAll { $0.citizenID == citizen } }
        return ChatReply(
          texts: [say("erased", ["receipt": erasure.receipt])],
          intent: "account")
      } catch {
        return ChatReply(
          texts: [say("erase_failed")], intent: "account")
      }
    }
  }

  /// An account sentence of `Intents/answers.txt`, its placeholders filled.
  private func say(_ key: String, _ values: [String: String] = [:]) -> String {
    runtime.answers.text(key, values.mapValues { .text($0) })
  }

  /// Redeems a code or unlinks; the dialogue never sees these messages.
  private func redeem(_ digits: String, identity: String, now: Date) -> ChatReply {
    let seconds = Int(now.timeIntervalSince1970)
    let text: String
    switch links.redeem(digits, identity: identity, now: seconds) {
    case .linked:
      sessions.withLock { $0.remove(identity) }
      text = say("link_done")
    case .wrong(let left):
      text = say("link_wrong", ["left": "\(left)"])
    case .lockedOut(let until):
      let minutes = max(1, (until - seconds + 59) / 60)
      text = say("link_locked", ["minutes": "\(minutes)"])
    case .unavailable:
      text = say("link_failed")
    }
    return ChatReply(texts: [text], intent: "account")
  }

  private func unlink(identity: String, now: Date) -> ChatReply {
    let text: String
    if links.book.citizen(for: identity) == nil {
      text = say("unlink_none")
    } else if (try? links.book.append([
      .unlinked(identity: identity, at: Int(now.timeIntervalSince1970))
    ])) != nil {
      sessions.withLock { $0.remove(identity) }
      text = say("unlinked")
    } else {
      text = say("unlink_failed")
    }
    return ChatReply(texts: [text], intent: "account")
  }

  /// The citizen a sender talks as: a demo citizen by id (demo mode only), the linked citizen,
  /// or the identity's own guest.
  private func citizen(for request: ChatRequest) -> String {
    if demoCitizens.contains(request.sender) { return request.sender }
    if let linked = links.book.citizen(for: request.sessionKey) { return linked }
    return Self.guestID(for: request.sessionKey)
  }

  /// A guest's citizen id: derived from the identity, so two messages of a new sender arriving
  /// at once get the same id and two senders never share one (96 bits of SHA-256).
  package static func guestID(for identity: String) -> String {
    "guest-" + SHA256.hash(Array(identity.utf8)).prefix(12).map { $0 }.hexString
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

  package func feed(citizen: String, secret: String) -> String? {
    guard FeedSecrets.matches(citizen: citizen, candidate: secret, in: links.book) else {
      return nil
    }
    return calendar(citizen: citizen)
  }

  package func issueLinkCode(citizen: String) throws -> (code: String, expires: Int)? {
    guard runtime.profiles.citizenIDs().contains(citizen) else { return nil }
    let now = Int(clock().timeIntervalSince1970)
    let lifetime = links.policy.lifetime
    let code = try LinkCodes.issue(citizen: citizen, book: links.book, now: now, lifetime: lifetime)
    return (code, now + lifetime)
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
}
