import Foundation
import Gateways
import Secretary
import Testing

/// `GET /citizens/{id}/{secret}/reminders.ics` over a socket, answered by the real secretary.
@Suite("Citizen calendars")
struct CalendarEndpointTests {
  @Test(
    "ids are plain names; anything that could leave the profile folder is refused",
    arguments: [
      ("/citizens/c004-choi-minho/reminders.ics", "c004-choi-minho"),
      ("/citizens/kakao-u_1/reminders.ics", "kakao-u_1"),
      ("/citizens/../reminders.ics", "odd"), ("/citizens/..%2F..%2Fetc/reminders.ics", "odd"),
      ("/citizens/a.b/reminders.ics", "odd"), ("/citizens/민호/reminders.ics", "odd"),
      ("/citizens/\(String(repeating: "a", count: 65))/reminders.ics", "odd"),
      ("/citizens//reminders.ics", "none"), ("/citizens/a/b/reminders.ics", "a"),
      ("/citizens/a/b/c/reminders.ics", "none"), ("/citizens/a//reminders.ics", "none"),
      ("/citizens/a/b.c/reminders.ics", "odd"),
      ("/citizens/a/reminders.ical", "none"), ("/citizens/reminders.ics", "none"),
    ])
  func paths(path: String, expected: String) {
    switch CalendarEndpoint.citizen(in: path) {
    case .success(let id): #expect(id == expected)
    case .failure(.oddID): #expect(expected == "odd")
    case .failure(.notCalendar): #expect(expected == "none")
    }
  }

  @Test("the feed answers only with its secret; unknown, missing and wrong alike 404")
  func calendarOverHTTP() async throws {
    let runtime = try #require(await SecretaryFixture.sharedRuntime())
    let secretary = SecretaryResponder(
      runtime: runtime.withDataDirectory(
        NSTemporaryDirectory() + "biseo-feed-\(UUID().uuidString)"),
      clock: SecretaryFixture.clock)
    let secret = try FeedSecrets.rotate(
      citizen: "c004-choi-minho", in: secretary.links.book, now: 1)
    #expect(secret.count == 48)
    let server = try TestServer.start(responder: secretary, services: secretary)
    let port = server.httpPort
    let responses = try await offThread {
      let socket = try RawSocket(port: port)
      return try [
        "/citizens/c004-choi-minho/\(secret)/reminders.ics", "/citizens/nobody/reminders.ics",
        "/citizens/..%2Fx/reminders.ics", "/citizens/a/b/c/reminders.ics",
        "/citizens/c004-choi-minho/reminders.ics",
        "/citizens/c004-choi-minho/x\(secret)/reminders.ics",
        "/citizens/nobody/\(secret)/reminders.ics",
      ].map { path in
        socket.send(httpRequest("GET", path))
        return try socket.readResponse()
      }
    }
    await server.stop()
    #expect(responses.map(\.status) == [200, 404, 400, 404, 404, 404, 404])
    // No existence oracle: every refusal of a well-formed feed path is the same bytes.
    for refused in [responses[1], responses[4], responses[5], responses[6]] {
      #expect(refused.text == #"{"error":"no such calendar"}"#)
    }
    let ics = responses[0]
    #expect(ics.headers["content-type"] == "text/calendar; charset=utf-8")
    #expect(ics.text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    #expect(ics.text.hasSuffix("END:VCALENDAR\r\n"))
    // 최민호's one subscription (민방위), due 2026-11-30; stamped with the as-of day.
    #expect(ics.text.contains("UID:c004-choi-minho:civil_defense:2026-11-30@biseo.local\r\n"))
    #expect(ics.text.contains("DTSTAMP:20260302T000000Z\r\n"))
    #expect(ics.text.contains("DTSTART;VALUE=DATE:20261130\r\n"))
    #expect(responses[1].headers["content-type"] == "application/json; charset=utf-8")
    #expect(responses[2].text.contains("letters, digits"))
  }

  @Test("the echo demo has no calendars: 404")
  func echoHasNone() async throws {
    let router = Router(metrics: GatewayMetrics())
    let response = await router.response(
      for: HTTPRequest(method: "GET", target: "/citizens/c004-choi-minho/reminders.ics"),
      responder: EchoResponder())
    #expect(response.status == 404)
  }
}
