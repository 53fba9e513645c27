import CivilCalendar
import RuleLanguage
import Testing

@Suite struct ReminderMessageTests {
  @Test("알림 문구의 조사는 채워진 값에 맞춘다")
  func particlesAfterValuesAgree() throws {
    let source = """
      fact name: text from "name" ask "이름"
      fact service: text from "service" ask "서비스"
      rule r "테스트"
        when true
        remind within 2026-01-01 .. 2026-12-31
          notify 0 days after start
          say "{name}님, {service}을/를 {end}까지 받으세요. {name}(이)나 가족이 신청해요."
      """
    let (book, diagnostics) = RuleBook.load([RuleFile(path: "t.rule", text: source)])
    let loaded = try #require(book, "\(diagnostics)")
    let asOf = try #require(CivilDate(iso: "2026-03-02"))
    for (service, particle) in [("건강검진", "을"), ("민방위", "를")] {
      let profile = loaded.profile(json: Array(#"{"name":"김민준","service":"\#(service)"}"#.utf8))
      let evaluation = loaded.evaluator().evaluate(profile, asOf: asOf)
      let message = try #require(evaluation.rule("r")?.reminders.first?.message)
      #expect(message.contains("\(service)\(particle) "), "\(message)")
      #expect(message.contains("김민준이나 가족이"), "\(message)")
    }
  }

  @Test("이름을 모르면 '알 수 없음님' 대신 호칭을 빼고 말한다; 다른 빈 값은 그대로 보인다")
  func anUnknownNameDropsTheAddress() throws {
    let source = """
      fact name: text from "name" ask "이름"
      fact note: text? from "note" ask "메모"
      rule r "테스트"
        when true
        remind within 2026-01-01 .. 2026-12-31
          notify 0 days after start
          say "{name}님, 올해 검진 대상입니다. 메모: {note}."
      """
    let (book, diagnostics) = RuleBook.load([RuleFile(path: "t.rule", text: source)])
    let loaded = try #require(book, "\(diagnostics)")
    let asOf = try #require(CivilDate(iso: "2026-03-02"))
    let message = { (json: String) in
      loaded.evaluator().evaluate(loaded.profile(json: Array(json.utf8)), asOf: asOf)
        .rule("r")?.reminders.first?.message
    }
    #expect(message(#"{"note":null}"#) == "올해 검진 대상입니다. 메모: 없음.")
    #expect(message(#"{"name":"김민준","note":"x"}"#) == "김민준님, 올해 검진 대상입니다. 메모: x.")
  }
}
