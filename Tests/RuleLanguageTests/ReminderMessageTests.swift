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
}
