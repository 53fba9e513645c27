import Diagnostics
import Testing

/// What logs really hold must pass through unmasked — retry delays, durations, timestamps,
/// our own ids and reminder keys — while every RRN and phone shape is still masked.
@Suite struct MaskerFalsePositiveTests {
  typealias Generator = PersonalDataMaskerTests.Generator

  @Test(
    "log lines of our own pass through unchanged",
    arguments: [
      // A dispatcher event as the daemon logs it (String(describing:)), with a Double delay.
      #"retrying(key: "c002-park-junho:birth_registration:2026-11-20:2026-11-13:mail", attempt: 1, after: 0.17911612345671615, reason: "HTTP 503")"#,
      "after: 0.1791161615, 0.179116 s, 3.0000000000000004, 1.7976931348623157e+308",
      "0.179116-0.5 s", "Duration 0.179116123456791615 seconds",
      "attosecondsComponent: 179116123456791615",
      "c002-park-junho", "c004-choi-minho:civil_defense:2026-11-30:2026-11-16:outbox",
      "d000:civil_defense:2026-11-30:2026-11-27:hook", "guest-3f9a0c1b2d4e5f60718293a4",
      "at 2026-12-07T12:30:05Z", "Mon, 07 Dec 2026 12:30:05 GMT", "1797465600123 ms",
      "1796646605.123456", "E-4f1c0b9a8d7e6f50", "123e4567-e89b-12d3-a456-426614174000",
      "took 1234567.891 ms", "seq-1500 acked=1379 of 1500", "2026-11-20:2026-11-13",
      "v1.3f9a0c1b2d4e5f60718293a4b5c6d7e8.1796646605.ab12", "port 50123, pid 4012345",
    ])
  func ownLinesPass(line: String) {
    #expect(PersonalDataMasker.mask(line) == line)
  }

  @Test("generated decimals and durations are never masked")
  func decimalsAndDurations() {
    var random = Generator(state: 2026)
    let units = ["", " s", "s", " ms", "초", " seconds", "e-05", "e+12"]
    let before = ["after: ", "delay ", "(", "", "= ", "-", "retry in ", "0."]
    for _ in 0..<5_000 {
      // Integer part 0–6 digits, fraction 1–20 digits: every length a Double prints.
      let whole =
        random.next(7) == 0 ? "0" : String(1 + random.next(9)) + random.digits(random.next(6))
      let fraction = random.digits(1 + random.next(20))
      let text =
        before[random.next(before.count)] + whole + "." + fraction + units[random.next(units.count)]
      #expect(PersonalDataMasker.mask(text) == text, "\(text)")
    }
  }

  @Test("generated 13-digit numbers that are not a date (timestamps, ids) are never masked")
  func longNumbersThatAreNoDate() {
    var random = Generator(state: 13)
    for _ in 0..<3_000 {
      // Month 13–99 or 00, so YYMMDD is no date.
      let month = [0, 13 + random.next(87)][random.next(2)]
      let text =
        random.digits(2) + Generator.two(month) + random.digits(2) + String(1 + random.next(8))
        + random.digits(6)
      #expect(PersonalDataMasker.mask("id " + text) == "id " + text, "\(text)")
    }
  }

  @Test("generated RRNs and phone numbers are always masked")
  func shapesAreAlwaysMasked() {
    var random = Generator(state: 99)
    let around = [" ", "번호 ", "(", ")", "\n", "", ":", "=", "/", "tel:", "\"", "연락처는 "]
    for _ in 0..<5_000 {
      let front =
        random.digits(2) + Generator.two(1 + random.next(12)) + Generator.two(1 + random.next(28))
      let back = String(1 + random.next(8)) + random.digits(6)
      let rrn = front + ["-", "", " "][random.next(3)] + back
      let separator = ["-", ".", " ", ""][random.next(4)]
      let middle = random.digits(3 + random.next(2))
      let last = random.digits(4)
      let mobile =
        "01" + ["0", "1", "6", "7", "8", "9"][random.next(6)] + separator + middle
        + separator + last
      let international =
        "+82" + ["", " ", "-"][random.next(3)] + "10" + separator + middle
        + separator + last
      for number in [rrn, mobile, international] {
        let text = around[random.next(around.count)] + number + around[random.next(around.count)]
        let masked = PersonalDataMasker.mask(text)
        #expect(!masked.contains(back) && masked.contains("*"), "\(text) → \(masked)")
        #expect(
          masked.firstMatch(of: PersonalDataMaskerTests.auditPattern) == nil, "\(text) → \(masked)")
        #expect(PersonalDataMasker.mask(masked) == masked)
        if number != rrn { #expect(!masked.contains(middle + separator + last)) }
      }
    }
  }

  @Test(
    "international and examples",
    arguments: [
      ("+82 10 1234 5678", "+82-10-****-5678"), ("+82-10-1234-5678", "+82-10-****-5678"),
      ("+821012345678", "+82-10-****-5678"), ("+82 2 123 4567", "+82-2-***-4567"),
      ("retry 0.179116-1234567", "retry 0.179116-1234567"),
      ("RRN 9001011234567 and 1797465600123", "RRN 900101-******* and 1797465600123"),
      ("900101 1234567", "900101-*******"), ("991332-1234567", "991332-*******"),
    ])
  func examples(input: String, expected: String) {
    #expect(PersonalDataMasker.mask(input) == expected)
  }
}
