/// Writes training data as Rasa NLU YAML (3.x), the form `RasaNLUReader` reads back.
package enum RasaNLUWriter {
  /// `Intents/` as Rasa NLU: one `- intent:` item per intent, examples in order, entity marks
  /// as `[surface](kind)` or, with a value, `[surface]{"entity": "kind", "value": "…"}`.
  ///
  /// - Parameter catalog: the loaded intents.
  /// - Returns: the YAML text.
  package static func yaml(_ catalog: IntentCatalog) -> String {
    yaml(
      catalog.intents.map { intent in
        (intent.name, intent.summary, intent.examples.map { annotated($0) })
      })
  }

  /// Labelled lines as Rasa NLU, grouped by label in order of first appearance (a test set's
  /// order does not change its scores).
  ///
  /// - Parameter rows: the lines.
  /// - Returns: the YAML text.
  package static func yaml(_ rows: [LabeledText]) -> String {
    var order: [String] = []
    var byLabel: [String: [String]] = [:]
    for row in rows {
      if byLabel[row.label] == nil { order.append(row.label) }
      byLabel[row.label, default: []].append(row.text)
    }
    return yaml(order.map { ($0, "", byLabel[$0] ?? []) })
  }

  private static func yaml(_ intents: [(name: String, summary: String, examples: [String])])
    -> String
  {
    var out = "version: \"3.1\"\nnlu:\n"
    for intent in intents {
      if !intent.summary.isEmpty { out += "# \(intent.summary)\n" }
      out += "- intent: \(intent.name)\n  examples: |\n"
      for example in intent.examples { out += "    - \(example)\n" }
    }
    return out
  }

  private static func annotated(_ example: IntentExample) -> String {
    let text = Array(example.text)
    var out = ""
    var i = 0
    for mark in example.marks.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
    where mark.range.lowerBound >= i {
      out += String(text[i..<mark.range.lowerBound])
      let surface = String(text[mark.range])
      if let value = mark.value {
        out +=
          "[\(surface)]{\"entity\": \"\(mark.kind.rawValue)\", \"value\": \"\(escaped(value))\"}"
      } else {
        out += "[\(surface)](\(mark.kind.rawValue))"
      }
      i = mark.range.upperBound
    }
    return out + String(text[i...])
  }

  private static func escaped(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }
}
