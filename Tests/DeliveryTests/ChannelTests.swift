@testable import Delivery
import Foundation
import Synchronization
import Testing

@Suite struct ChannelTests {
  static func notice(_ i: Int = 42, recipient: String = "") -> Notice {
    Notice(
      key: "c\(i)-health_checkup-2026-d14", citizen: "c\(i)", channel: "outbox",
      recipient: recipient, title: "일반건강검진 마감", body: "올해 일반건강검진 마감이 14일 남았어요.",
      due: Date(timeIntervalSince1970: 1_797_465_600), metadata: ["reminder": "health_checkup"])
  }

  @Test func registryBuildsBuiltInsByKindAndRejectsBadConfig() throws {
    let registry = ChannelRegistry.builtIn(clock: ManualClock())
    #expect(registry.kinds == ["console", "exec", "outbox", "smtp", "webhook"])
    let channels = try registry.makeAll([
      ChannelConfig(name: "console"),
      ChannelConfig(
        name: "ops-hook", kind: "webhook",
        settings: [
          "url": "http://127.0.0.1:9/hook", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ]),
      ChannelConfig(name: "script", kind: "exec", settings: ["command": "cat >/dev/null"]),
    ])
    #expect(channels.keys.sorted() == ["console", "ops-hook", "script"])
    #expect(throws: ChannelError.self) { try registry.make(ChannelConfig(name: "pager")) }
    #expect(throws: ChannelError.misconfigured(channel: "mail", reason: "missing setting 'host'")) {
      try registry.make(ChannelConfig(name: "mail", kind: "smtp", settings: ["from": "a@b"]))
    }
    #expect(throws: ChannelError.self) {
      try registry.makeAll([ChannelConfig(name: "console"), ChannelConfig(name: "console")])
    }
  }

  @Test func consoleWritesOneLinePerNotice() async throws {
    let lines = Mutex<[String]>([])
    let console = ConsoleChannel { line in lines.withLock { $0.append(line) } }
    var notice = Self.notice()
    notice.body = "두 줄\n메시지"
    _ = try await console.send(notice)
    #expect(
      lines.withLock { $0 } == ["[c42] 일반건강검진 마감: 두 줄 메시지 (c42-health_checkup-2026-d14)\n"])
  }

  @Test func outboxWritesSortedJSONLinesAndDeduplicatesAcrossReopen() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("outbox.jsonl")
    let clock = ManualClock()
    do {
      let outbox = try OutboxChannel(path: path, clock: clock)
      #expect(try await outbox.send(Self.notice(1)) == Receipt("written to outbox"))
      #expect(try await outbox.send(Self.notice(1)) == Receipt("already in outbox"))
      outbox.close()
    }
    // A torn last line (crash mid-write) is cut on reopen; its key is not considered sent.
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"id\":\"c2-health".utf8))
    try handle.close()
    let outbox = try OutboxChannel(path: path, clock: clock)
    #expect(outbox.contains(Self.notice(1).key))
    #expect(!outbox.contains("c2-health"))
    #expect(try await outbox.send(Self.notice(1)) == Receipt("already in outbox"))
    _ = try await outbox.send(Self.notice(2))
    outbox.close()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2 && text.hasSuffix("\n"))
    #expect(
      lines[0]
        == """
        {"at":"2026-12-17T00:00:00Z","channel":"outbox","citizen":"c1","due":"2026-12-17T00:00:00Z",\
        "id":"c1-health_checkup-2026-d14","metadata":{"reminder":"health_checkup"},"recipient":"",\
        "text":"올해 일반건강검진 마감이 14일 남았어요.","title":"일반건강검진 마감"}
        """)
  }

  @Test func outboxReportsBadLinesByNumberAndAcceptsCRLFAndBlankLines() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("o.jsonl")
    let text = "{\"id\":\"a\"}\r\nnot json\n\n{\"no_id\":1}\n{\"id\":\"b\"}\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let outbox = try OutboxChannel(path: path, clock: ManualClock())
    outbox.close()
    #expect(outbox.unreadableLines == [2, 4])
    #expect(outbox.contains("a") && outbox.contains("b"))
    #expect(outbox.cutBytes == 0)
  }

  @Test func outboxAcceptsConcurrentSendsOncePerKey() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let outbox = try OutboxChannel(path: dir.file("o.jsonl"), clock: ManualClock())
    let written = try await withThrowingTaskGroup(of: Receipt.self) { group in
      for i in 0..<300 { group.addTask { try await outbox.send(Self.notice(i % 100)) } }
      return try await group.reduce(0) { $0 + ($1 == Receipt("written to outbox") ? 1 : 0) }
    }
    #expect(written == 100)
    outbox.close()
    let lines = try String(contentsOfFile: dir.file("o.jsonl"), encoding: .utf8).split(
      separator: "\n")
    #expect(lines.count == 100)
  }

  @Test("한 키의 동시 전송은 한 번의 쓰기 결과를 공유한다")
  func concurrentSendsOfOneKeyShareTheWriteOutcome() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let outbox = try OutboxChannel(
      path: dir.file("o.jsonl"), clock: ManualClock(), onFailure: { _ in },
      wrap: { FaultyDevice($0, failSyncAt: 1, syncDelayMicros: 20_000) })
    let successes = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<10 {
        group.addTask { (try? await outbox.send(Self.notice(7))) != nil }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(successes == 0, "a send reported success although the only write failed")
    #expect(!outbox.contains(Self.notice(7).key))
  }

  @Test func execPassesJSONOnStdinAndClassifiesExitCodes() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.file("stdin.json")
    let ok = ExecChannel(command: "cat > '\(out)'; echo \"queued $BISEO_KEY\"")
    #expect(try await ok.send(Self.notice()) == Receipt("queued c42-health_checkup-2026-d14"))
    let written = try JSONDecoder.delivery.decode(
      Notice.self, from: Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(written == Self.notice())
    await #expect(throws: ChannelError.transient(reason: "command exit 75: busy\n")) {
      try await ExecChannel(command: "cat >/dev/null; echo busy >&2; exit 75").send(Self.notice())
    }
    await #expect(throws: ChannelError.permanent(reason: "command exit 3: ")) {
      try await ExecChannel(command: "exit 3").send(Self.notice())
    }
    let slow = ExecChannel(command: "sleep 5", timeout: 0.3)
    await #expect(throws: ChannelError.transient(reason: "command timed out after 0.3 s")) {
      try await slow.send(Self.notice())
    }
  }

  @Test func smtpDotStuffingDoublesALeadingDot() {
    let data = SMTPMessage.dotStuffed(["line one", ".hidden dot line", "..two"])
    #expect(data == "line one\r\n..hidden dot line\r\n...two\r\n.\r\n")
  }

  @Test func smtpMessageHeadersAreRFC5322() throws {
    var notice = Self.notice(recipient: "citizen@example.org")
    notice.key = "c002-park-junho:birth_registration:2026-11-20:2026-11-13:mail"
    notice.metadata["name"] = "박준호"
    notice.body = "line one\n.hidden dot line\n\n<b>&</b>"
    let sender = SMTPMessage.Sender(address: "biseo@example.org", name: "비서", footer: "끝")
    let bytes = SMTPMessage.data(
      for: notice, sender: sender, date: notice.due, domain: "biseo.example")
    let data = String(decoding: bytes, as: UTF8.self)
    #expect(data.hasSuffix("\r\n.\r\n"))
    #expect(data.contains("Date: Thu, 17 Dec 2026 00:00:00 +0000\r\n"))
    let id = SMTPHeaders.messageID(key: notice.key, domain: "biseo.example")
    #expect(id.wholeMatch(of: /<[0-9a-f]{32}@biseo\.example>/) != nil)
    #expect(data.contains("Message-ID: \(id)\r\n"))
    #expect(id == SMTPHeaders.messageID(key: notice.key, domain: "biseo.example"), "stable")
    #expect(data.contains("From: =?UTF-8?B?67mE7ISc?= <biseo@example.org>\r\n"))
    #expect(data.contains("To: =?UTF-8?B?67CV7KSA7Zi4?= <citizen@example.org>\r\n"))
    #expect(
      data.contains("List-Unsubscribe: <mailto:biseo@example.org?subject=unsubscribe>\r\n"))
    #expect(data.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_biseo_"))
    #expect(data.contains("Content-Type: text/plain; charset=UTF-8\r\n"))
    #expect(data.contains("Content-Type: text/html; charset=UTF-8\r\n"))
    #expect(
      !data.contains("\n\n") && !data.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    let lines = data.components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.count <= 78 }, "no line over 78 characters")
    let html = try #require(Self.decodedPart(lines, after: "Content-Type: text/html"))
    #expect(html.contains("<p>line one<br>\n.hidden dot line</p>"))
    #expect(html.contains("<p>&lt;b&gt;&amp;&lt;/b&gt;</p>") && html.contains("<p>끝</p>"))
    let plain = try #require(Self.decodedPart(lines, after: "Content-Type: text/plain"))
    #expect(plain == "line one\n.hidden dot line\n\n<b>&</b>\n\n끝")
  }

  /// The base64 body of the part whose header starts with `header`, decoded.
  static func decodedPart(_ lines: [String], after header: String) -> String? {
    guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }),
      let blank = lines[start...].firstIndex(of: "")
    else { return nil }
    let body = lines[(blank + 1)...].prefix { !$0.hasPrefix("--") }.joined()
    return Data(base64Encoded: body).map {
      String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
  }

  @Test func smtpEncodedWordsNeverSplitACharacter() throws {
    let words = SMTPHeaders.encodedWords(String(repeating: "일반건강검진 마감 ", count: 6))
    #expect(words.count > 1)
    var decoded: [UInt8] = []
    for word in words {
      #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
      let chunk = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
      #expect(String(data: chunk, encoding: .utf8) != nil, "a word split a character")
      decoded += chunk
    }
    #expect(String(decoding: decoded, as: UTF8.self) == String(repeating: "일반건강검진 마감 ", count: 6))
    #expect(SMTPHeaders.encodedWords("Checkup due") == ["Checkup due"])
    #expect(SMTPHeaders.mailbox("a@b.example", name: "Kim, Jiwoo").hasPrefix("=?UTF-8?B?"))
    #expect(SMTPHeaders.mailbox("a@b.example", name: "Biseo") == "Biseo <a@b.example>")
    #expect(SMTPHeaders.mailbox("a@b.example", name: "") == "<a@b.example>")
  }

  @Test func smtpRefusesADomainThatIsNoDotAtom() {
    #expect(throws: ChannelError.self) {
      try SMTPChannel(
        config: ChannelConfig(
          name: "mail", kind: "smtp",
          settings: ["host": "h", "from": "b@x.example", "domain": "mail:biseo"]),
        clock: ManualClock())
    }
    #expect(SMTPHeaders.isDotAtom("mail.biseo.example") && !SMTPHeaders.isDotAtom("a..b"))
  }

  @Test func smtpRejectsABadRecipientWithoutConnecting() async {
    let smtp = SMTPChannel(host: "127.0.0.1", port: 9, from: "b@x", clock: ManualClock())
    await #expect(
      throws: ChannelError.unaddressed(reason: "'x\r\nRCPT TO:<y@z>' is not an e-mail address")
    ) {
      try await smtp.send(Self.notice(recipient: "x\r\nRCPT TO:<y@z>"))
    }
    // No address at all: parked by the dispatcher (docs/delivery.md), not a failure.
    await #expect(throws: ChannelError.unaddressed(reason: "no e-mail address")) {
      try await smtp.send(Self.notice(recipient: ""))
    }
  }
}
