import CivilCalendar
import NLU
import RuleLanguage

/// What the secretary asks when a citizen announces a life event, and how the answer goes
/// into the profile so that the event's rules see it.
///
/// All of it comes from the event's declaration in the rule book (`asks`, `adds`, `sets`):
/// the question, whether the day lies ahead, and the items the day writes.
struct LifeEventIntake: Sendable {
  let event: String
  let spec: EventIntake

  init?(event: String?, book: RuleBook) {
    guard let event, let spec = book.intake(ofEvent: event) else { return nil }
    self.event = event
    self.spec = spec
  }

  var question: String { spec.question }

  /// Whether the day told writes into `book`'s fact `name` (the list or record the event's
  /// rules read): such a fact is asked as the event's day, not by its own question.
  func writes(_ name: String, in book: RuleBook) -> Bool {
    guard let keyPath = book.facts.first(where: { $0.name == name })?.keyPath else { return false }
    return spec.writes.contains { $0.keyPath == keyPath }
  }

  /// The profile with the event told on `date` written in: an item appended to each list the
  /// event adds to, fields set on each record it sets.
  func record(
    _ profile: JSONValue, _ date: CivilDate, utterance: String, multiple: Int? = nil,
    order: Int? = nil
  ) -> JSONValue {
    var out = profile
    for write in spec.writes {
      let current = out.value(at: write.keyPath)
      if write.appends {
        var items = current.arrayItems
        items.append(
          Self.filled(
            .object([]), write, date: date, position: order ?? items.count + 1, utterance,
            multiple))
        out = out.setting(path: write.keyPath, to: .array(items))
      } else {
        var record = JSONValue.object([])
        if case .object? = current, let current { record = current }
        out = out.setting(
          path: write.keyPath,
          to: Self.filled(record, write, date: date, position: 1, utterance, multiple))
      }
    }
    return out
  }

  private static func filled(
    _ item: JSONValue, _ write: EventWrite, date: CivilDate, position: Int, _ utterance: String,
    _ multiple: Int?
  ) -> JSONValue {
    var item = item
    for (key, value) in write.fields {
      let json: JSONValue? =
        switch value {
        case .day: .string(date.description)
        case .position: .number(String(position))
        case .json(let text): .string(text)
        case .said(let choices): said(in: utterance, among: choices).map { .string($0.json) }
        case .multiple: multiple.map { .number(String($0)) }
        }
      if let json { item = item.setting(key, to: json) }
    }
    return item
  }

  /// The choice whose label words the sentence uses, the longest word first: "할아버지" is a
  /// grandparent, though it holds "아버지".
  static func said(in utterance: String, among choices: [FactChoice]) -> FactChoice? {
    var best: (choice: FactChoice, length: Int)?
    for choice in choices {
      for word in (choice.label ?? "").split(separator: "·") where utterance.contains(word) {
        if word.count > best?.length ?? 0 { best = (choice, word.count) }
      }
    }
    return best?.choice
  }

  /// Whether the event keeps how many babies were said (`multiple`).
  var countsMultiples: Bool {
    spec.writes.contains { $0.fields.contains { $0.value == .multiple } }
  }

  /// The profile with "쌍둥이예요" said after the event was told: the newest item (or the
  /// record) of each write that keeps the count gets it.
  func settingMultiple(_ count: Int, in profile: JSONValue) -> JSONValue {
    var out = profile
    for write in spec.writes {
      guard let key = write.fields.first(where: { $0.value == .multiple })?.key else { continue }
      let current = out.value(at: write.keyPath)
      if write.appends {
        var items = current.arrayItems
        guard let last = items.indices.last else { continue }
        items[last] = items[last].setting(key, to: .number(String(count)))
        out = out.setting(path: write.keyPath, to: .array(items))
      } else if let current, case .object = current {
        out = out.setting(path: write.keyPath, to: current.setting(key, to: .number(String(count))))
      }
    }
    return out
  }

  /// The profile with "둘째예요" said right after the event was told: the newest item of each
  /// write that keeps the place in its list gets the place said (a citizen whose first child
  /// is not in the profile has a second child all the same).
  func settingOrder(_ order: Int, in profile: JSONValue) -> JSONValue? {
    var out = profile
    var set = false
    for write in spec.writes where write.appends {
      guard let key = write.fields.first(where: { $0.value == .position })?.key else { continue }
      var items = out.value(at: write.keyPath).arrayItems
      guard let last = items.indices.last else { continue }
      items[last] = items[last].setting(key, to: .number(String(order)))
      out = out.setting(path: write.keyPath, to: .array(items))
      set = true
    }
    return set ? out : nil
  }

  /// The profile with the date just recorded for this event replaced ("아니 5월 2일이야"):
  /// in each write, the last item (or the record) that carries the old date.
  func replacing(_ old: CivilDate, with new: CivilDate, in profile: JSONValue) -> JSONValue {
    var out = profile
    for write in spec.writes {
      guard let key = write.dayKey else { continue }
      let current = out.value(at: write.keyPath)
      if write.appends {
        var items = current.arrayItems
        guard let i = items.lastIndex(where: { $0[key]?.stringValue == old.description }) else {
          continue
        }
        items[i] = items[i].setting(key, to: .string(new.description))
        out = out.setting(path: write.keyPath, to: .array(items))
      } else if let current, current[key]?.stringValue == old.description {
        out = out.setting(
          path: write.keyPath, to: current.setting(key, to: .string(new.description)))
      }
    }
    return out
  }

  /// Whether the profile already tells of this event, recently enough that a question about
  /// it means that one: a day within the declared number of days behind, or still ahead.
  func isKnown(in profile: JSONValue, asOf: CivilDate, anyTime: Bool = false) -> Bool {
    knownDay(in: profile, asOf: asOf, anyTime: anyTime) != nil
  }

  /// The day of the event the profile tells of, when it is recent enough (see `isKnown`), or
  /// at any time before today when `anyTime` is set.
  func knownDay(in profile: JSONValue, asOf: CivilDate, anyTime: Bool = false) -> CivilDate? {
    guard let write = spec.writes.first(where: { $0.dayKey != nil }), let key = write.dayKey
    else { return nil }
    let current = profile.value(at: write.keyPath)
    let items = write.appends ? current.arrayItems : current.map { [$0] } ?? []
    // An item of this event: the fixed values it writes match ("type": "death").
    let fixed = write.fields.compactMap { field -> (String, String)? in
      if case .json(let text) = field.value { (field.key, text) } else { nil }
    }
    return items.compactMap { item -> CivilDate? in
      guard fixed.allSatisfy({ item[$0.0]?.stringValue == $0.1 }),
        let day = item[key]?.stringValue.flatMap(CivilDate.init(iso:))
      else { return nil }
      if spec.ahead { return day >= asOf ? day : nil }
      let recent =
        day <= asOf && (anyTime || spec.within.map { day >= asOf.adding(days: -$0) } ?? true)
      return recent ? day : nil
    }.max()
  }

  /// The event's date in the utterance, if it names one on the right side of today.
  func date(in interpretation: Interpretation, asOf: CivilDate) -> CivilDate? {
    for entity in interpretation.entities where entity.kind == .date {
      guard var date = CivilDate(iso: entity.value) else { continue }
      // "예정일 1월 25일" said in October is next January's.
      if spec.ahead, date < asOf, !entity.text.contains("년"),
        let next = CivilDate(year: date.year + 1, month: date.month, day: date.day)
      {
        date = next
      }
      if spec.ahead ? date >= asOf : date <= asOf { return date }
    }
    return nil
  }
}

extension Optional where Wrapped == JSONValue {
  /// The items of an array value, or none.
  var arrayItems: [JSONValue] {
    if case .array(let items)? = self { return items }
    return []
  }
}
