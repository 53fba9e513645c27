import RuleLanguage
import Secretary

/// `biseo diff --html`: one self-contained page (inline CSS and SVG, no script, nothing
/// fetched) with who is better and worse off, for every rule and amount that changed, by
/// group of each `--by` fact.
extension DiffReport {
  /// Bars are scaled per chart: the longest of its rows is `barWidth` pixels.
  static let barWidth = 220.0

  func html(memo: DiffMemo) -> String {
    let title = memo.fill(
      "page", ["asOf": asOf.description, "citizens": citizens.grouped])
    var body = "<h1>\(title.xmlEscaped)</h1>\n"
    body += "<ul class=\"memo\">\n"
    for line in memo.lines(for: self).dropFirst() { body += "<li>\(line.xmlEscaped)</li>\n" }
    body += "</ul>\n"
    // Rules, and the amounts their rules name in Korean.
    let charted = items.indices.filter {
      (items[$0].isRule || (items[$0].isNumber && items[$0].label != nil))
        && (totals[$0].better + totals[$0].worse) > 0
    }
    for k in charted {
      let item = items[k]
      let name = item.isRule ? (item.title ?? item.name) : (item.label ?? item.name)
      body += "<section class=\"item\" data-item=\"\(item.name.xmlEscaped)\">\n"
      body += "<h2>\(name.xmlEscaped)</h2>\n"
      var rows = [(memo.fill("everyone", [:]), "", totals[k])]
      for (fact, groups) in groups {
        rows += groups.filter { $0.tallies[k].better + $0.tallies[k].worse > 0 }.map {
          ("\(fact) \($0.value)", $0.value, $0.tallies[k])
        }
      }
      body += chart(rows: rows, item: item, memo: memo)
      body += "</section>\n"
    }
    return """
      <!doctype html>
      <html lang="ko"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(title.xmlEscaped)</title>
      <style>
      body { font-family: system-ui, "Noto Sans CJK KR", sans-serif; margin: 2rem; color: #1b1b1b; }
      h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
      .memo li { margin: 0.3rem 0; }
      svg text { font-size: 12px; fill: #1b1b1b; }
      .better { fill: #1a7f37; } .worse { fill: #cf222e; }
      .legend { font-size: 0.9rem; }
      </style></head><body>
      \(body)</body></html>

      """
  }

  /// One row per group: the worse-off bar grows left of the middle, the better-off right.
  private func chart(rows: [(String, String, Tally)], item: Item, memo: DiffMemo) -> String {
    let (height, middle) = (24.0, 240.0 + Self.barWidth)
    let top = rows.map { max($0.2.better, $0.2.worse) }.max() ?? 0
    let scale = top > 0 ? Self.barWidth / Double(top) : 0
    let width = middle + Self.barWidth + 220
    var svg = """
      <p class="legend"><span style="color:#cf222e">■ \(memo.fill("worse", [:]).xmlEscaped)</span>
      <span style="color:#1a7f37">■ \(memo.fill("better", [:]).xmlEscaped)</span></p>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" \
      height="\(Int(Double(rows.count) * height + 8))" role="img">

      """
    for (r, (name, group, t)) in rows.enumerated() {
      let y = Double(r) * height + 4
      let (w, b) = (Double(t.worse) * scale, Double(t.better) * scale)
      let amount =
        item.isMoney && t.difference != 0 ? " (\(Self.signed(t.difference))원)" : ""
      svg += """
        <text x="0" y="\(y + 16)">\(name.xmlEscaped)</text>
        <rect class="bar worse" data-group="\(group.xmlEscaped)" data-value="\(t.worse)" \
        x="\(middle - w)" y="\(y + 3)" width="\(w)" height="\(height - 6)"/>
        <rect class="bar better" data-group="\(group.xmlEscaped)" data-value="\(t.better)" \
        x="\(middle)" y="\(y + 3)" width="\(b)" height="\(height - 6)"/>
        <text x="\(middle - w - 4)" y="\(y + 16)" text-anchor="end">\(t.worse.grouped)</text>
        <text x="\(middle + b + 4)" y="\(y + 16)">\(t.better.grouped)\(amount.xmlEscaped)</text>

        """
    }
    return svg + "</svg>\n"
  }
}
