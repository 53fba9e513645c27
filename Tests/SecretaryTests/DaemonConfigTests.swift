import Testing

@testable import Secretary

@Suite struct DaemonConfigTests {
  @Test func parsesChannelsAliasesAndLimits() throws {
    let text = """
      {"channels": [{"name": "outbox", "kind": "outbox", "settings": {"path": "/tmp/o.jsonl"}},
                    {"name": "alimtalk", "kind": "exec", "settings": {"command": "cat", "timeout": 5}}],
       "defaultChannel": "outbox", "channelAliases": {"kakao": "alimtalk"},
       "quietHours": "22:00-07:30", "horizonDays": 14, "retry": {"maxAttempts": 3},
       "limits": {"alimtalk": {"maxConcurrent": 2, "maxPerSecond": 5}}}
      """
    let config = try DaemonConfig.parse(text, path: "c.json", dataDirectory: "data").get()
    #expect(config.channels.map(\.name) == ["outbox", "alimtalk"])
    #expect(config.channels[1].settings["timeout"] == "5")
    #expect(config.channel(for: "kakao") == "alimtalk")
    #expect(config.channel(for: "toss") == "outbox")
    #expect(config.quietHours == QuietHours(start: 22 * 60, end: 7 * 60 + 30))
    #expect(config.horizonDays == 14 && config.retry.maxAttempts == 3)
    #expect(config.limits["alimtalk"]?.maxConcurrent == 2)
  }

  @Test(arguments: [
    (#"{"channels": [{"kind": "outbox"}]}"#, "a channel needs a 'name'"),
    (#"{"defaultChannel": "sms"}"#, "the default channel 'sms' is not among the channels"),
    (#"{"quietHours": "late"}"#, "quietHours must be 'HH:MM-HH:MM' or 'off', found 'late'"),
    (
      #"{"channelAliases": {"kakao": "nowhere"}}"#,
      "the alias 'kakao' must name a configured channel"
    ),
    ("{\"horizonDays\": 0}", "horizonDays must be 1…366"),
    ("{\"channels\": [", "expected a JSON value, found the end of the file"),
  ])
  func mistakesAreReported(text: String, message: String) {
    guard case .failure(let d) = DaemonConfig.parse(text, path: "c.json", dataDirectory: "data")
    else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(d.message == message)
    #expect(d.span.path == "c.json")
  }
}
