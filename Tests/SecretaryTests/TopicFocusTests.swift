import Testing

@testable import Secretary

/// The titles of the shipped rules behind four multi-rule intents.
private let titles = [
  "basic_pension": "기초연금 신청", "child_allowance": "아동수당", "parental_allowance": "부모급여",
  "youth_rent": "청년월세 지원", "disability_pension": "장애인연금",
  "disability_allowance": "장애수당 (심하지 않은 장애, 기초·차상위)",
  "income_tax_filing": "종합소득세 확정신고", "vat_filing": "부가가치세 확정신고",
  "year_end_settlement": "연말정산", "eitc": "근로장려금·자녀장려금 정기 신청",
  "eitc_semiannual": "근로장려금 반기 신청 (근로소득만)",
  "property_tax": "재산세 납부", "comprehensive_real_estate_tax": "종합부동산세 (주택분) 납부",
  "resident_tax": "주민세 개인분 납부",
  "health_checkup": "일반건강검진 대상", "cancer_screening": "국가 암검진 대상 (위·대장·유방·자궁경부·폐)",
  "liver_cancer_screening": "간암 검진 (고위험군, 반기마다)",
]

private let topics = [
  "benefits": [
    "basic_pension", "child_allowance", "parental_allowance", "youth_rent", "disability_pension",
    "disability_allowance",
  ],
  "income": ["income_tax_filing", "vat_filing", "year_end_settlement", "eitc", "eitc_semiannual"],
  "property": ["property_tax", "comprehensive_real_estate_tax", "resident_tax"],
  "health": ["health_checkup", "cancer_screening", "liver_cancer_screening"],
]

@Suite struct TopicFocusTests {
  @Test(
    "a question that names a service is answered about that service",
    arguments: [
      ("benefits", "기초연금 받을 수 있어?", ["basic_pension"]),
      ("benefits", "우리애아동수당얼마나와", ["child_allowance"]),
      ("benefits", "부모급여랑 아동수당 같이 받나요", ["child_allowance", "parental_allowance"]),
      ("income", "종소세 신고 언제까지", ["income_tax_filing"]),
      ("income", "부가세는?", ["vat_filing"]),
      ("income", "근로장려금 신청", ["eitc", "eitc_semiannual"]),
      ("property", "종부세 얼마나 내?", ["comprehensive_real_estate_tax"]),
      ("health", "간암 검진 대상이야?", ["liver_cancer_screening"]),
      ("health", "일반검진 대상이야", ["health_checkup"]),
    ])
  func named(topic: String, question: String, expected: [String]) {
    #expect(named(topic, question) == expected)
  }

  @Test(
    "a question that names none, or only what every rule shares, names no rule",
    arguments: [
      ("benefits", "받을 수 있는 혜택 뭐 있어"),
      ("income", "세금 신고 언제 해"),
      ("health", "검진 언제 받아"),
      ("health", "올해 건강검진 대상이야?"),
      ("property", "집 세금 납부 기한"),
    ])
  func unnamed(topic: String, question: String) {
    #expect(named(topic, question) == [])
  }

  @Test func abbreviations() {
    #expect(TopicFocus.isAbbreviation("종부세", of: "종합부동산세"))
    #expect(TopicFocus.isAbbreviation("부가세", of: "부가가치세"))
    #expect(!TopicFocus.isAbbreviation("자세", of: "자동차세"))
    #expect(!TopicFocus.isAbbreviation("종합세", of: "종합세"))
    #expect(!TopicFocus.isAbbreviation("부동세", of: "종합부동산세"))
  }

  private func named(_ topic: String, _ question: String) -> [String] {
    TopicFocus(rules: topics[topic] ?? [], title: { titles[$0] ?? $0 }).named(in: question)
  }
}
