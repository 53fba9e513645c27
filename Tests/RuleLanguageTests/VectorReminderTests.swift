import CivilCalendar
import Testing

@testable import RuleLanguage

/// Reminders composed from the vector lane's columns (windows, notification days, messages)
/// held to the general machine's, at widths 1, 3 and 100, through the planner's path and
/// `evaluate`.
@Suite struct VectorReminderTests {
  static let rules = """
    fact name: text from "name" ask "이름"
    fact born: date from "born" ask "생일"
    fact bill: money from "bill" ask "세액"
    fact due: date? from "due" ask "기한"
    fact kids: [text] from "kids" ask "자녀"
    fact rate: decimal from "rate" ask "비율"
    fact months: int from "months" ask "개월"
    param lead: duration
      = 3 days since 2000-01-01
      = 5 days since 2026-07-01
    rule yearly "연간 검진"
      when age(born, today) >= 20
      remind within start_of_year(today) .. end_of_year(today)
        notify 0 days after start, 60 days before end, 1 month before end, 14 days before end
        say "{name}님, {bill}원을 {end}까지 내세요 ({start}부터)."
    rule business "영업일"
      let last = next_business_day(date(year(today), 6, 30))
      when bill > 0
      remind within date(year(today), 6, 1) .. last
        notify 0 days after start, lead before end
        say "{name}님, 자동차세 {bill}원은 {last}까지입니다. 이율 {rate}."
    rule dueDate "기한"
      let d = due ?? today
      when due != none
      remind within d - 10 days .. d
        notify 3 days before end, (if months > 6 then 1 month else 2 days) before start
        say "기한 {end}, 아이 {kids} ({months}개월)"
      remind within date(year(d), months, 1) .. d + 1 month
        notify 0 days after start, 1 day after end
        say "{name}님, 둘째 창: {start}~{end}"
    rule divided "나눗셈"
      let share = bill / months
      when bill >= 0
      remind within today .. today + 1 day
        notify 0 days after start
        say "{name}님, {bill}원 중 {share}원"
    rule never "안 맞음"
      when bill < 0 and age(born, today) > 200
      remind within today .. today
        notify 0 days after start
        say "없음"
    """

  static let citizens = [
    #"{"id":"a","name":"김민준","born":"1990-05-01","bill":120000,"due":"2026-08-31","kids":["서연","하준"],"rate":1.5,"months":2}"#,
    #"{"id":"b","name":"이서연","born":"2010-01-01","bill":0,"due":null,"kids":[],"rate":"0","months":1}"#,
    #"{"id":"c","born":"1980-02-29","bill":50000,"kids":["x"],"rate":"2.25","months":0}"#,
    #"{"id":"d","name":"박지훈","bill":7,"due":"2026-02-28","months":13}"#,
    #"{"id":"e","name":"최","born":"1970-12-31","due":"2026-12-31","kids":[],"rate":0.5,"months":12}"#,
    #"{"id":"f"}"#,
    #"{"id":"g","name":"정","born":"2000-01-01","bill":-5,"due":"2027-01-31","months":-1}"#,
  ]

  static let dates = ["2026-06-15", "2026-07-02", "2027-01-01"]

  /// Each citizen's reminders of every rule, as text: through the planner's path (a batch of
  /// `width`, `select` with every reminding rule) or the general machine alone.
  static func reminders(
    _ book: RuleBook, lines: [String], asOf: CivilDate, width: Int?,
    within: ClosedRange<CivilDate>? = nil
  ) -> [String] {
    let evaluator = book.evaluator()
    evaluator.vectorLaneEnabled = width != nil
    let profiles = lines.map { book.profile(json: Array($0.utf8)) }
    let rules = Array(book.ruleNames.indices)
    var out: [String] = []
    let size = width ?? 1
    profiles.withUnsafeBufferPointer { all in
      for start in stride(from: 0, to: all.count, by: size) {
        let batch = UnsafeBufferPointer(rebasing: all[start..<min(start + size, all.count)])
        let ran = width != nil && evaluator.compute(batch: batch, asOf: asOf, reminders: true)
        for i in 0..<batch.count {
          if ran {
            evaluator.select(i, of: batch, asOf: asOf, rules: rules)
          } else {
            evaluator.compute(batch[i], asOf: asOf, rules: rules)
          }
          for r in rules {
            out.append(
              "\(lines[start + i]) \(book.ruleNames[r]) holds=\(evaluator.holds(r)) "
                + "\(evaluator.reminders(ofRule: r, notifyingWithin: within))")
          }
        }
      }
    }
    return out
  }

  @Test("벡터 길이가 만든 알림(창, 알림일, 문구)이 일반 기계와 같다: 폭 1, 3, 100")
  func laneRemindersAgree() throws {
    let b = try book(Self.rules)
    // Every rule's reminders are computed in the lane.
    for r in b.ruleNames.indices { #expect(b.vector?.reminders[r] != nil, "\(b.ruleNames[r])") }
    for date in Self.dates {
      let asOf = day(date)
      let general = Self.reminders(b, lines: Self.citizens, asOf: asOf, width: nil)
      #expect(general.contains { $0.contains("김민준님, 120,000원") }, "\(general)")
      #expect(general.contains { $0.contains("division by zero") }, "\(general)")
      for width in [1, 3, 100] {
        let lane = Self.reminders(b, lines: Self.citizens, asOf: asOf, width: width)
        #expect(lane == general, "width \(width) on \(date)")
        let within = asOf...asOf.adding(days: 20)
        #expect(
          Self.reminders(b, lines: Self.citizens, asOf: asOf, width: width, within: within)
            == Self.reminders(b, lines: Self.citizens, asOf: asOf, width: nil, within: within))
      }
    }
  }

  @Test("evaluate는 일반 기계 없이 벡터 길이의 알림을 쓴다; 결과는 일반 기계와 같다")
  func evaluateTakesTheLane() throws {
    let b = try book(Self.rules)
    let (lane, general) = (b.evaluator(), b.evaluator())
    general.vectorLaneEnabled = false
    for date in Self.dates {
      for line in Self.citizens {
        let profile = b.profile(json: Array(line.utf8))
        let x = lane.evaluate(profile, asOf: day(date))
        let y = general.evaluate(profile, asOf: day(date))
        #expect("\(x)" == "\(y)", "\(line) on \(date)")
      }
    }
    #expect(lane.vectorLaneCount == Self.dates.count * Self.citizens.count)
    #expect(lane.generalRuleCount == 0, "\(lane.fallbacks)")
    // The general machine never ran a rule for them.
    #expect(!b.ruleNames.indices.contains { lane.machine.ruleDone[$0] })
  }

  @Test("알림의 값이 벡터 길이에 없으면 그 규칙의 알림은 일반 기계가 쓴다")
  func remindersTheLaneCannotComputeGoToTheMachine() throws {
    let text = """
      record Pet { name: text }
      fact pet: Pet from "pet" ask "반려동물"
      rule pets "반려"
        when true
        remind within 2026-01-01 .. 2026-12-31
          notify 0 days after start
          say "{pet}"
      """
    let b = try book(text)
    #expect(b.vector?.reminders[0] == nil)
    let lines = [#"{"id":"p","pet":{"name":"콩"}}"#]
    for width in [1, 3] {
      #expect(
        Self.reminders(b, lines: lines, asOf: day("2026-06-15"), width: width)
          == Self.reminders(b, lines: lines, asOf: day("2026-06-15"), width: nil))
    }
  }
}

extension VectorReminderTests {
  @Test("Rules/와 SPEC의 알림은 모두 벡터 길이가 계산한다")
  func shippedRemindersAreLaneOutputs() throws {
    for folder in [TestPaths.repository.appendingPathComponent("Rules"), TestPaths.specRules] {
      let (loaded, diagnostics) = RuleBook.load(paths: [folder.path])
      let b = try #require(loaded, "\(diagnostics)")
      let vector = try #require(b.vector)
      for (r, rule) in b.program.rules.enumerated() where !rule.reminders.isEmpty {
        #expect(!vector.generalRules.contains(r), "\(rule.name)")
        #expect(vector.reminders[r] != nil, "\(rule.name)")
      }
    }
  }
}
