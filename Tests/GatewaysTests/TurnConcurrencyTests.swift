import CivilCalendar
import Foundation
import Secretary
import Testing

@testable import Gateways

/// One turn at a time per citizen: hundreds of messages for one citizen at once, over HTTP,
/// from several identities linked to that citizen, and none of what they teach is lost.
@Suite("One turn at a time")
struct TurnConcurrencyTests {
  @Test("200 concurrent messages each recording a child: all 200 are in the profile, in order")
  func noLostUpdates() async throws {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    let runtime = shared.withDataDirectory(
      NSTemporaryDirectory() + "biseo-turns-\(UUID().uuidString)")
    let secretary = SecretaryResponder(runtime: runtime, clock: SecretaryFixture.clock)
    // Four identities linked to one guest citizen of the data folder.
    try runtime.profiles.save("family-1", .object([("id", .string("family-1"))]))
    for identity in 0..<4 {
      let code = try #require(try secretary.issueLinkCode(citizen: "family-1"))
      let reply = await secretary.respond(
        to: ChatRequest(sender: "p\(identity)", text: "인증번호 \(code.code)", platform: .native))
      #expect(reply.texts.first?.contains("인증되었습니다") == true)
    }
    let server = try TestServer.start(responder: secretary, services: secretary) {
      $0.loopCount = 2
    }
    let port = server.httpPort
    let start = try #require(CivilDate(year: 2024, month: 1, day: 1))
    let days = (0..<200).map { start.adding(days: $0).description }
    let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
      for connection in 0..<50 {
        group.addTask {
          try await offThread {
            let socket = try RawSocket(port: port)
            socket.setTimeout(120)
            let mine = (0..<4).map { days[connection * 4 + $0] }
            socket.send(
              mine.map { day in
                let text = "\(day)에 아기 낳았어요"
                let body = #"{"sender":"p\#(connection % 4)","text":"\#(text)"}"#
                return httpRequest("POST", "/chat", body: body)
              }.joined())
            return try mine.map { _ in try socket.readResponse().status }
          }
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    await server.stop()
    #expect(statuses.count == 200 && statuses.allSatisfy { $0 == 200 })
    let profile = try runtime.profiles.profile("family-1")
    guard case .array(let children)? = profile["children"] else {
      Issue.record("no children in \(profile.text)")
      return
    }
    let recorded = Set(children.compactMap { $0["birthDate"]?.stringValue })
    #expect(recorded == Set(days))
    let orders = children.compactMap { child -> Int? in
      if case .number(let text)? = child["birthOrder"] { return Int(text) }
      return nil
    }
    #expect(orders == Array(1...200))
  }

  @Test("a new guest's first messages arriving at once share one guest profile")
  func guestsUnderConcurrency() async throws {
    let shared = try #require(await SecretaryFixture.sharedRuntime())
    let runtime = shared.withDataDirectory(
      NSTemporaryDirectory() + "biseo-turns-\(UUID().uuidString)")
    let secretary = SecretaryResponder(runtime: runtime, clock: SecretaryFixture.clock)
    await withTaskGroup(of: Void.self) { group in
      for n in 0..<20 {
        group.addTask {
          _ = await secretary.respond(
            to: ChatRequest(sender: "new", text: "2024-02-\(10 + n)에 아기 낳았어요", platform: .kakao))
        }
      }
    }
    let guest = SecretaryResponder.guestID(for: "kakao:new")
    let ids = runtime.profiles.citizenIDs().filter { $0.hasPrefix("guest-") }
    #expect(ids == [guest])
    guard case .array(let children)? = try runtime.profiles.profile(guest)["children"] else {
      Issue.record("the guest has no children recorded")
      return
    }
    #expect(children.count == 20)
  }
}
