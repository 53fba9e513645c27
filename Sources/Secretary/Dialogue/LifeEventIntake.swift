import CivilCalendar
import NLU

/// What the secretary asks when a citizen announces a life event, and how the answer goes
/// into the profile, so that the event's rules (which read `children`, `lifeEvents` and
/// `pregnancy`) see it.
///
/// The rule book declares each event and the services it yields; this table is the intake
/// side, one entry per event the rule set declares.
struct LifeEventIntake: Sendable {
  let event: String
  let question: String
  /// Whether the date asked for lies ahead (a due date) rather than behind.
  let future: Bool
  let record: @Sendable (JSONValue, CivilDate, _ utterance: String) -> JSONValue

  static let all: [LifeEventIntake] = [
    LifeEventIntake(
      event: "childbirth", question: "축하드려요! 아기가 태어난 날이 언제인가요? (예: 2026-02-20)",
      future: false
    ) { profile, date, _ in
      var children = profile["children"].arrayItems
      children.append(
        .object([
          ("birthDate", .string(date.description)),
          ("birthOrder", .number(String(children.count + 1))),
        ]))
      return profile.setting("children", to: .array(children))
        .appendingLifeEvent(type: "birth", date: date, relation: "child")
    },
    LifeEventIntake(
      event: "bereavement", question: "삼가 고인의 명복을 빕니다. 돌아가신 날이 언제인가요? (예: 2026-02-20)",
      future: false
    ) { profile, date, utterance in
      profile.appendingLifeEvent(type: "death", date: date, relation: relation(in: utterance))
    },
    LifeEventIntake(
      event: "relocation", question: "새 집으로 옮긴 날이 언제인가요? (예: 2026-02-20)", future: false
    ) { profile, date, _ in
      profile.appendingLifeEvent(type: "move", date: date, relation: "self")
    },
    LifeEventIntake(
      event: "expecting", question: "축하드려요! 출산 예정일이 언제인가요? (예: 2026-09-20)", future: true
    ) { profile, date, _ in
      let pregnancy = (profile["pregnancy"] ?? .object([])).setting(
        "dueDate", to: .string(date.description))
      return profile.setting("pregnancy", to: pregnancy)
    },
  ]

  /// The profile with the date just recorded for this event replaced ("아니 5월 2일이야"):
  /// the last life event, child and due date that carry the old date.
  func replacing(_ old: CivilDate, with new: CivilDate, in profile: JSONValue) -> JSONValue {
    func replacingLast(_ key: String, _ field: String, in profile: JSONValue) -> JSONValue {
      var items = profile[key].arrayItems
      guard let i = items.lastIndex(where: { $0[field]?.stringValue == old.description }) else {
        return profile
      }
      items[i] = items[i].setting(field, to: .string(new.description))
      return profile.setting(key, to: .array(items))
    }
    var out = replacingLast("lifeEvents", "date", in: profile)
    out = replacingLast("children", "birthDate", in: out)
    if out["pregnancy"]?["dueDate"]?.stringValue == old.description,
      let pregnancy = out["pregnancy"]
    {
      out = out.setting("pregnancy", to: pregnancy.setting("dueDate", to: .string(new.description)))
    }
    return out
  }

  /// Whether the profile already tells of this event, recently enough that a question about
  /// it means that one: a birth or a death within a year, a move within a month, a due date
  /// still ahead.
  func isKnown(in profile: JSONValue, asOf: CivilDate) -> Bool {
    let since = { (days: Int) in
      { (text: String?) in
        text.flatMap(CivilDate.init(iso:)).map { $0 <= asOf && $0 >= asOf.adding(days: -days) }
          ?? false
      }
    }
    let events = profile["lifeEvents"].arrayItems
    switch event {
    case "childbirth":
      return profile["children"].arrayItems.contains { since(365)($0["birthDate"]?.stringValue) }
    case "bereavement":
      return events.contains {
        $0["type"]?.stringValue == "death" && since(365)($0["date"]?.stringValue)
      }
    case "relocation":
      return events.contains {
        $0["type"]?.stringValue == "move" && since(31)($0["date"]?.stringValue)
      }
    case "expecting":
      let due = profile["pregnancy"]?["dueDate"]?.stringValue.flatMap(CivilDate.init(iso:))
      return due.map { $0 >= asOf } ?? false
    default:
      return false
    }
  }

  static func forEvent(_ name: String?) -> LifeEventIntake? {
    all.first { $0.event == name }
  }

  /// The event's date in the utterance, if it names one on the right side of today.
  func date(in interpretation: Interpretation, asOf: CivilDate) -> CivilDate? {
    for entity in interpretation.entities where entity.kind == .date {
      guard let date = CivilDate(iso: entity.value) else { continue }
      if future ? date >= asOf : date <= asOf { return date }
    }
    return nil
  }

  /// Who died, from how the citizen said it: 아버지·어머니 → parent, 남편·아내 → spouse, ….
  static func relation(in utterance: String) -> String {
    let words: [(String, [String])] = [
      ("parent", ["아버지", "어머니", "아빠", "엄마", "부친", "모친", "부모"]),
      ("spouse", ["남편", "아내", "배우자", "와이프", "집사람"]),
      ("grandparent", ["할아버지", "할머니"]),
      ("child", ["아들", "딸", "자녀", "아이"]),
      ("sibling", ["형", "누나", "오빠", "언니", "동생"]),
    ]
    // Grandparents first: "할아버지" contains "아버지".
    for (relation, names) in words.sorted(by: { $0.0 == "grandparent" && $1.0 != "grandparent" })
    where names.contains(where: utterance.contains) {
      return relation
    }
    return "other"
  }
}

extension Optional where Wrapped == JSONValue {
  /// The items of an array value, or none.
  var arrayItems: [JSONValue] {
    if case .array(let items)? = self { return items }
    return []
  }
}

extension JSONValue {
  func appendingLifeEvent(type: String, date: CivilDate, relation: String) -> JSONValue {
    var events = self["lifeEvents"].arrayItems
    events.append(
      .object([
        ("type", .string(type)), ("date", .string(date.description)),
        ("relation", .string(relation)),
      ]))
    return setting("lifeEvents", to: .array(events))
  }
}
