import CivilCalendar
import Diagnostics
import Foundation
import RuleLanguage
import Testing

/// Loads a rule book from text, failing the test with rendered diagnostics.
func book(_ text: String, path: String = "t.rule") throws -> RuleBook {
  let (b, diagnostics) = RuleBook.load([RuleFile(path: path, text: text)])
  let rendered = DiagnosticRenderer(sources: [path: text]).render(diagnostics)
  return try #require(b, "\(rendered)")
}

func day(_ s: String) -> CivilDate { CivilDate(iso: s) ?? CivilDate(dayNumber: 0) }

@Suite struct EvaluationTests {
  static let kleene = """
    fact a: bool ask "a인가요?"
    fact b: bool ask "b인가요?"
    fact n: int from "nested.n"
    rule both "둘 다" when a and b
    rule either "둘 중 하나" when a or b
    rule neither when not a and not b
    rule big when n > 10
    """

  func evaluate(_ b: RuleBook, _ json: String, _ asOf: String = "2026-06-15") -> Evaluation {
    b.evaluator().evaluate(b.profile(json: Array(json.utf8)), asOf: day(asOf), explain: true)
  }

  @Test("false and unknown is false; true and unknown is unknown with its fact")
  func kleeneAnd() throws {
    let b = try book(Self.kleene)
    #expect(evaluate(b, #"{"b": false}"#).rule("both")?.status == .fails)
    #expect(evaluate(b, #"{"b": true}"#).rule("both")?.status == .unknown(missing: ["a"]))
    #expect(evaluate(b, #"{}"#).rule("both")?.status == .unknown(missing: ["a", "b"]))
  }

  @Test("true or unknown is true") func kleeneOr() throws {
    let b = try book(Self.kleene)
    #expect(evaluate(b, #"{"a": true}"#).rule("either")?.status == .holds)
    #expect(evaluate(b, #"{"a": false}"#).rule("either")?.status == .unknown(missing: ["b"]))
    #expect(evaluate(b, #"{"a": true}"#).rule("neither")?.status == .fails)
  }

  @Test("missing, mistyped and malformed fields make facts unknown, never a crash")
  func badProfiles() throws {
    let b = try book(Self.kleene)
    #expect(evaluate(b, #"{"nested": {"n": 11}}"#).rule("big")?.status == .holds)
    #expect(
      evaluate(b, #"{"nested": {"n": "11"}}"#).rule("big")?.status == .unknown(missing: ["n"]))
    #expect(
      evaluate(b, #"{"nested": null, "a": true}"#).rule("big")?.status == .unknown(missing: ["n"]))
    let broken = evaluate(b, #"{"a": tru, "b": true, "#)
    #expect(broken.rule("both")?.status == .unknown(missing: ["a", "b"]))
    #expect(evaluate(b, "not json at all").rule("either")?.status == .unknown(missing: ["a", "b"]))
    #expect(
      evaluate(b, #"{"a": true, "extra": [1, {"x": "y"}], "b": true}"#).rule("both")?.status
        == .holds)
  }

  @Test("a division by zero is a located error in that rule only")
  func runtimeFault() throws {
    let b = try book(
      """
      fact members: int
      rule share when 1000 / members > 10
      rule fine when members == 0
      """)
    let e = evaluate(b, #"{"members": 0}"#)
    guard case .fault(let f)? = e.rule("share")?.status else {
      Issue.record("expected a fault")
      return
    }
    #expect(f.description == "t.rule:2:17: error: division by zero")
    #expect(e.rule("fine")?.status == .holds)
  }

  @Test("overflow is a fault, not a trap") func overflow() throws {
    let b = try book("fact n: int\nrule r\n  output x = n * n * n")
    let e = evaluate(b, #"{"n": 9000000000}"#)
    guard case .fault(let f)? = e.output("x") else {
      Issue.record("expected a fault")
      return
    }
    #expect(f.message == "arithmetic overflow")
  }

  @Test("the largest numbers: % takes the divisor's sign, a whole number prints as a decimal")
  func extremes() throws {
    // Both trapped once: `a - floor(a / b) * b` overflows in its product, and a whole number
    // was scaled by 10^6 to print where a decimal was expected.
    let b = try book(
      """
      fact n: int
      fact x: decimal
      rule r
        output m = n % -10
        output d = if n > 0 then n else x
      """)
    let e = evaluate(b, #"{"n": 9223372036854775807, "x": 1.5}"#)
    #expect(e.output("m") == .int(-3))
    #expect(e.output("d") == .decimal("9223372036854775807"))
  }

  @Test("dates: 29 Feb plus a year, anniversaries, month ends, 만 나이")
  func dates() throws {
    let b = try book(
      """
      fact d: date
      rule r
        output plus_year = d + 1 year
        output birthday = anniversary(d, 1)
        output month_end = end_of_month(d + 1 month)
        output age_28 = age(d, 2025-02-28)
        output age_1 = age(d, 2025-03-01)
        output half = end_of_half(d)
        output turns_20 = year(d) + 20
      """)
    let e = evaluate(b, #"{"d": "2024-02-29"}"#)
    #expect(e.output("plus_year") == .date(day("2025-02-28")))
    #expect(e.output("birthday") == .date(day("2025-03-01")))
    #expect(e.output("month_end") == .date(day("2024-03-31")))
    #expect(e.output("age_28") == .int(0))
    #expect(e.output("age_1") == .int(1))
    #expect(e.output("half") == .date(day("2024-06-30")))
    #expect(e.output("turns_20") == .int(2044))
  }

  @Test("exact decimals and money") func exactNumbers() throws {
    let b = try book(
      """
      fact gpa: decimal
      fact income: money
      rule r
        output good = gpa >= 2.5
        output tax: money = floor(income * 0.033)
        output down = floor_to(income, 10)
      """)
    let e = evaluate(b, #"{"gpa": 2.50, "income": 1234567}"#)
    #expect(e.output("good") == .bool(true))
    #expect(e.output("tax") == .int(40740))
    #expect(e.output("down") == .int(1234560))
    // Rounding down below Int.min is an overflow fault in that output, not a crash.
    let low = evaluate(b, #"{"gpa": 2.50, "income": -9223372036854775807}"#)
    guard case .fault = low.output("down") else {
      Issue.record("floor_to below Int.min: \(String(describing: low.output("down")))")
      return
    }
  }

  @Test("Int.min as a count of years or days is an overflow fault, not a crash")
  func intMinDates() throws {
    let b = try book(
      """
      fact n: int
      fact d: date
      rule r
        output later = anniversary(d, n - 9223372036854775807 - 1)
        output shifted = d + (n - 9223372036854775807 - 1) * 1 day
      """)
    let e = evaluate(b, #"{"n": 0, "d": "2024-02-29"}"#)
    for name in ["later", "shifted"] {
      guard case .fault = e.output(name) else {
        Issue.record("\(name): \(String(describing: e.output(name)))")
        continue
      }
    }
  }

  @Test("왜? — the trace names the conditions, values, facts and parameters")
  func trace() throws {
    let b = try book(
      """
      fact age: int ask "나이를 알려 주세요"
      param min_age: int = 19 since 2000-01-01 source "민법 §4"
      rule adult "성년" source "민법 §4"
        let margin = age - min_age
        when age >= min_age and margin < 100
      """)
    let e = evaluate(b, #"{"age": 30}"#)
    let t = try #require(e.rule("adult")?.trace)
    #expect(t.conditions.map(\.text) == ["age >= min_age", "margin < 100"])
    #expect(t.facts.first?.value == .int(30))
    #expect(t.params.first?.note == "2000-01-01부터, 근거: 민법 §4")
    let korean = b.explainKorean(e)
    #expect(korean.contains("「성년」에 해당합니다."))
    #expect(korean.contains("조건 ‘age >= min_age’: 맞습니다."))
    let unknown = b.explainKorean(evaluate(b, "{}"))
    #expect(unknown.contains("나이를 알려 주세요 (age)"))
    #expect(b.explainJSON(e).contains(#""result":"true""#))
  }

  @Test("parameters take the value in force on the as-of date")
  func datedParameters() throws {
    let b = try book(
      """
      param limit: int = 72 since 2018-09-01 = 84 since 2019-09-01
      rule r
        output value = limit
      """)
    #expect(evaluate(b, "{}", "2019-08-31").output("value") == .int(72))
    #expect(evaluate(b, "{}", "2019-09-01").output("value") == .int(84))
    guard case .fault? = evaluate(b, "{}", "2010-01-01").output("value") else {
      Issue.record("a parameter before its first value is a fault")
      return
    }
  }

  @Test("reminders: window, notification days, Korean message")
  func reminders() throws {
    let b = try book(
      """
      fact name: text
      rule checkup
        remind within today .. end_of_year(today)
          notify 60 days before end, 14 days before end
          say "{name}님, {end}까지 검진을 받으세요."
      """)
    let r = try #require(evaluate(b, #"{"name": "김민준"}"#).rule("checkup")?.reminders.first)
    #expect(r.notifyOn == [day("2026-11-01"), day("2026-12-17")])
    #expect(r.message == "김민준님, 2026년 12월 31일까지 검진을 받으세요.")
  }

  @Test("events name their facts and the rules they yield")
  func events() throws {
    let b = try book(
      """
      fact sido: text
      rule voucher "첫만남이용권" when sido != ""
      event childbirth "출산" {
        fact baby_birth_date: date ask "아기가 태어난 날을 알려 주세요"
        yields voucher
      }
      """)
    let e = try #require(b.event("childbirth"))
    #expect(e.facts == ["baby_birth_date"])
    #expect(e.rules == ["voucher"])
  }

  @Test("a batch line carries id, asOf and every output as JSON")
  func batchLine() throws {
    let b = try book("fact n: int\nrule r when n > 1\n  output doubled = n * 2 otherwise none")
    var out: [UInt8] = []
    let line = Array(#"{"id":"P1","n":3}"#.utf8)
    line.withUnsafeBufferPointer {
      b.evaluator().evaluateLine($0, asOf: day("2026-01-01"), into: &out)
    }
    #expect(
      String(decoding: out, as: UTF8.self) == #"{"id":"P1","asOf":"2026-01-01","doubled":6}"# + "\n"
    )
  }
}

@Suite struct FunctionMemoTests {
  @Test("a memoized function still sees each citizen's own facts and each call's arguments")
  func memoIsPerEvaluationAndArguments() throws {
    let b = try book(
      """
      fact n: int
      fn scaled(x: int): int = x * n
      param base: int = 3 since 2000-01-01
      rule r
        output a = scaled(2) + scaled(2)
        output b = scaled(scaled(1))
        output c = scaled(base)
      """)
    let e = b.evaluator()
    let first = e.evaluate(b.profile(json: Array(#"{"n": 10}"#.utf8)), asOf: day("2026-01-01"))
    #expect(first.output("a") == .int(40))
    #expect(first.output("b") == .int(100))
    #expect(first.output("c") == .int(30))
    let second = e.evaluate(b.profile(json: Array(#"{"n": 7}"#.utf8)), asOf: day("2026-01-01"))
    #expect(second.output("a") == .int(28))
    #expect(second.output("b") == .int(49))
    let unknown = e.evaluate(b.profile(json: Array("{}".utf8)), asOf: day("2026-01-01"))
    #expect(unknown.output("a") == .unknown(missing: ["n"]))
  }
}

/// A holiday calendar double: weekends plus the listed days off.
struct FixedHolidays: BusinessCalendar {
  var holidays: Set<CivilDate>

  func isBusinessDay(_ date: CivilDate) -> Bool {
    !date.weekday.isWeekend && !holidays.contains(date)
  }
}

@Suite struct BusinessDayTests {
  @Test("deadlines move past weekends and the injected holidays")
  func injectedCalendar() throws {
    let b = try book(
      """
      fact due: date
      rule r
        output deadline = next_business_day(due)
        output open = is_business_day(due)
      """)
    let chuseok = FixedHolidays(holidays: [day("2025-10-06"), day("2025-10-07"), day("2025-10-08")])
    let e = b.evaluator(calendar: chuseok)
    let result = e.evaluate(
      b.profile(json: Array(#"{"due": "2025-10-04"}"#.utf8)), asOf: day("2025-10-01"))
    #expect(result.output("deadline") == .date(day("2025-10-09")))
    #expect(result.output("open") == .bool(false))
    let weekendsOnly = b.evaluator().evaluate(
      b.profile(json: Array(#"{"due": "2025-10-04"}"#.utf8)), asOf: day("2025-10-01"))
    #expect(weekendsOnly.output("deadline") == .date(day("2025-10-06")))
  }
}

@Suite struct NarrowingTests {
  static let rules = """
    record License { issued: date from "issueDate" }
    fact license: License? from "driverLicense"
    fact discharge: date?
    rule licensed when license != none and license.issued <= today
    rule reservist
      output until_year: int? = if discharge != none then year(discharge) + 8 else none
      output none_or_old = discharge == none or year(discharge) < 2000
    """

  @Test("after 'x != none', x is a value; Kleene logic still decides")
  func narrowing() throws {
    let b = try book(Self.rules)
    let e = b.evaluator()
    func run(_ json: String) -> Evaluation {
      e.evaluate(b.profile(json: Array(json.utf8)), asOf: day("2026-06-15"))
    }
    let full = run(#"{"driverLicense": {"issueDate": "2010-01-01"}, "discharge": "1995-03-01"}"#)
    #expect(full.rule("licensed")?.status == .holds)
    #expect(full.output("until_year") == .int(2003))
    #expect(full.output("none_or_old") == .bool(true))
    let none = run(#"{"driverLicense": null, "discharge": null}"#)
    #expect(none.rule("licensed")?.status == .fails)
    #expect(none.output("until_year") == .null)
    #expect(none.output("none_or_old") == .bool(true))
    let missing = run("{}")
    #expect(missing.rule("licensed")?.status == .unknown(missing: ["license"]))
    #expect(missing.output("until_year") == .unknown(missing: ["discharge"]))
  }

  @Test("without the test, an optional still needs '??'") func stillChecked() {
    let (b, diagnostics) = RuleBook.load([
      RuleFile(path: "t.rule", text: "fact d: date?\nrule r when d != none or year(d) > 2000")
    ])
    #expect(b == nil)
    #expect(diagnostics.map(\.code) == ["R0316"])
  }
}
