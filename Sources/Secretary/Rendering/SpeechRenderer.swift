import CivilCalendar
import Hangul

/// Replies for a speaker: speakable Korean only — no emoji, URLs, markdown or tables — with
/// numbers, dates and amounts read as words, as many sentences a turn as fit the budget.
public enum SpeechRenderer {
  /// Syllables one turn may take, counting what is said with the question and the hint.
  ///
  /// A turn should last at most 12 s. espeak-ng's Korean voice at its default rate takes about
  /// 0.21 s a syllable (Hangul syllables and digits read) plus about 0.5 s a turn: measured over
  /// the golden speaker turns (`SpeechDurationTests`, which checks this figure against the
  /// voice), 55 syllables are about 12 s. The 70 would be about 15 s.
  public static let syllableBudget = 55

  /// Hangul syllables and ASCII digits: what a voice spends its time on.
  public static func syllables(in text: String) -> Int {
    text.unicodeScalars.reduce(0) {
      $0 + ((0xAC00...0xD7A3).contains($1.value) || (0x30...0x39).contains($1.value) ? 1 : 0)
    }
  }

  /// The sentences of `reply` as speakable text, each with its segments read aloud.
  ///
  /// - Parameters:
  ///   - asOf: the day the reply is for: a date in its year is said without the year, and so
  ///     is a date in the year the paragraph's last date named ("이천이십칠 년 일 월 십육
  ///     일부터 이 월 일 일까지").
  ///   - name: the citizen's name: "박준호님, " calling them is left out (the speaker is
  ///     already talking to them).
  public static func sentences(of reply: Reply, asOf: CivilDate? = nil, name: String? = nil)
    -> [String]
  {
    var sentences: [String] = []
    for paragraph in reply.spokenParagraphs {
      var year = asOf?.year
      var said = ""
      for segment in paragraph {
        if case .date(let date) = segment {
          let month = "\(date.month)월 \(date.day)일"
          let spokenYear =
            date.year == year
            ? "" : date.year == asOf.map({ $0.year + 1 }) ? nextYear + " " : "\(date.year)년 "
          said += NumberReader.readAloud(spokenYear + month)
          year = date.year
        } else {
          said += spokenText(segment, asOf: asOf)
        }
      }
      var spoken = clean(said)
      if let name, !name.isEmpty {
        spoken = spoken.replacingOccurrences(of: name + "님, ", with: "")
      }
      // A line such as "함께 챙길 것: …" ends its sentence before the next one starts.
      if let last = spoken.last, !".?!".contains(last) { spoken += "." }
      sentences += split(spoken)
    }
    return sentences
  }

  /// One turn of speech, planned once for its text and its SSML.
  public struct Turn: Sendable, Equatable {
    /// The sentences of the reply said now.
    public var said: [String]
    /// A yes/no question said after them (a reminder offer), if any.
    public var question: String?
    /// The hint that more remains ("자세히"), when it is said.
    public var hint: String?
    /// Whether more of the reply remains after this turn.
    public var hasMore: Bool

    /// The turn as plain text.
    public var text: String {
      (said + [question, hint].compactMap { $0 }).joined(separator: " ")
    }

    /// The turn in the SSML subset of docs/conventions (§11): one `<s>` per sentence and a
    /// pause before the hint.
    public var ssml: String {
      let sentences = said + [question].compactMap { $0 }
      var out = "<speak>" + sentences.map { "<s>\($0.xmlEscaped)</s>" }.joined()
      if let hint { out += "<break time=\"300ms\"/><s>\(hint.xmlEscaped)</s>" }
      return out + "</speak>"
    }
  }

  /// Plans a turn from `offset`: the sentences that fit the budget (at least one) with what
  /// closes the turn, which is one prompt: the question when there is one (the hint waits for
  /// its answer), else the hint when sentences remain — or always, with `continues` (what is
  /// said now is a short answer, and "자세히" goes on with an earlier reply).
  ///
  /// A last sentence that is itself a question is said even over the budget: held back behind
  /// "자세히" it would leave the listener nothing to answer. A rest of one sentence shorter than
  /// the hint ("카카오톡으로 보내 드려요.") is not worth the hint: "자세히" still says it.
  public static func plan(
    sentences all: [String], offset: Int = 0, hint: String, question: String? = nil,
    continues: Bool = false
  ) -> Turn {
    let rest = Array(all.dropFirst(offset))
    let closing = question.map(syllables(in:)) ?? (continues ? syllables(in: hint) : 0)
    let hinted = question == nil && !continues ? syllables(in: hint) : 0
    // Whether the sentences after the first `count` deserve the hint.
    func worthHint(after count: Int) -> Bool {
      let left = rest.dropFirst(count)
      guard let only = left.first, left.count == 1 else { return !left.isEmpty }
      return only.hasSuffix("?") || syllables(in: only) >= syllables(in: hint)
    }
    var count = min(1, rest.count)
    var used = rest.first.map(syllables(in:)) ?? 0
    while count < rest.count {
      let next = syllables(in: rest[count])
      let more = worthHint(after: count + 1) ? hinted : 0
      guard used + next + closing + more <= syllableBudget else { break }
      used += next
      count += 1
    }
    if !continues, count == rest.count - 1, rest[count].hasSuffix("?") { count += 1 }
    let hasMore = count < rest.count
    let hinting = continues || (question == nil && worthHint(after: count))
    return Turn(
      said: Array(rest.prefix(count)), question: question, hint: hinting ? hint : nil,
      hasMore: hasMore)
  }

  /// One turn of speech: the first sentences (from `offset`), and whether more remain.
  ///
  /// - Parameter hint: what is said when more remains (`more_hint` of `Intents/answers.txt`).
  public static func turn(_ reply: Reply, offset: Int = 0, hint: String) -> (
    text: String, hasMore: Bool
  ) {
    let turn = plan(sentences: sentences(of: reply), offset: offset, hint: hint)
    return (turn.text, turn.hasMore)
  }

  /// The same turn in SSML (`Turn.ssml`).
  ///
  /// Numbers, dates and phone numbers are already words (read by `Hangul`), so no engine has
  /// to guess how to read a Korean date.
  public static func ssml(_ reply: Reply, offset: Int = 0, hint: String) -> String {
    plan(sentences: sentences(of: reply), offset: offset, hint: hint).ssml
  }

  /// Digits as said in phone numbers (0 is 공, not 영).
  static let phoneDigits = ["공", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]

  static func spokenText(_ segment: ReplySegment, asOf: CivilDate? = nil) -> String {
    switch segment {
    case .text(let t) where asOf != nil && t.contains("년"):
      // A rule's sentence holds its dates as text: "2026년 6월 30일" in 2026 is "6월 30일".
      NumberReader.readAloud(
        SpokenForms.replacingSections(in: withoutYear(asOf?.year ?? 0, in: t)))
    case .text(let t): NumberReader.readAloud(SpokenForms.replacingSections(in: t))
    case .date(let d) where d.year == asOf?.year: NumberReader.readAloud("\(d.month)월 \(d.day)일")
    case .date(let d): NumberReader.readAloud(d.description)
    case .amount(let a): KoreanNumber.sino(a) + " 원"
    case .number(let n): KoreanNumber.sino(n)
    case .telephone(let t): t.compactMap(\.wholeNumberValue).map { phoneDigits[$0] }.joined()
    case .pause: " "
    case .citation: ""
    case .link(let title, _): title
    }
  }

  /// `text` with its years said as people say them.
  ///
  /// "YYYY년 " before a month is left out for this year ("2026년 6월" → "6월") and for a year
  /// just said ("2027년 5월 1일부터 2027년 5월 31일까지" says 2027 once); next year is "내년".
  /// Before a word, this year is "올해 " ("2026년 민방위 4년차" → "올해 민방위 4년차") and next
  /// year "내년 "; "2027년부터" stays. The relative words are a reading of the date, like "월"
  /// and "일". "YYYY년에 " is "올해 " or "내년에 ".
  static func withoutYear(_ year: Int, in text: String) -> String {
    var out = ""
    // "2026년에 갱신하시려면" in 2026 is "올해 갱신하시려면".
    var rest = Substring(
      text.replacingOccurrences(of: "\(year)년에 ", with: thisYear + " ")
        .replacingOccurrences(of: "\(year + 1)년에 ", with: nextYear + "에 "))
    var said: Int?
    while let range = rest.range(of: "년 ") {
      let year4 = rest[..<range.lowerBound].reversed().prefix { $0.isASCII && $0.isNumber }
      guard year4.count == 4, let named = Int(String(year4.reversed())) else {
        out += rest[..<range.upperBound]
        rest = rest[range.upperBound...]
        continue
      }
      let start = rest.index(range.lowerBound, offsetBy: -4)
      out += rest[..<start]
      let written = rest[start..<range.upperBound]
      let after = rest[range.upperBound...]
      let digits = after.prefix { $0.isASCII && $0.isNumber }
      if (1...2).contains(digits.count), after.dropFirst(digits.count).first == "월" {
        if named == year || named == said {
          // The month says it.
        } else if named == year + 1 {
          out += nextYear + " "
        } else {
          out += written
        }
        said = named
      } else if after.first?.isHangulSyllable == true, named == year || named == year + 1 {
        out += (named == year ? thisYear : nextYear) + " "
      } else {
        out += written
      }
      rest = after
    }
    return out + rest
  }

  /// The current year and the next, said.
  static let thisYear = "올해"
  static let nextYear = "내년"

  /// Removes what cannot or need not be spoken: asides in parentheses (windows, examples,
  /// where-to-pay notes), URLs, markdown marks, table bars, bullets and emoji; a middle dot
  /// between words, a dash between phrases and a colon after a label become a pause (", "),
  /// so no voice reads the mark out.
  static func clean(_ text: String) -> String {
    var spoken = ""
    var depth = 0
    for c in text {
      switch c {
      case "(":
        // The aside goes with the space before it: "간암 검진 (고위험군)」에" → "간암 검진에".
        if depth == 0, spoken.last == " " { spoken.removeLast() }
        depth += 1
      case ")": depth = max(depth - 1, 0)
      default: if depth == 0 { spoken.append(c) }
      }
    }
    spoken = spoken.replacingOccurrences(of: "·", with: ", ")
      .replacingOccurrences(of: " — ", with: ", ").replacingOccurrences(of: ": ", with: ", ")
    var words: [Substring] = []
    for word in spoken.split(whereSeparator: \.isWhitespace) {
      if word.hasPrefix("http://") || word.hasPrefix("https://") || word.hasPrefix("www.") {
        continue
      }
      words.append(word)
    }
    var out = ""
    let said = SpokenForms.replacingWrittenMarks(in: words.joined(separator: " "))
    for scalar in said.unicodeScalars {
      if "*_`#|>•~[]".unicodeScalars.contains(scalar) { continue }
      let p = scalar.properties
      if p.isEmojiPresentation || (p.isEmoji && scalar.value > 0x2000) { continue }
      if scalar.value == 0xFE0F || scalar.value == 0x200D { continue }
      out.unicodeScalars.append(scalar)
    }
    let joined = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: " ,", with: ",")
      .replacingOccurrences(of: " :", with: ":")
    return joined == "." ? "" : joined
  }

  /// Splits after '.', '?' or '!' followed by a space or the end.
  static func split(_ text: String) -> [String] {
    var sentences: [String] = []
    var current = ""
    let characters = Array(text)
    for (i, c) in characters.enumerated() {
      current.append(c)
      if ".?!".contains(c), i + 1 == characters.count || characters[i + 1] == " " {
        sentences.append(current.trimmingSpaces)
        current = ""
      }
    }
    if !current.trimmingSpaces.isEmpty { sentences.append(current.trimmingSpaces) }
    return sentences.filter { !$0.isEmpty }
  }
}

extension String {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
