import CivilCalendar
import Testing

@testable import Secretary

@Suite struct RenderingTests {
  private let end = CivilDate(year: 2026, month: 12, day: 31)

  @Test("자리표시자 뒤의 조사는 채워진 말에 맞춘다")
  func particlesFollowTheFilledValue() throws {
    let template = ReplyTemplate("{name}님, {service}을/를 {end}까지 받으세요.")
    let values: [String: TemplateValue] = [
      "name": .text("김민준"), "service": .text("건강검진"), "end": .date(try #require(end)),
    ]
    let (segments, missing) = template.render(values)
    #expect(missing.isEmpty)
    #expect(TextRenderer.paragraph(segments) == "김민준님, 건강검진을 2026년 12월 31일까지 받으세요.")
    let civil = template.render(values.merging(["service": .text("민방위 교육")]) { $1 })
    #expect(TextRenderer.paragraph(civil.segments).contains("민방위 교육을"))
    let defense = template.render(values.merging(["service": .text("민방위")]) { $1 })
    #expect(TextRenderer.paragraph(defense.segments).contains("민방위를"))
  }

  @Test(arguments: [
    ("{x}이/가 있어요", "자동차세", "자동차세가 있어요"), ("{x}은/는 달라요", "재산세", "재산세는 달라요"),
    ("{x}(으)로 가요", "서울", "서울로 가요"), ("{x}(이)나 써요", "연필", "연필이나 써요"), ("{x}으로/로 가요", "서울", "서울로 가요"),
    ("{x}으로/로 가요", "부산", "부산으로 가요"), ("{x}(을)를 내요", "SK", "SK를 내요"),
    ("{x}과/와 함께", "여권", "여권과 함께"),
  ])
  func particlePairs(template: String, value: String, expected: String) {
    let (segments, _) = ReplyTemplate(template).render(["x": .text(value)])
    #expect(TextRenderer.paragraph(segments) == expected)
  }

  @Test func missingValuesRenderAsNothingAndAreReported() {
    let (segments, missing) = ReplyTemplate("{name}님 안녕하세요").render([:])
    #expect(TextRenderer.paragraph(segments) == "님 안녕하세요")
    #expect(missing == ["name"])
    #expect(ReplyTemplate("{a} {b}{tel:110}").placeholders == ["a", "b"])
  }

  @Test("스피커는 숫자·날짜·전화번호를 말로 읽고, 한 차례는 음절 예산 안에서 말한다")
  func speakerReadsNumbersWithinTheBudget() throws {
    let reply = Reply(paragraphs: [
      [.text("자동차세는 "), .amount(123_450), .text("이에요.")],
      [.text("납부 기한은 "), .date(try #require(end)), .text("입니다.")],
      [.text("문의는 "), .telephone("110"), .text("번으로 하세요. 👍 https://www.gov.kr **참고**")],
      [.text("위택스나 은행 앱에서 바로 낼 수 있고, 고지서가 없어도 조회할 수 있습니다.")],
    ])
    let hint = "더 들으시려면 '자세히'라고 하세요."
    // 18 + 21 syllables and the hint's 14 fit 55; the third sentence would not.
    let first = SpeechRenderer.turn(reply, hint: hint)
    #expect(
      first.text
        == "자동차세는 십이만 삼천사백오십 원이에요. 납부 기한은 이천이십육 년 십이 월 삼십일 일입니다. "
        + hint)
    #expect(first.hasMore)
    let second = SpeechRenderer.turn(reply, offset: 2, hint: hint)
    #expect(
      second.text == "문의는 일일공번으로 하세요. 참고. 위택스나 은행 앱에서 바로 낼 수 있고, 고지서가 없어도 조회할 수 있습니다.")
    #expect(!second.hasMore)
    let ssml = SpeechRenderer.ssml(reply, hint: hint)
    #expect(ssml.hasPrefix("<speak><s>자동차세는 십이만 삼천사백오십 원이에요.</s>"))
    #expect(
      ssml.hasSuffix("<break time=\"300ms\"/><s>더 들으시려면 &apos;자세히&apos;라고 하세요.</s></speak>"))
  }

  @Test("스피커는 올해 연도, 부르는 이름, 줄표·쌍점을 말하지 않는다")
  func speakerLeavesOutWhatIsKnown() throws {
    let asOf = try #require(CivilDate(year: 2026, month: 3, day: 2))
    let next = try #require(CivilDate(year: 2027, month: 1, day: 16))
    let last = try #require(CivilDate(year: 2027, month: 2, day: 1))
    let reply = Reply(paragraphs: [
      [.text("6월 16일부터 — 박준호님, 자동차세를 "), .date(try #require(end)), .text("까지 내세요.")],
      [.text("다음 기간은 "), .date(next), .text("부터 "), .date(last), .text("까지예요.")],
      [.text("함께 챙길 것: 2026년 6월 30일, 2026년부터는 다를 수 있어요")],
    ])
    #expect(
      SpeechRenderer.sentences(of: reply, asOf: asOf, name: "박준호") == [
        "유월 십육 일부터, 자동차세를 십이 월 삼십일 일까지 내세요.",
        "다음 기간은 내년 일 월 십육 일부터 이 월 일 일까지예요.",
        "함께 챙길 것, 유월 삼십 일, 이천이십육 년부터는 다를 수 있어요.",
      ])
    #expect(
      SpeechRenderer.withoutYear(2026, in: "2026년 6월, 2026년 12월 1일, 2026년에 갱신, 2026년부터")
        == "6월, 12월 1일, 올해 갱신, 2026년부터"
    )
    #expect(
      SpeechRenderer.withoutYear(2026, in: "2027년 5월 1일부터 2027년 5월 31일까지, 2028년 민방위, 2027년 민방위")
        == "내년 5월 1일부터 5월 31일까지, 2028년 민방위, 내년 민방위")
  }

  @Test("알림 제안은 그 차례를 닫는 하나의 질문: 힌트는 그 답 뒤로 미룬다")
  func offerClosesTheTurn() {
    let hint = "더 들으시려면 '자세히'라고 하세요."
    let sentences = ["유월 삼십 일까지 내세요.", "삼 월에 연납하면 아낄 수 있습니다.", "삼 월 삼십일 일까지 신청하세요."]
    let turn = SpeechRenderer.plan(sentences: sentences, hint: hint, question: "기한 전에 알림을 보내 드릴까요?")
    #expect(
      turn.text == "유월 삼십 일까지 내세요. 삼 월에 연납하면 아낄 수 있습니다. 삼 월 삼십일 일까지 신청하세요. 기한 전에 알림을 보내 드릴까요?")
    #expect(!turn.hasMore && turn.hint == nil)
    let long = Array(repeating: "자동차세 십일만 육천삼백삼십 원 납부 기간입니다.", count: 3)
    let asked = SpeechRenderer.plan(sentences: long, hint: hint, question: "기한 전에 알림을 보내 드릴까요?")
    #expect(asked.said.count == 2 && asked.hasMore && asked.hint == nil, "\(asked)")
    #expect(SpeechRenderer.syllables(in: asked.text) <= SpeechRenderer.syllableBudget)
    let answered = SpeechRenderer.plan(
      sentences: ["알림을 신청했어요.", "카카오톡으로 알려 드릴게요."], hint: hint, continues: true)
    #expect(answered.text == "알림을 신청했어요. 카카오톡으로 알려 드릴게요. " + hint)
  }

  @Test func textRendering() {
    #expect(TextRenderer.grouped(1_234_567) == "1,234,567")
    #expect(TextRenderer.grouped(-1000) == "-1,000")
    #expect(TextRenderer.text(of: Reply("첫 문단", "둘째 문단")) == "첫 문단\n\n둘째 문단")
  }

  @Test("말로 할 때: 괄호·낫표·§·로마자를 읽을 수 있게, 괄호를 뺀 자리에 빈칸을 남기지 않는다")
  func speechReadsWrittenMarks() {
    #expect(SpeechRenderer.clean("「간암 검진 (고위험군)」에 해당해요.") == "간암 검진에 해당해요.")
    #expect(SpeechRenderer.clean("상속세 및 증여세법 §67 ① 기한") == "상속세 및 증여세법 제67조 제1항 기한")
    #expect(SpeechRenderer.clean("BCG 접종, 국적 KR") == "비씨지 접종, 국적 한국")
    let law = Reply(paragraphs: [[.text("국민건강보험법 §52에 따라")]])
    #expect(SpeechRenderer.sentences(of: law) == ["국민건강보험법 제오십이조에 따라."])
    let reply = Reply(paragraphs: [[.text("함께 챙길 것: 주민세")], [.citation("지방세법 §127")]])
    #expect(SpeechRenderer.sentences(of: reply) == ["함께 챙길 것, 주민세."])
  }
}
