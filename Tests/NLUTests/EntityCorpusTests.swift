import Testing

@testable import NLU

@Suite struct EntityCorpusTests {
  static let path = RepoData.root + "/Corpus/nlu/entities.tsv"

  @Test("개체 시험 문장: 300줄 이상, 오류 없음") func shape() {
    let (cases, diagnostics) = EntityCorpus.read(path: Self.path)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(cases.count >= 300)
    #expect(cases.filter { !$0.entities.isEmpty }.count >= 250)
  }

  // First measured at precision 0.985, recall 0.985 (일주일 뒤, 만 원, 천 원, 첫 아이 missed,
  // "1.2.3.4" read as 3월 4일); after those were fixed 0.982 / 1.000, the extra entities being
  // the integers NumberExtractor reads in "3.3%" and "1.2.3.4".
  @Test("개체 정밀도와 재현율") func scores() {
    let report = Evaluator.evaluateEntities(EntityCorpus.read(path: Self.path).cases)
    #expect(report.precision >= 0.95, "\(report.precision) \(report.mistakes)")
    #expect(report.recall >= 0.9, "\(report.recall) \(report.mistakes)")
  }

  @Test("잘못된 줄은 위치와 함께") func diagnostics() {
    let source = """
      2026-11-29\t[90년생](birth_year=1990)
      어제\t[어제](date=2026-11-28)
      2026-11-29\t[90년생(birth_year=1990)
      2026-11-29\t[90년생](birth_year)
      2026-11-29\t3월 1일부터 5일\tdate_range:3월 2일=x
      """
    let (cases, diagnostics) = EntityCorpus.parse(source, path: "e.tsv")
    #expect(cases.count == 1)
    let rendered = diagnostics.map { "\($0.span.start.line):\($0.span.start.column) \($0.code)" }
    #expect(rendered == ["2:1 D0004", "3:12 I0007", "4:12 D0005", "5:23 D0006"])
  }
}
