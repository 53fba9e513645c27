import Foundation
import Testing

@testable import Secretary

@Suite struct ProfileStoreTests {
  private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "biseo-profiles-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func learnedProfilesShadowDemoOnesAndSurviveANewStore() throws {
    let demo = try temporaryDirectory()
    let data = try temporaryDirectory()
    try Data(#"{"id": "C01", "name": "김민준"}"#.utf8).write(
      to: URL(fileURLWithPath: demo + "/C01.json"))
    let store = ProfileStore(demoDirectory: demo, dataDirectory: data)
    #expect(store.citizenIDs() == ["C01"])
    let profile = try store.profile("C01")
    try store.save("C01", profile.setting("birthDate", to: .string("1990-05-01")))
    let reopened = ProfileStore(demoDirectory: demo, dataDirectory: data)
    #expect(try reopened.profile("C01")["birthDate"] == .string("1990-05-01"))
    #expect(try reopened.profile("C01")["name"] == .string("김민준"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: data + "/citizens")
    #expect(leftovers == ["C01.json"])
  }

  @Test func malformedAndUnknownProfilesAreLocatedErrors() throws {
    let demo = try temporaryDirectory()
    try Data("{\n  \"id\": \"C02\",\n  \"name\" \"이서연\"\n}".utf8).write(
      to: URL(fileURLWithPath: demo + "/C02.json"))
    let store = ProfileStore(demoDirectory: demo, dataDirectory: try temporaryDirectory())
    let problems = store.validate()
    #expect(problems.count == 1)
    #expect(problems.first?.span.start.line == 3)
    #expect(problems.first?.message == "expected ':' after the key, found '\"'")
    #expect(throws: ProfileStore.Failure.self) { try store.profile("C02") }
    #expect(throws: ProfileStore.Failure.self) { try store.profile("nobody") }
    #expect(throws: ProfileStore.Failure.self) { try store.profile("../etc/passwd") }
  }
}
