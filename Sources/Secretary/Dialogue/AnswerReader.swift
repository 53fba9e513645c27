import CivilCalendar
import Hangul
import NLU
import RuleLanguage

/// Reads a citizen's answer to a fact question into the JSON value the profile stores.
enum AnswerReader {
  /// The value for a fact of `kind` in `interpretation`, or nil when the answer does not say.
  ///
  /// - Parameter monthEnough: a month answers (`month` in the rule file): "2017년 2월" is
  ///   stored as its first day.
  static func read(
    _ interpretation: Interpretation, kind: FactKind, optional: Bool, fact: String,
    monthEnough: Bool = false
  ) -> JSONValue? {
    let text = interpretation.text
    let entities = interpretation.entities
    if optional, saysNone(interpretation) { return .null }
    switch kind {
    case .bool:
      if let yesNo = entities.first(where: { $0.kind == .yesNo }) {
        return .bool(yesNo.value == "yes")
      }
      switch interpretation.intent.intent {
      case "affirm": return .bool(true)
      case "deny": return .bool(false)
      default: return nil
      }
    case .date:
      for entity in entities where entity.kind == .date {
        if let date = day(entity.value, monthEnough: monthEnough) {
          return .string(date.description)
        }
      }
      return nil
    case .int, .money, .decimal:
      let preferred: [EntityKind] =
        fact.contains("age") ? [.age, .number] : [.amount, .number, .age]
      for kind in preferred {
        if let entity = entities.first(where: { $0.kind == kind }), Int(entity.value) != nil {
          return .number(entity.value)
        }
      }
      let digits = text.filter { $0.isNumber || $0 == "," || "영일이삼사오육칠팔구십백천만억".contains($0) }
      return KoreanNumber.parse(digits).map { .number(String($0)) }
    case .text:
      if fact == "sido", let sido = entities.first(where: { $0.kind == .sido }),
        let code = SidoCodes.code(forOfficialName: sido.value)
      {
        return .string(code)
      }
      if fact == "name" { return name(in: interpretation).map { .string($0) } }
      if fact == "nationality" { return Nationality.code(in: text).map { .string($0) } }
      let words = text.split(separator: " ").map { Josa.stripped(from: $0) }
      let cleaned = words.joined(separator: " ")
      return cleaned.isEmpty ? nil : .string(cleaned)
    case .choice(let choices):
      return choose(text, among: choices).map { .string($0.json) }
    case .flags(let flags):
      return flagged(interpretation, flags)
    case .structured(let type):
      // Only "none" can be answered in chat: no licence (none), no cars (an empty list).
      let none = saysNone(interpretation) || interpretation.intent.intent == "deny"
      guard none else { return nil }
      return type.hasPrefix("[") ? .array([]) : .null
    }
  }

  /// The day an entity's value says: "2017-02-15", or "2017-02" as its first day when a
  /// month is answer enough.
  static func day(_ value: String, monthEnough: Bool) -> CivilDate? {
    if let date = CivilDate(iso: value) { return date }
    guard monthEnough else { return nil }
    return CivilDate(iso: value + "-01")
  }

  /// Endings after a name ("김하나예요", "민준이에요"); particles are not stripped, since a
  /// name may end in a syllable that looks like one ("하나" is not "하" + "나").
  static let nameEndings = ["입니다", "이에요", "이예요", "예요", "이고요", "이요", "이야", "라고 해요", "요", "야"]

  /// Words no name is made of: greetings, question words, the secretary's own topics.
  static let notNameWords = [
    "안녕", "반가", "하이", "감사", "고마", "뭐", "무엇", "언제", "얼마", "몇", "어떻게", "어디", "왜", "대상", "알림", "신청",
    "세금", "검진", "싫", "몰라", "모르", "비밀", "안 알려", "됐", "그만", "도와", "해줘", "있어", "없어",
  ]

  /// A name, or nil when the answer is something else: a greeting, a question, a request.
  ///
  /// The secretary would rather ask again than call someone "안녕하세님".
  static func name(in interpretation: Interpretation) -> String? {
    let text = interpretation.text
    if text.contains("?") || notNameWords.contains(where: text.contains) { return nil }
    let counted: Set<EntityKind> = [.ordinal, .count, .date, .amount, .multipleBirth, .age]
    if interpretation.entities.contains(where: { counted.contains($0.kind) }) { return nil }
    let intent = interpretation.intent
    // "박지현이에요" read as a greeting at 0.79: asked for a name, a line with no greeting word
    // (`notNameWords`) is an answer.
    if intent.confidence >= 0.7, !["out_of_scope", "affirm", "greeting"].contains(intent.intent) {
      return nil
    }
    guard let name = name(in: text), (1...20).contains(name.count),
      name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "." })
    else { return nil }
    return name
  }

  /// How a line about the citizen's own self begins ("저는 김하나예요", "나는").
  static let selfWords = ["저는", "나는", "전", "난"]

  /// A name the citizen gives unasked: "제 이름은 김민준이에요", "저는 이도윤입니다", or a lone
  /// "이도윤입니다" (two to four syllables and a copula, from someone whose name is not known).
  static func introducedName(in interpretation: Interpretation, nameless: Bool) -> String? {
    let text = interpretation.text.trimmingCharacters(in: .punctuationCharacters)
    let words = text.split(separator: " ").map(String.init)
    let copula = ["입니다", "이에요", "이예요", "예요", "이고요", "이요", "이야", "라고 해요", "라고 합니다"]
    let introduced: Bool
    if text.contains("이름은") || text.contains("이름이") {
      introduced = true
    } else if words.count == 2, selfWords.contains(words[0]) {
      introduced = copula.contains { words[1].hasSuffix($0) }
    } else if words.count == 1, nameless {
      let stem = copula.first { text.hasSuffix($0) }.map { String(text.dropLast($0.count)) }
      introduced =
        stem.map { (2...4).contains($0.count) && $0.allSatisfy(\.isHangulSyllable) } ?? false
    } else {
      introduced = false
    }
    // "첫째예요", "쌍둥이예요", "3월 2일이요": an order, a count or a date is no name.
    let counted: Set<EntityKind> = [.ordinal, .count, .date, .amount, .multipleBirth, .age]
    guard introduced, !text.contains("?"),
      !interpretation.entities.contains(where: { counted.contains($0.kind) })
    else { return nil }
    return name(in: text).flatMap { name in
      name.count <= 10 && name.allSatisfy(\.isLetter)
        && !notNameWords.contains(where: name.contains)
        ? name : nil
    }
  }

  /// The name in "저는 김민준입니다", "제 이름은 김하나예요", "김하나": the last word without its
  /// ending.
  static func name(in text: String) -> String? {
    guard var last = text.split(separator: " ").last.map(String.init) else { return nil }
    last = last.trimmingCharacters(in: .punctuationCharacters)
    for ending in nameEndings where last.hasSuffix(ending) && last.count > ending.count + 1 {
      last = String(last.dropLast(ending.count))
      break
    }
    return last.isEmpty ? nil : last
  }

  /// The choice whose label or name the answer mentions; the longest match wins, so "비사무직"
  /// is not read as "사무직".
  ///
  /// A word two choices share ("회사원" may be 사무직 or 비사무직) decides
  /// nothing: nil, and `candidates` tells which to ask between.
  static func choose(_ text: String, among choices: [FactChoice]) -> FactChoice? {
    let best = candidates(text, among: choices)
    return best.count == 1 ? best[0] : nil
  }

  /// The choices whose longest match in the answer is the longest of all.
  static func candidates(_ text: String, among choices: [FactChoice]) -> [FactChoice] {
    let answer = text.unspaced.lowercased()
    var best: [FactChoice] = []
    // The longest word said wins; then the most words ("직장인 사무직" is 사무직: both are its
    // words, only 직장인 is 비사무직's).
    var bestScore = (length: 0, count: 0)
    for choice in choices {
      var names = [choice.name.lowercased(), choice.json.lowercased()]
      if let label = choice.label {
        names.append(label.unspaced)
        // A label may list synonyms separated by '·' or '/': "직장가입자·회사원".
        names += label.split(whereSeparator: { $0 == "·" || $0 == "/" || $0 == "," })
          .map { $0.unspaced }
      }
      let said = Set(names.filter { !$0.isEmpty && answer.contains($0) })
      let score = (length: said.map(\.count).max() ?? 0, count: said.count)
      if score.length > bestScore.length
        || (score.length == bestScore.length && score.count > bestScore.count)
      {
        (best, bestScore) = ([choice], score)
      } else if score.length > 0, score == bestScore {
        best.append(choice)
      }
    }
    return best
  }

  /// The fields of a labelled record the line names.
  ///
  /// "프리랜서예요" sets 사업소득; "사업소득은
  /// 없고 월급만 받아요" sets 사업소득 false and 근로소득 true; "없어요" says no to every yes/no
  /// field. Nil when the line names none.
  static func flagged(_ interpretation: Interpretation, _ flags: [FactFlag]) -> JSONValue? {
    let answer = interpretation.text.unspaced
    var members: [(key: String, value: JSONValue)] = []
    for flag in flags {
      if !flag.choices.isEmpty {
        if let choice = choose(interpretation.text, among: flag.choices.filter { $0.label != nil })
        {
          members.append((flag.key, .string(choice.json)))
        }
        continue
      }
      // The longest word found ("사업소득" over "사업"), so its "no" is read after it.
      let found = flag.words.compactMap { answer.range(of: $0.unspaced) }.max {
        $0.upperBound < $1.upperBound
      }
      guard let found else { continue }
      // A word followed by its own "no": "사업소득은 없고".
      let after = answer[found.upperBound...].prefix(3)
      members.append((flag.key, .bool(!(after.contains("없") || after.contains("아니")))))
    }
    if members.isEmpty, saysNone(interpretation) {
      members = flags.filter(\.choices.isEmpty).map { (key: $0.key, value: .bool(false)) }
    }
    return members.isEmpty ? nil : .object(members)
  }

  /// "없어요", "아니요", "없음": an answer meaning "none" to an optional fact.
  private static func saysNone(_ interpretation: Interpretation) -> Bool {
    let text = interpretation.text
    return text.hasPrefix("없") || text == "없음" || text.contains("없어") || text.contains("해당 없")
      || text.contains("해당없")
      || (interpretation.intent.intent == "deny"
        && interpretation.entities.allSatisfy { [.yesNo, .polarity].contains($0.kind) })
  }
}

extension Character {
  /// A precomposed Hangul syllable (가–힣).
  var isHangulSyllable: Bool {
    unicodeScalars.count == 1 && unicodeScalars.allSatisfy { ("가"..."힣").contains($0) }
  }
}

extension FactChoice {
  /// What the chat shows for the choice: the first of its label's synonyms, else its value.
  var displayName: String {
    label.flatMap { $0.split(separator: "·").first.map(String.init) } ?? json
  }
}

/// Nationality answers to the ISO 3166 codes profiles store; an answer that names no known
/// country is not guessed at (the question is asked again).
enum Nationality {
  static let byWord: [(String, String)] = [
    ("대한민국", "KR"), ("한국", "KR"), ("내국인", "KR"), ("베트남", "VN"), ("중국", "CN"),
    ("필리핀", "PH"), ("태국", "TH"), ("우즈베키스탄", "UZ"), ("캄보디아", "KH"), ("몽골", "MN"),
    ("네팔", "NP"), ("인도네시아", "ID"), ("일본", "JP"), ("미국", "US"), ("러시아", "RU"),
    ("카자흐스탄", "KZ"), ("미얀마", "MM"), ("스리랑카", "LK"), ("방글라데시", "BD"), ("캐나다", "CA"),
  ]

  static func code(in text: String) -> String? {
    if let match = byWord.first(where: { text.contains($0.0) }) { return match.1 }
    let letters = text.uppercased().filter { $0.isASCII && $0.isLetter }
    return letters.count == 2 && text.count <= 3 ? letters : nil
  }
}

/// 시·도 official names to the two-digit codes profiles store.
enum SidoCodes {
  static let byName: [String: String] = [
    "서울특별시": "11", "부산광역시": "26", "대구광역시": "27", "인천광역시": "28", "광주광역시": "29",
    "대전광역시": "30", "울산광역시": "31", "세종특별자치시": "36", "경기도": "41", "충청북도": "43",
    "충청남도": "44", "전라남도": "46", "경상북도": "47", "경상남도": "48", "제주특별자치도": "50",
    "강원특별자치도": "51", "전북특별자치도": "52",
  ]

  static func code(forOfficialName name: String) -> String? { byName[name] }
}
