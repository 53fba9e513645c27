import Diagnostics

/// Inline entity annotations of Rasa examples: `[text](entity)`, `[text](entity:value)` (the
/// Rasa 1 synonym form), `[text]{"entity": "name", "value": "v", "role": …, "group": …}`.
///
/// Brackets not followed by `(` or `{` are text, as Rasa reads them.
enum RasaAnnotations {
  /// The example without annotations, its entities, or the column (0-based in `example`) and
  /// message of the first problem.
  static func parse(_ example: [Character]) -> Result<
    (text: String, entities: [RasaEntity]), RasaProblem
  > {
    var text: [Character] = []
    var entities: [RasaEntity] = []
    var i = 0
    while i < example.count {
      guard example[i] == "[", let close = example[(i + 1)...].firstIndex(of: "]"),
        close + 1 < example.count, "({".contains(example[close + 1])
      else {
        text.append(example[i])
        i += 1
        continue
      }
      let surface = Array(example[(i + 1)..<close])
      let opener = example[close + 1]
      let closer: Character = opener == "(" ? ")" : "}"
      guard let end = example[(close + 1)...].firstIndex(of: closer) else {
        return .failure(RasaProblem(column: close + 1, message: "'\(opener)' is not closed"))
      }
      let inside = String(example[(close + 2)..<end])
      let (entity, value): (String, String?)
      if opener == "(" {
        let parts = inside.split(separator: ":", maxSplits: 1).map(String.init)
        (entity, value) = (parts.first ?? "", parts.count > 1 ? parts[1] : nil)
      } else {
        guard let fields = FlatJSONObject.parse(inside), let name = fields["entity"] else {
          return .failure(
            RasaProblem(
              column: close + 1,
              message: "expected {\"entity\": \"name\", \"value\": …} with string values"))
        }
        (entity, value) = (name, fields["value"])
      }
      guard !entity.isEmpty, !surface.isEmpty else {
        return .failure(RasaProblem(column: i, message: "an annotation needs text and an entity"))
      }
      entities.append(
        RasaEntity(entity: entity, range: text.count..<(text.count + surface.count), value: value))
      text += surface
      i = end + 1
    }
    return .success((String(text), entities))
  }
}

/// Where an annotation went wrong.
struct RasaProblem: Error {
  /// 0-based column in the example text.
  var column: Int
  var message: String
}

/// The one-level objects Rasa writes inside annotations: string, number, true/false/null
/// values, no nesting. (Biseo's JSON reader lives in `Secretary`, above `NLU`.)
enum FlatJSONObject {
  /// The fields as strings (numbers and literals as written), nil when the text is not such
  /// an object.
  static func parse(_ body: String) -> [String: String]? {
    let s = Array(body)
    var i = 0
    func skip() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
    func string() -> String? {
      guard i < s.count, s[i] == "\"" else { return nil }
      i += 1
      var out = ""
      while i < s.count, s[i] != "\"" {
        if s[i] == "\\", i + 1 < s.count {
          i += 1
          out.append(["n": "\n", "t": "\t"][s[i]] ?? s[i])
        } else {
          out.append(s[i])
        }
        i += 1
      }
      guard i < s.count else { return nil }
      i += 1
      return out
    }
    var fields: [String: String] = [:]
    skip()
    while i < s.count {
      guard let key = string() else { return nil }
      skip()
      guard i < s.count, s[i] == ":" else { return nil }
      i += 1
      skip()
      if let text = string() {
        fields[key] = text
      } else {
        let start = i
        while i < s.count, s[i] != ",", s[i] != " " { i += 1 }
        guard i > start else { return nil }
        fields[key] = String(s[start..<i])
      }
      skip()
      if i < s.count {
        guard s[i] == "," else { return nil }
        i += 1
        skip()
      }
    }
    return fields
  }
}
