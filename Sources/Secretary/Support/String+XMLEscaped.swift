extension String {
  /// The text with `& < > " '` as XML entities: safe inside SSML, HTML and SVG, in text and
  /// in quoted attributes.
  public var xmlEscaped: String {
    var out = ""
    for c in self {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
