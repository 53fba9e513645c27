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

  @Test("스피커는 숫자·날짜·전화번호를 말로 읽고 두 문장만 말한다")
  func speakerReadsNumbersAndSpeaksTwoSentences() throws {
    let reply = Reply(paragraphs: [
      [.text("자동차세는 "), .amount(123_450), .text("이에요.")],
      [.text("납부 기한은 "), .date(try #require(end)), .text("입니다.")],
      [.text("문의는 "), .telephone("110"), .text("번으로 하세요. 👍 https://www.gov.kr **참고**")],
    ])
    let hint = "더 들으시려면 '자세히'라고 말씀하세요."
    let first = SpeechRenderer.turn(reply, hint: hint)
    #expect(
      first.text
        == "자동차세는 십이만 삼천사백오십 원이에요. 납부 기한은 이천이십육 년 십이 월 삼십일 일입니다. "
        + hint)
    #expect(first.hasMore)
    let second = SpeechRenderer.turn(reply, offset: 2, hint: hint)
    #expect(second.text == "문의는 일일공번으로 하세요. 참고.")
    #expect(!second.hasMore)
    let ssml = SpeechRenderer.ssml(reply, hint: hint)
    #expect(ssml.hasPrefix("<speak><s>자동차세는 십이만 삼천사백오십 원이에요.</s>"))
    #expect(
      ssml.hasSuffix("<break time=\"300ms\"/><s>더 들으시려면 &apos;자세히&apos;라고 말씀하세요.</s></speak>"))
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
    #expect(SpeechRenderer.sentences(of: reply) == ["함께 챙길 것: 주민세."])
  }
}
