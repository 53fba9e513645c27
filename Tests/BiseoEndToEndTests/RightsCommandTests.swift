import Foundation
import Testing

/// `biseo export` and `biseo forget` on a data folder a daemon has planned and sent into.
@Suite(.serialized) struct RightsCommandTests {
  static let name = "홍길순"
  static let birth = "1993-03-04"
  static let id = "c900-hong-gilsun"

  /// A data folder with a learned citizen (민방위 reminders, one sent on 16 November 2026 and
  /// one planned), a linked identity and a calendar feed.
  static func prepared() throws -> String {
    let data = NSTemporaryDirectory() + "biseo-rights-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: data + "/citizens", withIntermediateDirectories: true)
    let source = BiseoProcess.repositoryRoot.appendingPathComponent(
      "Corpus/profiles/c004-choi-minho.json")
    let text = try String(contentsOf: source, encoding: .utf8)
      .replacingOccurrences(of: "c004-choi-minho", with: id)
      .replacingOccurrences(of: "최민호", with: name)
      .replacingOccurrences(of: "1993-01-01", with: birth)
    try Data(text.utf8).write(to: URL(fileURLWithPath: "\(data)/citizens/\(id).json"))
    for arguments in [
      ["daemon", "--once", "--as-of", "2026-11-16", "--data", data],
      ["link", "--citizen", id, "--data", data],
      ["ical", "--citizen", id, "--feed-url", "--data", data],
    ] {
      let run = try BiseoProcess.run(arguments)
      #expect(run.status == 0, "\(arguments): \(run.stderr)")
    }
    return data
  }

  /// Every file under `folder` that mentions any of `needles`.
  static func mentions(_ needles: [String], in folder: String) throws -> [String] {
    let manager = FileManager.default
    return try (manager.subpaths(atPath: folder) ?? []).filter { entry in
      let path = folder + "/" + entry
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
      else { return false }
      let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
      return needles.contains { bytes.range(of: Data($0.utf8)) != nil } || entry.contains(id)
    }
  }

  @Test("export gives the profile, consents, links, feed and reminders planned and sent")
  func export() async throws {
    let data = try await offPool { try Self.prepared() }
    let run = try await offPool {
      try BiseoProcess.run(["export", "--citizen", Self.id, "--data", data])
    }
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let profile = try #require(json["profile"] as? [String: Any])
    #expect(profile["name"] as? String == Self.name)
    #expect(json["calendarFeed"] as? Bool == true)
    let reminders = try #require(json["reminders"] as? [[String: Any]])
    let states = Set(reminders.compactMap { $0["state"] as? String })
    #expect(states.contains("delivered") && states.contains("planned"), "\(reminders)")
  }

  @Test("forget leaves no file in the data folder with the citizen's name, birth date or id")
  func forget() async throws {
    let data = try await offPool { try Self.prepared() }
    let needles = [Self.name, Self.birth, Self.id]
    // A web page's thread, as `biseo serve` keeps it under a hashed identity.
    try FileManager.default.createDirectory(
      atPath: data + "/threads", withIntermediateDirectories: true)
    let thread = #"{"citizen":"\#(Self.id)","turns":[{"message":"\#(Self.name)","texts":[]}]}"#
    try thread.write(toFile: data + "/threads/0123abcd.json", atomically: true, encoding: .utf8)
    #expect(try !Self.mentions(needles, in: data).isEmpty)
    let refused = try await offPool {
      try BiseoProcess.run(["forget", "--citizen", Self.id, "--data", data])
    }
    #expect(refused.status == 2)
    let run = try await offPool {
      try BiseoProcess.run(["forget", "--citizen", Self.id, "--yes", "--data", data])
    }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("receipt E-"))
    #expect(try Self.mentions(needles, in: data) == [])
    // The next cycle plans nothing for them and sends nothing.
    let again = try await offPool {
      try BiseoProcess.run(["daemon", "--once", "--as-of", "2026-11-27", "--data", data])
    }
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Self.mentions(needles, in: data) == [])
    let erasures = try String(contentsOfFile: data + "/erasures.jsonl", encoding: .utf8)
    #expect(erasures.split(separator: "\n").count == 1 && erasures.contains("\"receipt\""))
  }

  @Test("a citizen erased while the daemon holds their pending reminder: it is never sent")
  func daemonDropsOrphans() async throws {
    let data = try await offPool { try Self.prepared() }
    let outbox = data + "/outbox.jsonl"
    // Lines of the outbox (one per notice sent) that are the citizen's.
    let sent = {
      try String(contentsOfFile: outbox, encoding: .utf8).split(separator: "\n")
        .filter { $0.contains(Self.id) }.count
    }
    #expect(try sent() == 1)
    // What "내 정보 삭제해줘" on a server does to the files it owns: the profile goes.
    try FileManager.default.removeItem(atPath: "\(data)/citizens/\(Self.id).json")
    let run = try await offPool {
      try BiseoProcess.run(["daemon", "--once", "--as-of", "2026-11-27", "--data", data])
    }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try sent() == 1)
    let status = try await offPool { try BiseoProcess.run(["status", "--json", "--data", data]) }
    #expect(!status.stdout.contains(Self.id))
  }
}
