import RuleLanguage
import Secretary

/// `biseo diff`'s text table and JSON object.
extension DiffReport {
  /// What changed, by rule and output, then by group: only what changed for someone.
  var table: String {
    var lines = ["as of \(asOf): \(citizens.grouped) citizens"]
    if isEmpty {
      lines.append("no change for any citizen")
      return lines.joined(separator: "\n")
    }
    lines.append(row("rule / output", "changed", "gained", "lost", "difference"))
    for (k, item) in items.enumerated() where totals[k] != Tally() {
      lines.append(line(item, totals[k], indent: item.isRule ? "" : "  "))
    }
    if !onlyInBase.isEmpty {
      lines.append("only in the rule book: " + onlyInBase.joined(separator: ", "))
    }
    if !onlyInReform.isEmpty {
      lines.append("only in the reform: " + onlyInReform.joined(separator: ", "))
    }
    for (fact, groups) in groups {
      lines.append("")
      lines.append("by \(fact):")
      for group in groups where group.tallies.contains(where: { $0 != Tally() }) {
        lines.append("  \(group.value) (\(group.citizens.grouped) citizens)")
        for (k, item) in items.enumerated() where group.tallies[k] != Tally() {
          lines.append(line(item, group.tallies[k], indent: "    "))
        }
      }
    }
    return lines.joined(separator: "\n")
  }

  private func line(_ item: Item, _ t: Tally, indent: String) -> String {
    let name = item.isRule ? item.name + (item.title.map { " (\($0))" } ?? "") : item.name
    let difference =
      item.isNumber && t.difference != 0
      ? DiffReport.signed(t.difference) + (item.isMoney ? " won" : "") : ""
    return row(
      indent + name, t.changed.grouped, t.gained.grouped,
      t.lost.grouped, difference)
  }

  private func row(_ name: String, _ a: String, _ b: String, _ c: String, _ d: String) -> String {
    func pad(_ s: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - s.count)) + s
    }
    let head = name.count >= 44 ? name + " " : name + String(repeating: " ", count: 44 - name.count)
    return head + pad(a, 9) + pad(b, 9) + pad(c, 9) + "  " + d
  }

  /// The report as one JSON object (`--json`): totals and groups list only what changed.
  var json: JSONValue {
    func tally(_ item: Item, _ t: Tally) -> JSONValue {
      var members: [(key: String, value: JSONValue)] = [
        ("changed", .number(String(t.changed))), ("gained", .number(String(t.gained))),
        ("lost", .number(String(t.lost))), ("better", .number(String(t.better))),
        ("worse", .number(String(t.worse))),
      ]
      if item.isNumber {
        members.append(("difference", .number(String(t.difference))))
        members.append(
          ("meanDifference", .number(String(t.changed == 0 ? 0 : t.difference / t.changed))))
      }
      return .object(members)
    }
    func changed(_ tallies: [Tally]) -> JSONValue {
      .object(
        items.indices.filter { tallies[$0] != Tally() }.map { k in
          var entry = tally(items[k], tallies[k])
          if case .object(var members) = entry {
            members.insert(("kind", .string(items[k].isRule ? "rule" : "output")), at: 0)
            if !items[k].isRule { members.insert(("rule", .string(items[k].rule)), at: 1) }
            if let title = items[k].title { members.append(("title", .string(title))) }
            if let label = items[k].label { members.append(("label", .string(label))) }
            entry = .object(members)
          }
          return (items[k].name, entry)
        })
    }
    return .object([
      ("asOf", .string(asOf.description)), ("citizens", .number(String(citizens))),
      ("identical", .bool(isEmpty)), ("changes", changed(totals)),
      ("onlyInBase", .array(onlyInBase.map { .string($0) })),
      ("onlyInReform", .array(onlyInReform.map { .string($0) })),
      (
        "groups",
        .object(
          groups.map { fact, groups in
            (
              fact,
              .array(
                groups.map { g in
                  .object([
                    ("value", .string(g.value)), ("citizens", .number(String(g.citizens))),
                    ("changes", changed(g.tallies)),
                  ])
                })
            )
          })
      ),
    ])
  }

  /// A difference with its sign: `+1,500,000`, `-30,000`, `0`.
  static func signed(_ n: Int) -> String { (n > 0 ? "+" : "") + n.grouped }
}
