import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `biseo serve` as a process: calendars equal to `biseo ical`, metrics a Prometheus parser
/// reads, the admin token from the environment or the config file.
///
/// One data folder for the suite (the intent model trains once), with a ledger written by
/// `biseo daemon --once` on the same day, so the reminder gauge has something to count.
@Suite(.serialized) struct ServeEndpointTests {
  static let day = "2026-03-02"
  /// The suite's data folder, prepared off the cooperative pool.
  static func prepared() async throws -> String { try await offPool { data } }

  static let data: String = {
    let folder = NSTemporaryDirectory() + "biseo-serve-e2e-\(UUID().uuidString)"
    _ = try? BiseoProcess.run(["daemon", "--once", "--as-of", day, "--data", folder])
    return folder
  }()

  /// The feed `biseo serve` sends for 최민호, fetched from a running server.
  private func servedCalendar() async throws -> (status: Int, type: String?, body: Data) {
    _ = try await Self.prepared()
    let feed = try await offPool {
      try BiseoProcess.run([
        "ical", "--citizen", "c004-choi-minho", "--feed-url", "--data", Self.data,
      ])
    }
    let path = feed.stdout.trimmingCharacters(in: .newlines)
    #expect(path.hasPrefix("/citizens/c004-choi-minho/") && path.hasSuffix("/reminders.ics"))
    let server = try await ServeProcess.start(["--data", Self.data, "--as-of", Self.day])
    defer { server.stop() }
    // Without the secret, with a wrong one, or for nobody: the same 404.
    let wrong = path.replacingOccurrences(of: "/reminders.ics", with: "0/reminders.ics")
    for probe in [
      "/citizens/nobody/reminders.ics", "/citizens/c004-choi-minho/reminders.ics", wrong,
    ] {
      let answer = try await server.request("GET", probe)
      #expect(answer.status == 404)
      #expect(String(decoding: answer.body, as: UTF8.self) == #"{"error":"no such calendar"}"#)
    }
    let (status, headers, body) = try await server.request("GET", path)
    return (status, headers["content-type"], body)
  }

  @Test("the calendar is byte for byte 'biseo ical' of the same day")
  func calendarMatchesIcal() async throws {
    let (status, type, body) = try await servedCalendar()
    #expect(status == 200)
    #expect(type == "text/calendar; charset=utf-8")
    let ical = try await offPool {
      try BiseoProcess.run([
        "ical", "--citizen", "c004-choi-minho", "--as-of", Self.day, "--data", Self.data,
      ])
    }
    #expect(ical.status == 0)
    #expect(String(decoding: body, as: UTF8.self) == ical.stdout)
  }

  @Test(
    "the served calendar parses with the Python icalendar library",
    .enabled(
      if: PythonPeer.has("icalendar"),
      "skipped: python3 cannot import 'icalendar' (pip install icalendar)"))
  func icalendarReadsIt() async throws {
    let (status, _, body) = try await servedCalendar()
    #expect(status == 200)
    let file = NSTemporaryDirectory() + "biseo-serve-\(UUID().uuidString).ics"
    try body.write(to: URL(fileURLWithPath: file))
    let script = """
      import icalendar, sys
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      events = [c for c in cal.walk() if c.name == 'VEVENT']
      alarms = [c for c in cal.walk() if c.name == 'VALARM']
      print(len(events), len(alarms), events[0].decoded('DTSTART'), events[0]['SUMMARY'])
      """
    let parsed = try await offPool { try PythonPeer.run(script, arguments: [file]) }
    #expect(parsed.status == 0, "\(parsed.output)")
    let text = String(decoding: body, as: UTF8.self)
    let events = text.components(separatedBy: "BEGIN:VEVENT").count - 1
    let alarms = text.components(separatedBy: "BEGIN:VALARM").count - 1
    #expect(events >= 1 && alarms >= events)
    // The first event is 최민호's 민방위 training, due 2026-11-30.
    #expect(parsed.output == "\(events) \(alarms) 2026-11-30 민방위 교육 대상\n")
  }

  @Test(
    "/metrics parses with prometheus_client: requests, latency, intents, reminders by state",
    .enabled(
      if: PythonPeer.has("prometheus_client"),
      "skipped: python3 cannot import 'prometheus_client' (pip install prometheus_client)"))
  func metricsParse() async throws {
    _ = try await Self.prepared()
    let server = try await ServeProcess.start(["--data", Self.data, "--as-of", Self.day, "--demo"])
    defer { server.stop() }
    for text in ["민방위 언제까지야?", "고마워"] {
      let body = #"{"sender":"c004-choi-minho","text":"\#(text)"}"#
      #expect(try await server.request("POST", "/chat", body: body).status == 200)
    }
    #expect(try await server.request("GET", "/nope").status == 404)
    let script = """
      import sys, urllib.request
      from prometheus_client.parser import text_string_to_metric_families
      text = urllib.request.urlopen(sys.argv[1]).read().decode('utf-8')
      for family in text_string_to_metric_families(text):
          for s in family.samples:
              labels = ','.join(f'{k}={v}' for k, v in sorted(s.labels.items()))
              print(family.type, s.name, labels, float(s.value))
      """
    let url = "http://127.0.0.1:\(server.port)/metrics"
    let parsed = try await offPool { try PythonPeer.run(script, arguments: [url]) }
    #expect(parsed.status == 0, "\(parsed.output)")
    let lines = Set(parsed.output.split(separator: "\n").map(String.init))
    for expected in [
      "counter biseo_http_requests_total endpoint=chat,status=200 2.0",
      "counter biseo_http_requests_total endpoint=other,status=404 1.0",
      "histogram biseo_http_request_duration_seconds_count endpoint=chat 2.0",
      "histogram biseo_http_request_duration_seconds_bucket endpoint=chat,le=+Inf 2.0",
      "counter biseo_messages_total frontend=chat,intent=civil_defense 1.0",
      "counter biseo_messages_total frontend=chat,intent=thanks 1.0",
      "gauge biseo_reminders state=planned 3.0", "gauge biseo_reminders state=delivered 3.0",
      "gauge biseo_reminders state=dead 0.0", "gauge biseo_reminders state=parked 0.0",
    ] {
      #expect(lines.contains(expected), "\(expected) not in:\n\(parsed.output)")
    }
  }

  @Test("the admin token: none configured → 404; the environment wins over --config")
  func adminToken() async throws {
    _ = try await Self.prepared()
    let reload = { (server: ServeProcess, token: String?) async throws -> Int in
      try await server.request(
        "POST", "/admin/reload", body: "",
        headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
      ).status
    }
    let plain = try await ServeProcess.start(["--data", Self.data, "--as-of", Self.day])
    #expect(try await reload(plain, "anything") == 404)
    plain.stop()

    let config = NSTemporaryDirectory() + "biseo-serve-\(UUID().uuidString).json"
    try Data(#"{"adminToken": "from-file"}"#.utf8).write(to: URL(fileURLWithPath: config))
    let fromFile = try await ServeProcess.start(["--data", Self.data, "--config", config])
    #expect(try await reload(fromFile, nil) == 401)
    #expect(try await reload(fromFile, "from-file") == 200)
    fromFile.stop()

    let fromEnvironment = try await ServeProcess.start(
      ["--data", Self.data, "--config", config], environment: ["BISEO_ADMIN_TOKEN": "from-env"])
    #expect(try await reload(fromEnvironment, "from-file") == 401)
    #expect(try await reload(fromEnvironment, "from-env") == 200)
    fromEnvironment.stop()
  }

  @Test("a config file with an unknown key stops serve before it listens")
  func misspeltConfigKey() async throws {
    let config = NSTemporaryDirectory() + "biseo-serve-\(UUID().uuidString).json"
    try Data(#"{"adminTokn": "x"}"#.utf8).write(to: URL(fileURLWithPath: config))
    let result = try await offPool {
      try BiseoProcess.run(["serve", "--echo", "--http", "127.0.0.1:0", "--config", config])
    }
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown key 'adminTokn'"))
  }

  @Test("SIGHUP reloads as /admin/reload does: applied, or reported with the old rules kept")
  func hangUpReloads() async throws {
    _ = try await Self.prepared()
    let rules = NSTemporaryDirectory() + "biseo-serve-rules-\(UUID().uuidString)"
    try await offPool {
      try FileManager.default.copyItem(
        at: BiseoProcess.repositoryRoot.appendingPathComponent("Rules"),
        to: URL(fileURLWithPath: rules))
    }
    let server = try await ServeProcess.start(
      ["--data", Self.data, "--as-of", Self.day, "--rules", rules, "--demo"], readErrors: true)
    defer { server.stop() }
    kill(server.process.processIdentifier, SIGHUP)
    let first = try await offPool { server.readErrors(until: "rules and intents") }
    #expect(first.contains("biseo serve: reloaded rules and intents"))
    try Data("rule broken \"깨짐\"\n  when 1 +\n".utf8).write(
      to: URL(fileURLWithPath: rules + "/health/broken.rule"))
    kill(server.process.processIdentifier, SIGHUP)
    let report = try await offPool {
      server.readErrors(until: "keeping the running rules and intents")
    }
    #expect(report.contains("broken.rule:3:1: error:"), "\(report)")
    #expect(report.contains("biseo serve: reload failed, keeping the running rules and intents"))
    let chat = #"{"sender":"c004-choi-minho","text":"민방위 언제까지야?"}"#
    let answer = try await server.request("POST", "/chat", body: chat)
    #expect(answer.status == 200)
    #expect(String(decoding: answer.body, as: UTF8.self).contains("민방위 4년차"))
  }
}
