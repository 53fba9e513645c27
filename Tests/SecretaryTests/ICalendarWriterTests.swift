import CivilCalendar
import Foundation
import Testing

@testable import Secretary

@Suite struct ICalendarWriterTests {
  private func plan(_ message: String, notify: String) throws -> ReminderPlan {
    let day = try #require(CivilDate(iso: notify))
    return ReminderPlan(
      key: "c1:r:2026-12-31:\(notify)", citizen: "c1", rule: "r", title: "일반건강검진 마감",
      message: message, windowStart: try #require(CivilDate(iso: "2026-01-01")),
      windowEnd: try #require(CivilDate(iso: "2026-12-31")), notifyDay: day,
      sendAt: day.instant(atHour: 9), channels: [])
  }

  @Test("75옥텟에서 접고 UTF-8 문자를 자르지 않는다")
  func foldsWithoutSplittingCharacters() throws {
    let message = "올해 일반건강검진 대상입니다. 가까운 검진기관에 예약하고, 신분증을 지참하세요; 끝\\"
    let ics = ICalendarWriter.calendar(
      [try plan(message, notify: "2026-11-01"), try plan(message, notify: "2026-12-17")],
      stamp: Date(timeIntervalSince1970: 0))
    #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 2)
    #expect(ics.components(separatedBy: "BEGIN:VALARM").count == 3)
    #expect(ics.contains("TRIGGER;VALUE=DATE-TIME:20261101T000000Z\r\n"))
    #expect(ics.contains("DTSTART;VALUE=DATE:20261231\r\n"))
    for line in ics.components(separatedBy: "\r\n") {
      #expect(line.utf8.count <= 75, "\(line)")
    }
    let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
    #expect(
      unfolded.contains("DESCRIPTION:올해 일반건강검진 대상입니다. 가까운 검진기관에 예약하고\\, 신분증을 지참하세요\\; 끝\\\\\r\n"))
  }

  static let hasICalendar: Bool = {
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", "-c", "import icalendar"]
    check.standardError = FileHandle.nullDevice
    guard (try? check.run()) != nil else { return false }
    check.waitUntilExit()
    return check.terminationStatus == 0
  }()

  @Test(
    "Python icalendar 라이브러리가 읽는다",
    .enabled(if: hasICalendar, "skipped: python3 cannot import 'icalendar' (pip install icalendar)")
  )
  func pythonICalendarParsesIt() throws {
    let ics = ICalendarWriter.calendar(
      [try plan("올해 대상입니다, 받으세요", notify: "2026-11-01")], stamp: Date(timeIntervalSince1970: 0))
    let path = NSTemporaryDirectory() + "biseo-\(UUID().uuidString).ics"
    try Data(ics.utf8).write(to: URL(fileURLWithPath: path))
    let script = """
      import icalendar, sys
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      events = [c for c in cal.walk() if c.name == 'VEVENT']
      alarms = [c for c in cal.walk() if c.name == 'VALARM']
      assert len(events) == 1 and len(alarms) == 1, (events, alarms)
      assert str(events[0]['DESCRIPTION']) == '올해 대상입니다, 받으세요', events[0]['DESCRIPTION']
      print(events[0].decoded('DTSTART'))
      """
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    python.standardOutput = output
    try python.run()
    python.waitUntilExit()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(python.terminationStatus == 0)
    #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "2026-12-31")
  }
}
