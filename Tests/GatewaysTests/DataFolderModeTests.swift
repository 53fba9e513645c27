import Foundation
import Secretary
import Testing

@testable import Gateways

/// What the secretary keeps about citizens is readable by the service's user alone.
@Suite struct DataFolderModeTests {
  @Test("after linking, learning, consenting and a feed: folders 0700, files 0600")
  func ownerOnly() async throws {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    let data = NSTemporaryDirectory() + "biseo-modes-\(UUID().uuidString)/data"
    try DataFolder.ensure(data)
    let runtime = shared.withDataDirectory(data)
    let secretary = SecretaryResponder(runtime: runtime, clock: SecretaryFixture.clock)
    _ = try ServerKey.load(dataDirectory: data)
    let code = try #require(try secretary.issueLinkCode(citizen: "c004-choi-minho"))
    for text in ["인증번호 \(code.code)", "2026-02-10에 아기 낳았어요", "네", "민방위 언제까지야?", "네"] {
      _ = await secretary.respond(to: ChatRequest(sender: "m", text: text, platform: .kakao))
    }
    _ = try FeedSecrets.rotate(citizen: "c004-choi-minho", in: secretary.links.book, now: 1)
    let manager = FileManager.default
    let entries = try #require(manager.subpaths(atPath: data))
    #expect(entries.contains("links.journal") && entries.contains("server.key"))
    #expect(entries.contains("citizens/c004-choi-minho.json"))
    for entry in [""] + entries {
      let path = (data as NSString).appendingPathComponent(entry)
      var isDirectory: ObjCBool = false
      _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
      let mode = try manager.attributesOfItem(atPath: path)[.posixPermissions] as? Int
      #expect(mode == (isDirectory.boolValue ? 0o700 : 0o600), "\(entry)")
    }
  }

  @Test("an existing folder made 0755 by an older version is made private")
  func tightened() throws {
    let data = NSTemporaryDirectory() + "biseo-modes-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    try DataFolder.ensure(data)
    let mode = try FileManager.default.attributesOfItem(atPath: data)[.posixPermissions] as? Int
    #expect(mode == 0o700)
  }
}
