import CivilCalendar
import Foundation
import RuleLanguage

/// "왜 6월 1일이야? 5월 31일 아니었어?": a deadline that the law moved past a weekend or a
/// holiday (민법 §161, 국세기본법 §5, 지방세기본법 §25: a period whose last day is a Saturday or
/// a holiday ends on the next working day).
///
/// A rule's output is the moved day; the day it was moved from is not kept. So the dialogue
/// only says a deadline moved when the line names a day of the days off right before it
/// ("5월 31일", "26일이던데"), or the deadline's month when those days began the month before
/// ("왜 8월이야").
struct MovedDeadline {
  /// The deadline as the rule gives it.
  let end: CivilDate
  /// The days off right before it, earliest first.
  let daysOff: [CivilDate]

  /// The deadline of `result` that the line asks about, if one was moved.
  init?(_ result: RuleResult, line: String, calendar: HolidayCalendar, asOf: CivilDate) {
    let ends = Set(result.reminders.map(\.end).filter { $0 >= asOf }).sorted()
    for end in ends {
      var off: [CivilDate] = []
      var day = end.adding(days: -1)
      while !calendar.isBusinessDay(day), off.count < 10 {
        off.insert(day, at: 0)
        day = day.adding(days: -1)
      }
      guard !off.isEmpty, calendar.isBusinessDay(end) else { continue }
      let said = Self.numbers(in: line)
      // A day off named ("31일 아니었어?"), or the deadline's month when the days off began in
      // the month before ("왜 8월이야" of 7월 31일): then it surely moved. The deadline's own
      // day alone ("왜 14일이야?") says nothing: 14 days after 11월 30일 is a Monday after a
      // weekend without having moved.
      let namesOff = off.contains { said.days.contains($0.day) }
      let crossedMonth = off.contains { $0.month != end.month } && said.months.contains(end.month)
      guard namesOff || crossedMonth else { continue }
      self.end = end
      daysOff = off
      return
    }
    return nil
  }

  /// Why the days before were off: "5월 30일 토요일, 5월 31일 일요일", "10월 5일 개천절 대체공휴일".
  func reasons(calendar: HolidayCalendar, asOf: CivilDate) -> String {
    daysOff.map { day in
      let why = calendar.holiday(on: day)?.name ?? Self.weekdayNames[day.weekday.rawValue - 1]
      return DialogueManager.shortDay(day, asOf: asOf) + " " + why
    }.joined(separator: ", ")
  }

  static let weekdayNames = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]

  /// The numbers the line puts before 일 and before 월.
  static func numbers(in line: String) -> (days: Set<Int>, months: Set<Int>) {
    var days: Set<Int> = []
    var months: Set<Int> = []
    var digits = ""
    for character in line + " " {
      if character.isASCII, let digit = character.wholeNumberValue {
        digits.append(String(digit))
        continue
      }
      if let number = Int(digits) {
        if character == "일" { days.insert(number) }
        if character == "월" { months.insert(number) }
      }
      digits = ""
    }
    return (days, months)
  }
}

extension DialogueManager {
  /// The sentence on a moved deadline of the topic's rules that the line asks about, if any.
  func movedDeadline(in line: String, _ conversation: Conversation, asOf: CivilDate)
    -> [ReplySegment]?
  {
    guard let topic = conversation.topic,
      let evaluation = evaluate(conversation.citizenID, asOf: asOf)
    else { return nil }
    let rules = topic.named.isEmpty ? topic.rules : topic.named
    for rule in rules {
      guard let result = evaluation.rule(rule), case .holds = result.status,
        let moved = MovedDeadline(
          result, line: line, calendar: runtime.rules.calendar, asOf: asOf)
      else { continue }
      return runtime.answers.say(
        "why_moved",
        [
          "title": .text(result.title ?? result.name),
          "days": .text(moved.reasons(calendar: runtime.rules.calendar, asOf: asOf)),
          "end": .date(moved.end),
        ])
    }
    return nil
  }
}
