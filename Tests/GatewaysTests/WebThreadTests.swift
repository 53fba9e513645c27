import Foundation
import Secretary
import Testing

@testable import Gateways

/// `POST /thread`: the chat page's recent turns, kept on disk per identity, so a reload or a
/// restart of the server shows what was said, with the citizen's name or none.
@Suite struct WebThreadTests {
  private func runtime(data: String) async throws -> SecretaryRuntime {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    return shared.withDataDirectory(data)
  }

  private static let key = Array("0123456789abcdef0123456789abcdef".utf8)

  /// A router and responder over one data folder, as `biseo serve` builds them.
  private func server(data: String, demo: Bool = false) async throws -> (
    Router, SecretaryResponder, SessionTokens
  ) {
    let responder = SecretaryResponder(
      runtime: try await runtime(data: data), clock: SecretaryFixture.clock, demo: demo)
    let sessions = SessionTokens(key: Self.key) { 1_772_409_600 }
    let router = Router(metrics: GatewayMetrics(), services: responder, sessions: sessions)
    return (router, responder, sessions)
  }

  private func post(
    _ router: Router, _ responder: SecretaryResponder, _ path: String, _ body: [String: String]
  ) async throws -> (status: Int, object: [String: Any]) {
    let bytes = try JSONSerialization.data(withJSONObject: body)
    let response = await router.response(
      for: HTTPRequest(method: "POST", target: path, headers: [], body: Array(bytes)),
      responder: responder)
    let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    return (response.status, object ?? [:])
  }

  private static func messages(_ thread: [String: Any]) -> [String] {
    (thread["turns"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
  }

  private static func titles(_ thread: [String: Any]) -> [String] {
    (thread["quick_replies"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
  }

  @Test("a web session's turns come back after a restart, without buttons that answer nothing")
  func survivesRestart() async throws {
    let data = NSTemporaryDirectory() + "biseo-thread-\(UUID().uuidString)"
    let (router, responder, sessions) = try await server(data: data, demo: true)
    let token = sessions.issue().token
    let empty = try await post(router, responder, "/thread", ["session": token])
    #expect(empty.status == 200)
    #expect(Self.messages(empty.object).isEmpty)
    #expect(empty.object["name"] == nil, "a guest without a name has none, not a placeholder")

    let asked = try await post(
      router, responder, "/chat", ["session": token, "text": "민방위 언제까지야?"])
    #expect(asked.status == 200)
    let live = try await post(router, responder, "/thread", ["session": token])
    #expect(Self.messages(live.object) == ["민방위 언제까지야?"])
    let turn = try #require((live.object["turns"] as? [[String: Any]])?.first)
    #expect(turn["texts"] as? [String] == asked.object["texts"] as? [String])
    // While the server holds the conversation, its last buttons still stand.
    #expect(Self.titles(live.object) == Self.titles(asked.object))

    // A new server on the same data folder: the same turns, no stale buttons.
    let (again, restarted, _) = try await server(data: data, demo: true)
    let after = try await post(again, restarted, "/thread", ["session": token])
    #expect(Self.messages(after.object) == ["민방위 언제까지야?"])
    #expect(Self.titles(after.object).isEmpty)
  }

  @Test("a tapped button is recorded by its title; a demo citizen's name heads the thread")
  func titlesAndNames() async throws {
    let data = NSTemporaryDirectory() + "biseo-thread-\(UUID().uuidString)"
    let (router, responder, _) = try await server(data: data, demo: true)
    let sender = ["sender": "c004-choi-minho"]
    let asked = try await post(
      router, responder, "/chat", sender.merging(["text": "민방위 언제까지야?"]) { $1 })
    #expect(asked.object["name"] as? String == "최민호")
    let why = try #require(
      (asked.object["quick_replies"] as? [[String: Any]])?.first { $0["title"] as? String == "왜?" })
    let payload = try #require(why["payload"] as? String)
    #expect(payload != "왜?", "the payload is a command, not what the citizen saw")
    _ = try await post(router, responder, "/chat", sender.merging(["text": payload]) { $1 })
    let thread = try await post(router, responder, "/thread", sender)
    #expect(Self.messages(thread.object) == ["민방위 언제까지야?", "왜?"])
    #expect(thread.object["name"] as? String == "최민호")
  }

  @Test("no thread for a forged token or for other front ends' senders")
  func onlyTheWebAndDemoCitizens() async throws {
    let data = NSTemporaryDirectory() + "biseo-thread-\(UUID().uuidString)"
    let (router, responder, _) = try await server(data: data)
    let forged = try await post(router, responder, "/thread", ["session": "v1.x.1.y"])
    #expect(forged.status == 400)
    #expect(try await post(router, responder, "/thread", [:]).status == 400)
    // An integrator's sender: its own front end keeps the history.
    _ = try await post(router, responder, "/chat", ["sender": "u-42", "text": "도움말"])
    let native = try await post(router, responder, "/thread", ["sender": "u-42"])
    #expect(native.status == 200)
    #expect(Self.messages(native.object).isEmpty)
    // Without --demo a citizen id is only a sender: neither its name nor a thread.
    _ = try await post(router, responder, "/chat", ["sender": "c004-choi-minho", "text": "도움말"])
    let id = try await post(router, responder, "/thread", ["sender": "c004-choi-minho"])
    #expect(id.object["name"] == nil)
    #expect(Self.messages(id.object).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: data + "/threads"))
  }

  @Test("thread files are owner-only, bounded, and never shown to the identity's next citizen")
  func storeBoundsAndOwners() throws {
    let data = NSTemporaryDirectory() + "biseo-thread-\(UUID().uuidString)"
    let store = ThreadStore(dataDirectory: data)
    for index in 0..<(ThreadStore.maxTurns + 5) {
      store.append(
        ThreadTurn(
          message: "질문 \(index)", texts: ["답 \(index)"],
          quickReplies: [QuickReply(title: "네", payload: "/affirm")]),
        identity: "web:abc", citizen: "guest-1")
    }
    let turns = store.turns(identity: "web:abc", citizen: "guest-1")
    #expect(turns.count == ThreadStore.maxTurns)
    #expect(turns.first?.message == "질문 5")
    #expect(
      turns.last
        == ThreadTurn(
          message: "질문 34", texts: ["답 34"],
          quickReplies: [
            QuickReply(title: "네", payload: "/affirm")
          ]))
    let path = store.path(of: "web:abc")
    #expect(!path.contains("abc"), "the identity never becomes a file name")
    let file = try FileManager.default.attributesOfItem(atPath: path)
    #expect((file[.posixPermissions] as? Int) == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: store.folder)
    #expect((folder[.posixPermissions] as? Int) == 0o700)
    // Linked since: the guest's thread is not the citizen's.
    #expect(store.turns(identity: "web:abc", citizen: "c901-kim").isEmpty)
    store.append(
      ThreadTurn(message: "인증번호", texts: ["인증되었습니다."]), identity: "web:abc",
      citizen: "c901-kim")
    #expect(store.turns(identity: "web:abc", citizen: "c901-kim").count == 1)
    #expect(store.turns(identity: "web:abc", citizen: "guest-1").isEmpty)
    store.erase(identities: ["web:abc"])
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("삭제 확인 erases the threads of every identity linked to the citizen")
  func erasureRemovesThreads() async throws {
    let data = NSTemporaryDirectory() + "biseo-thread-\(UUID().uuidString)"
    let (router, responder, sessions) = try await server(data: data)
    try responder.runtime.profiles.save(
      "c901-kim", .object([("id", .string("c901-kim")), ("name", .string("김보람"))]))
    let token = sessions.issue().token
    let code = try #require(try responder.issueLinkCode(citizen: "c901-kim")).code
    let linked = try await post(
      router, responder, "/chat", ["session": token, "text": "인증번호 \(code)"])
    #expect(linked.object["name"] as? String == "김보람")
    _ = try await post(
      router, responder, "/chat", ["session": token, "text": "2026-02-10에 아기 낳았어요"])
    #expect(
      try await post(router, responder, "/thread", ["session": token]).object["name"]
        as? String == "김보람")
    _ = try await post(router, responder, "/chat", ["session": token, "text": "내 정보 삭제해줘"])
    _ = try await post(router, responder, "/chat", ["session": token, "text": "삭제 확인"])
    let thread = try await post(router, responder, "/thread", ["session": token])
    #expect(Self.messages(thread.object) == ["삭제 확인"])
    // A link code is never kept, not even spent, in a thread.
    #expect(!Self.messages(thread.object).joined().contains(code))
    #expect(thread.object["name"] == nil)
    for entry in FileManager.default.subpaths(atPath: data) ?? [] {
      let bytes = FileManager.default.contents(atPath: data + "/" + entry) ?? Data()
      for needle in ["김보람", "2026-02-10", code] {
        #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in \(entry)")
      }
    }
  }

  @Test("the echo demo keeps no thread and answers an empty one")
  func echoHasNone() async throws {
    let router = Router(metrics: GatewayMetrics())
    let response = await router.response(
      for: HTTPRequest(
        method: "POST", target: "/thread", headers: [], body: Array(#"{"sender":"a"}"#.utf8)),
      responder: EchoResponder())
    #expect(response.status == 200)
    #expect(String(decoding: response.body, as: UTF8.self) == #"{"quick_replies":[],"turns":[]}"#)
    #expect(response.headers.contains { $0.name == "Cache-Control" && $0.value == "no-store" })
  }
}
