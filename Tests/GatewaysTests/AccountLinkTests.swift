import Foundation
import Secretary
import Testing

@testable import Gateways

/// A sender is a platform identity: it reaches a citizen only through a link made with a
/// one-time code, and wrong codes are limited per identity and per citizen.
@Suite struct AccountLinkTests {
  /// The shipped secretary with a data folder of its own (links are kept there).
  private func responder(demo: Bool = false) async throws -> SecretaryResponder {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    let runtime = shared.withDataDirectory(
      NSTemporaryDirectory() + "biseo-links-\(UUID().uuidString)")
    return SecretaryResponder(runtime: runtime, clock: SecretaryFixture.clock, demo: demo)
  }

  private func say(_ responder: SecretaryResponder, _ sender: String, _ text: String) async
    -> String
  {
    await responder.respond(to: ChatRequest(sender: sender, text: text, platform: .kakao))
      .texts.joined(separator: "\n")
  }

  @Test("without --demo a sender id naming a citizen is a guest, on every front end")
  func senderIsNeverACitizen() async throws {
    let responder = try await responder()
    for platform in ChatPlatform.allCases {
      let reply = await responder.respond(
        to: ChatRequest(sender: "c004-choi-minho", text: "민방위 언제까지야?", platform: platform))
      #expect(!reply.texts.joined().contains("최민호"))
    }
  }

  @Test("a code links the identity once; 연결 끊어줘 makes it a guest again")
  func linkAndUnlink() async throws {
    let responder = try await responder()
    let issued = try #require(try responder.issueLinkCode(citizen: "c004-choi-minho"))
    #expect(issued.code.count == 6)
    #expect(await say(responder, "u-1", "민방위 언제까지야?").contains("최민호") == false)
    #expect(await say(responder, "u-1", "인증번호 \(issued.code)").contains("인증되었습니다"))
    #expect(await say(responder, "u-1", "민방위 언제까지야?").contains("최민호님"))
    // Single use: another identity typing the same code gets nothing.
    #expect(await say(responder, "u-2", "인증 번호 \(issued.code)").contains("맞지 않거나"))
    #expect(await say(responder, "u-2", "민방위 언제까지야?").contains("최민호") == false)
    #expect(await say(responder, "u-1", "연결 끊어줘").contains("연결을 끊었습니다"))
    #expect(await say(responder, "u-1", "민방위 언제까지야?").contains("최민호") == false)
    #expect(await say(responder, "u-1", "연결 끊어줘").contains("연결되어 있지 않습니다"))
    // The journal keeps only the hash, never the digits.
    let journal = try String(contentsOfFile: responder.links.book.path, encoding: .isoLatin1)
    #expect(!journal.contains(issued.code))
    #expect(try responder.issueLinkCode(citizen: "nobody") == nil)
  }

  @Test("five wrong codes lock an identity out, even of the right code")
  func identityLockout() async throws {
    let responder = try await responder()
    let issued = try #require(try responder.issueLinkCode(citizen: "c004-choi-minho"))
    let wrong = issued.code == "000000" ? "000001" : "000000"
    for _ in 0..<4 { _ = await say(responder, "x", "인증번호 \(wrong)") }
    #expect(await say(responder, "x", "인증번호 \(wrong)").contains("분 뒤에"))
    #expect(await say(responder, "x", "인증번호 \(issued.code)").contains("분 뒤에"))
    #expect(responder.links.counts.identityLockouts == 1)
    #expect(responder.links.counts.wrongCodes == 5)
    #expect(responder.counters.contains { $0.name == "link_lockouts_total" && $0.value == 1 })
  }

  @Test("twenty wrong codes from many identities revoke the citizen's outstanding code")
  func citizenLockout() async throws {
    let responder = try await responder()
    let issued = try #require(try responder.issueLinkCode(citizen: "c004-choi-minho"))
    let wrong = issued.code == "000000" ? "000001" : "000000"
    for n in 0..<20 { _ = await say(responder, "guesser-\(n)", "인증번호 \(wrong)") }
    #expect(await say(responder, "owner", "인증번호 \(issued.code)").contains("맞지 않거나"))
    #expect(responder.links.counts.codesRevoked == 1)
  }

  @Test("a code expires; the journal survives a reopen and compaction keeps only what holds")
  func expiryAndCompaction() throws {
    let folder = NSTemporaryDirectory() + "biseo-links-\(UUID().uuidString)"
    let book = LinkBook(dataDirectory: folder)
    let codes = LinkCodes(book: book)
    let code = try LinkCodes.issue(citizen: "c001", book: book, now: 1000, lifetime: 60)
    #expect(codes.redeem(code, identity: "web:a", now: 1060) == .wrong(triesLeft: 4))
    let fresh = try LinkCodes.issue(citizen: "c001", book: book, now: 2000, lifetime: 60)
    #expect(codes.redeem(fresh, identity: "web:a", now: 2001) == .linked(citizen: "c001"))
    try book.append([.code(citizen: "c002", hash: "ab", expires: 9999)])
    try book.append([.linked(identity: "kakao:b", citizen: "c002", hash: "ab", at: 2002)])
    #expect(LinkBook(dataDirectory: folder).state.links == ["web:a": "c001", "kakao:b": "c002"])
    try book.append([.forgotten(citizen: "c002", at: 2003)])
    try book.compact(now: 2004)
    let text = try String(contentsOfFile: book.path, encoding: .isoLatin1)
    #expect(!text.contains("c002") && !text.contains("kakao:b"))
    #expect(LinkBook(dataDirectory: folder).state.links == ["web:a": "c001"])
  }

  @Test("내 정보 보여줘 shows what is held; 내 정보 삭제해줘 erases only after 삭제 확인")
  func rightsInChat() async throws {
    let responder = try await responder()
    let profiles = responder.runtime.profiles
    try profiles.save(
      "c901-kim", .object([("id", .string("c901-kim")), ("name", .string("김보람"))]))
    let issued = try #require(try responder.issueLinkCode(citizen: "c901-kim"))
    _ = await say(responder, "me", "인증번호 \(issued.code)")
    #expect(await say(responder, "me", "2026-02-10에 아기 낳았어요").contains("김보람"))
    #expect(await say(responder, "me", "내 정보 보여줘").contains("2026-02-10"))
    #expect(await say(responder, "me", "삭제 확인").contains("삭제 요청이 없거나"))
    #expect(await say(responder, "me", "내 정보 삭제해줘").contains("삭제 확인"))
    #expect(await say(responder, "me", "삭제 확인").contains("접수번호는 E-"))
    #expect(throws: ProfileStore.Failure.self) { try profiles.profile("c901-kim") }
    #expect(responder.links.book.identities(of: "c901-kim").isEmpty)
    // The identity is a guest again, knowing nothing of her.
    #expect(await !say(responder, "me", "내 정보 보여줘").contains("김보람"))
    let data = profiles.dataDirectory
    for entry in FileManager.default.subpaths(atPath: data) ?? [] {
      let bytes = FileManager.default.contents(atPath: data + "/" + entry) ?? Data()
      for needle in ["김보람", "c901-kim", "2026-02-10"] {
        #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in \(entry)")
      }
    }
  }

  @Test("records read back as written; unknown ones are skipped")
  func recordRoundTrip() {
    let records: [LinkRecord] = [
      .code(citizen: "c", hash: "h", expires: 5),
      .linked(identity: "i", citizen: "c", hash: "h", at: 6),
      .unlinked(identity: "i", at: 7), .codesRevoked(citizen: "c", at: 8),
      .forgotten(citizen: "c", at: 9), .feed(citizen: "c", secret: "s", at: 10),
      .feedRevoked(citizen: "c", at: 11),
    ]
    for record in records { #expect(LinkRecord(payload: record.payload) == record) }
    #expect(LinkRecord(payload: Array(#"{"op":"future"}"#.utf8)) == nil)
    #expect(LinkRecord(payload: Array("not json".utf8)) == nil)
  }

  @Test func accountCommands() {
    #expect(AccountCommand("인증번호 123456") == .code("123456"))
    #expect(AccountCommand("인증 번호 123 456") == .code("123456"))
    #expect(AccountCommand("인증번호 12345") == nil)
    #expect(AccountCommand("인증번호 알려줘") == nil)
    #expect(AccountCommand("연결 끊어줘") == .unlink)
    #expect(AccountCommand("연결 끊어주세요.") == .unlink)
    #expect(AccountCommand("건강검진 대상이야?") == nil)
  }

  @Test("guest ids differ per identity and are the same for one identity")
  func guestIDs() {
    let ids = Set((0..<1000).map { SecretaryResponder.guestID(for: "kakao:u-\($0)") })
    #expect(ids.count == 1000)
    #expect(SecretaryResponder.guestID(for: "chat:a") == SecretaryResponder.guestID(for: "chat:a"))
    #expect(SecretaryResponder.guestID(for: "chat:a") != SecretaryResponder.guestID(for: "rest:a"))
  }

  @Test("POST /admin/link issues a code with the admin token only")
  func adminLink() async throws {
    let responder = try await responder()
    let router = Router(
      metrics: GatewayMetrics(), services: responder, adminToken: SharedSecret("tok"))
    func post(_ body: String, token: String?) async -> HTTPResponse {
      var headers: [HTTPHeader] = []
      if let token { headers.append(HTTPHeader("Authorization", "Bearer \(token)")) }
      return await router.response(
        for: HTTPRequest(
          method: "POST", target: "/admin/link", headers: headers, body: Array(body.utf8)),
        responder: responder)
    }
    #expect(await post(#"{"citizen":"c004-choi-minho"}"#, token: nil).status == 401)
    #expect(await post(#"{"citizen":"c004-choi-minho"}"#, token: "bad").status == 401)
    #expect(await post(#"{"citizen":"nobody"}"#, token: "tok").status == 404)
    #expect(await post(#"{}"#, token: "tok").status == 400)
    let ok = await post(#"{"citizen":"c004-choi-minho"}"#, token: "tok")
    #expect(ok.status == 200)
    let body = String(decoding: ok.body, as: UTF8.self)
    let code = try #require(body.firstMatch(of: #/"code":"(\d{6})"/#)?.output.1)
    #expect(await say(responder, "k", "인증번호 \(code)").contains("인증되었습니다"))
  }
}

@Suite struct LRUCacheTests {
  @Test("keeps the most recently used within capacity and counts evictions")
  func boundedAndRecent() {
    var cache = LRUCache<String, Int>(capacity: 2)
    cache.set("a", 1)
    cache.set("b", 2)
    #expect(cache.get("a") == 1)
    cache.set("c", 3)
    #expect(cache.get("b") == nil)
    #expect(cache.get("a") == 1 && cache.get("c") == 3)
    #expect(cache.evictions == 1 && cache.count == 2)
    cache.remove("a")
    cache.set("d", 4)
    #expect(cache.count == 2 && cache.evictions == 1)
    for n in 0..<10_000 { cache.set("k\(n)", n) }
    #expect(cache.count == 2 && cache.get("k9999") == 9999)
  }
}

@Suite struct FeedSecretTests {
  @Test("a feed secret is 192 random bits, rotates, revokes, and is forgotten with its citizen")
  func rotateAndRevoke() throws {
    let book = LinkBook(dataDirectory: NSTemporaryDirectory() + "biseo-feed-\(UUID().uuidString)")
    #expect(!FeedSecrets.matches(citizen: "c1", candidate: "", in: book))
    let first = try FeedSecrets.rotate(citizen: "c1", in: book, now: 1)
    let other = try FeedSecrets.rotate(citizen: "c2", in: book, now: 1)
    #expect(first.count == 48 && first != other)
    #expect(FeedSecrets.matches(citizen: "c1", candidate: first, in: book))
    #expect(!FeedSecrets.matches(citizen: "c2", candidate: first, in: book))
    #expect(!FeedSecrets.matches(citizen: "c1", candidate: String(first.dropLast()), in: book))
    #expect(!FeedSecrets.matches(citizen: "c1", candidate: first + "0", in: book))
    let second = try FeedSecrets.rotate(citizen: "c1", in: book, now: 2)
    #expect(!FeedSecrets.matches(citizen: "c1", candidate: first, in: book))
    #expect(FeedSecrets.matches(citizen: "c1", candidate: second, in: book))
    try book.append([.feedRevoked(citizen: "c1", at: 3)])
    #expect(!FeedSecrets.matches(citizen: "c1", candidate: second, in: book))
    try book.append([.forgotten(citizen: "c2", at: 4)])
    #expect(FeedSecrets.secret(of: "c2", in: book) == nil)
  }
}
