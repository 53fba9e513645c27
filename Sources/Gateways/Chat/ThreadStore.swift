import Delivery
import Foundation
import Secretary
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One exchange as the chat page shows it: the citizen's message and the reply to it.
package struct ThreadTurn: Sendable, Equatable {
  /// What the citizen sent, as their bubble shows it (a button's title, not its payload).
  package var message: String
  /// The reply's paragraphs.
  package var texts: [String]
  /// The buttons the reply offered.
  package var quickReplies: [QuickReply]
  /// The reply in order with its services as cards, when it had any (`ChatReply.blocks`).
  package var blocks: [ChatBlock]

  /// Creates a turn.
  ///
  /// - Parameters:
  ///   - message: the citizen's bubble.
  ///   - texts: the reply's paragraphs.
  ///   - quickReplies: the reply's buttons.
  ///   - blocks: the reply's paragraphs and cards, when it has cards.
  package init(
    message: String, texts: [String], quickReplies: [QuickReply] = [], blocks: [ChatBlock] = []
  ) {
    self.message = message
    self.texts = texts
    self.quickReplies = quickReplies
    self.blocks = blocks
  }
}

/// The recent thread of each web conversation, on disk, so a reload of the page or a restart
/// of the server shows the citizen what was said.
///
/// Only the text is kept: the dialogue's own state (a pending question, an offer) lives in
/// memory and a restart loses it, so the last turn's buttons are offered again only while the
/// server still holds that conversation (`SecretaryResponder.thread(for:)`).
///
/// One file per identity, `DATA/threads/<SHA-256 of the identity, 32 hex>.json`, 0600 in a
/// 0700 folder, holding the citizen it was recorded for and at most `maxTurns` turns. The file
/// name is a hash so that no identity string ever becomes a path. A file recorded for another
/// citizen than the identity now speaks for (a link or unlink since) is never shown and is
/// replaced by the next turn, as `SecretaryResponder` starts its in-memory session afresh.
package final class ThreadStore: Sendable {
  /// Most turns kept per identity; older ones are dropped.
  package static let maxTurns = 30
  /// The folder of the thread files.
  package let folder: String
  /// One writer at a time: two identities never share a file, but reads and the rewrite of
  /// one file must not interleave with an erasure.
  private let lock = Mutex(())

  /// - Parameter dataDirectory: the data folder (`DATA`); files go into `DATA/threads`.
  package init(dataDirectory: String) {
    folder = (dataDirectory as NSString).appendingPathComponent("threads")
  }

  /// The file of an identity.
  package func path(of identity: String) -> String {
    let name = SHA256.hash(Array(identity.utf8)).prefix(16).map { $0 }.hexString
    return (folder as NSString).appendingPathComponent(name + ".json")
  }

  /// The turns recorded for an identity while it spoke for `citizen`, oldest first; empty
  /// when there are none, the file is unreadable, or it was recorded for someone else.
  package func turns(identity: String, citizen: String) -> [ThreadTurn] {
    lock.withLock { _ in read(identity: identity, citizen: citizen) }
  }

  /// Appends a turn, keeping the last `maxTurns`; a failure to write loses only the page's
  /// history, never the answer, so it is ignored.
  package func append(_ turn: ThreadTurn, identity: String, citizen: String) {
    lock.withLock { _ in
      let turns = Array((read(identity: identity, citizen: citizen) + [turn]).suffix(Self.maxTurns))
      let object: JSONOutput = [
        "citizen": .string(citizen),
        "turns": .array(turns.map(Self.encode)),
      ]
      try? write(JSONBody.encode(object), to: path(of: identity))
    }
  }

  /// Removes the threads of these identities (the data subject's erasure).
  package func erase(identities: [String]) {
    lock.withLock { _ in
      for identity in identities { unlink(path(of: identity)) }
    }
  }

  /// Removes every thread recorded for `citizen`, whatever identity it was kept under (the
  /// operator's `biseo forget`, which knows the citizen and not the sessions).
  package func erase(citizen: String) {
    lock.withLock { _ in
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for name in names where name.hasSuffix(".json") {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path),
          let object = try? JSONBody.object(Array(data)),
          object["citizen"] as? String == citizen
        else { continue }
        unlink(path)
      }
    }
  }

  /// A turn as JSON, the shape `POST /thread` answers with too; `cards` and `blocks` as in
  /// `POST /chat` when the reply had services.
  package static func encode(_ turn: ThreadTurn) -> JSONOutput {
    var object: [String: JSONOutput] = [
      "message": .string(turn.message),
      "texts": .array(turn.texts.map(JSONOutput.string)),
      "quick_replies": .array(
        turn.quickReplies.map { ["title": .string($0.title), "payload": .string($0.payload)] }),
    ]
    if turn.blocks.contains(where: { if case .card = $0 { true } else { false } }) {
      let (cards, blocks) = ChatBlock.json(turn.blocks)
      object["cards"] = cards
      object["blocks"] = blocks
    }
    return .object(object)
  }

  private func read(identity: String, citizen: String) -> [ThreadTurn] {
    guard let data = FileManager.default.contents(atPath: path(of: identity)),
      let object = try? JSONBody.object(Array(data)),
      object["citizen"] as? String == citizen, let turns = object["turns"] as? [[String: Any]]
    else { return [] }
    return turns.compactMap { turn in
      guard let message = turn["message"] as? String, let texts = turn["texts"] as? [String]
      else { return nil }
      let buttons = (turn["quick_replies"] as? [[String: Any]] ?? []).compactMap { button in
        (button["title"] as? String).flatMap { title in
          (button["payload"] as? String).map { QuickReply(title: title, payload: $0) }
        }
      }
      return ThreadTurn(
        message: message, texts: texts, quickReplies: buttons,
        blocks: ChatBlock.blocks(cards: turn["cards"], order: turn["blocks"]))
    }
  }

  /// Writes owner-only through a temporary file and a rename, so a crash leaves the old
  /// thread or the new one.
  private func write(_ bytes: [UInt8], to path: String) throws {
    try DataFolder.ensure(folder)
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
    let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw CocoaError(.fileWriteUnknown)
    }
  }
}
