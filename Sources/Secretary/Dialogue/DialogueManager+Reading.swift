import CivilCalendar
import Foundation
import Hangul
import NLU

/// How a line is read before it is answered: the words that settle an intent whatever the
/// classifier says, and the checks where a misreading would act (stop, subscribe, greet).
///
/// These word lists read input; they are not wording the citizen sees, so they stay here
/// (`docs/dialogue.md`, "Where the words live").
extension DialogueManager {
  /// The intent the turn acts on: a reminder command's, else the classifier's, checked where a
  /// misreading would act.
  func checkedIntent(
    _ understood: Interpretation, text: String, _ conversation: Conversation, asOf: CivilDate
  ) -> String {
    var intent = reminderCommand(in: text) ?? understood.intent.intent
    // "유방암은요?" after 위암 read as a greeting at 0.46: in a thread, a greeting says a
    // greeting word.
    if intent == "greeting", conversation.topic != nil,
      !Self.courtesies.contains(where: text.lowercased().contains)
    {
      intent = IntentModel.fallback
    }
    // "알림 받을 수 있어요?" read as "내 알림" at 0.54: a list is asked for with a list word.
    if intent == "list_reminders", understood.intent.confidence < Self.sureConfidence,
      !Self.listWords.contains(where: understood.text.unspaced.contains)
    {
      intent = "subscribe"
    }
    // "서류 뭐 내야 돼?" read as "내 알림" at 0.98 (내야 ~ 내): in a thread, a how-question
    // that says no 알림 asks about the subject, not for the list.
    if intent == "list_reminders", conversation.topic != nil, !text.contains("알림"),
      runtime.frames.frame(of: understood.text) == .how
    {
      intent = IntentModel.fallback
    }
    // "알림 오고 있지?": a question about reminders with no wish in it asks how they stand,
    // whichever way the classifier leans; it is answered as a request would be (what is on,
    // or an offer), never as a stop.
    if Self.asksStatus(understood.text)
      || (intent == "unsubscribe" && text.contains("?") && text.contains("알림")
        && reminderCommand(in: understood.text) == nil)
    {
      // "알림 신청돼 있어?" of nothing in particular: the list of what is on.
      intent =
        conversation.topic == nil && namedTopic(in: understood.text, asOf: asOf) == nil
        ? "list_reminders" : "subscribe"
    }
    // "9월에도 또 내?" read as a goodbye at 0.59 (또 ~ 또 올게): a question is no farewell, and
    // an unsure farewell says a farewell word. Ending the conversation on a misreading loses it.
    if intent == "goodbye",
      text.contains("?")
        || (understood.intent.confidence < Self.sureConfidence
          && !Self.farewellWords.contains(where: understood.text.lowercased().unspaced.contains))
    {
      intent = IntentModel.fallback
    }
    // "첫째는요?" read as "왜?" at 0.49: a why says why.
    if intent == "explain_why", understood.intent.confidence < Self.sureConfidence,
      !Self.whyWords.contains(where: understood.text.lowercased().contains)
    {
      intent = IntentModel.fallback
    }
    return intent
  }

  /// "민방위 알림 꺼줘" is about reminders whatever service it names: a line with 알림 and a
  /// verb of switching settles the intent before the model's guess.
  func reminderCommand(in text: String) -> String? {
    // "내 알림 알려줘" asks to see them, whatever verb follows.
    if text.unspaced.contains("내알림") { return "list_reminders" }
    // "네이버로 받을래", "카톡도 추가해줘", "문자 말고 네이버로": where reminders go; and a
    // channel said alone ("네이버도", "토스로"), which is no "네".
    let mentions = runtime.rules.channels.mentions(in: text)
    if !mentions.isEmpty,
      ["받", "보내", "바꿔", "추가", "말고", "빼", "대신", "로 해"].contains(where: text.contains)
        || Self.saysOnlyChannels(text, mentions)
    {
      return "subscribe"
    }
    // "네이버로 오는 거 맞지?": a question about where they go, answered by the subscription
    // handling without changing anything.
    if !mentions.isEmpty, text.contains("?") { return "subscribe" }
    // "아 다시 켜줘" after stopping them.
    if ["켜줘", "켜 줘", "켜주세요", "켜 주세요"].contains(where: text.contains) { return "subscribe" }
    guard text.contains("알림") else { return nil }
    // "알림 어디로 와?": where they go, answered from the subscriptions.
    if ["어디로", "어디서", "어디에"].contains(where: text.contains) { return "subscribe" }
    if ["꺼", "끊", "해지", "그만", "취소", "중지", "빼", "필요없", "필요 없"].contains(where: text.contains) {
      return "unsubscribe"
    }
    if ["켜", "신청", "받을래", "받을게", "받을께", "받겠", "받고 싶", "등록", "해줘", "해 줘", "해주"].contains(
      where: text.contains)
    {
      return text.contains("보여") || text.contains("뭐") ? nil : "subscribe"
    }
    return nil
  }

  /// Words that ask whether a reminder is on ("장학금 알림 오고 있지?", "알림 신청돼 있어?").
  static let statusWords = ["오고있", "오지", "와?", "오나", "오는", "받고있", "신청돼", "신청되어", "돼있", "되어있"]

  /// Whether the line asks whether a reminder is on, which is never a wish to start one.
  static func asksStatus(_ text: String) -> Bool {
    text.contains("?") && text.contains("알림")
      && statusWords.contains(where: text.unspaced.contains)
  }

  /// Words that ask to see the reminders rather than to get one.
  static let listWords = ["내알림", "목록", "보여", "뭐", "무슨", "어떤", "확인", "예정", "몇"]

  /// Words a farewell says (unspaced; 초성 and English-mode typing too).
  static let farewellWords = [
    "안녕", "잘있", "계세요", "바이", "빠이", "ㅂㅂ", "ㅂㅇ", "갈게", "끝", "그만", "종료", "나갈", "수고",
    "들어가", "다음에", "담에", "bye", "ㅇㄴ", "dkssud",
  ]

  /// Words a "왜?" says.
  static let whyWords = ["왜", "이유", "근거", "어째서", "why"]

  /// The months a question names: "9월에도 내야돼?" → 9, "하반기에도 받아야 돼?" → 7…12; with
  /// the word that says them back ("9월", "하반기").
  static func monthsAsked(in question: String) -> (range: ClosedRange<Int>, word: String)? {
    let words = TopicFocus.words(of: question)
    for word in words {
      let digits = word.prefix { $0.isNumber }
      if word.dropFirst(digits.count).hasPrefix("월"), let month = Int(digits), 1...12 ~= month {
        return (month...month, "\(month)월")
      }
    }
    for (half, months) in halfYears where question.contains(half) { return (months, half) }
    return nil
  }

  /// Halves of the year as people say them.
  static let halfYears: [(String, ClosedRange<Int>)] = [("상반기", 1...6), ("하반기", 7...12)]

  /// Someone other than the citizen: "남편은 1950년생인데?" asks of them, never of the profile.
  static let otherPeople = [
    "남편", "아내", "와이프", "부인", "엄마", "어머니", "아빠", "아버지", "부모님", "할머니",
    "할아버지", "시어머니", "시아버지", "장모", "장인", "친정", "동생", "언니", "오빠", "누나",
    "형님", "친구",
  ]

  /// Whether the line asks the last question again for the citizen: "그럼 나는?", "저는요?".
  static func asksForSelf(_ text: String) -> Bool {
    var rest = text.unspaced.filter { !$0.isPunctuation }
    for lead in ["그럼", "그러면", "그렇다면"] where rest.hasPrefix(lead) {
      rest = String(rest.dropFirst(lead.count))
    }
    return ["나는", "저는", "나는요", "저는요", "난", "전", "나", "저"].contains(rest)
  }

  /// Endings that suppose an event rather than tell it ("출산하면 뭐 받아?", "이사 가면").
  static let eventSupposing = ["하면", "하게 되면", "으면", "가면", "되면", "낳으면", "라면", "할 경우", "할때", "할 때"]

  /// Endings that suppose ("60년생이면?", "70년생이라면").
  static let supposing = ["년생이면", "년생이라면", "년생인경우", "년생일때", "년생이면요"]

  /// 초성 that spell a plain yes (응응, 오케이); other slang ("ㄱㄱ") is asked back.
  static let choseongYes: Set<String> = ["ㅇ", "ㅇㅇ", "ㅇㅇㅇ", "ㅇㅋ", "ㅇㅋㅇㅋ"]

  /// Whether a yes to an offer rests on 초성 slang alone ("ㄱㄱ", "알림 ㄱㄱ"): a subscription
  /// needs a plain yes, so such a line is asked back by the service's name.
  static func restsOnSlang(_ text: String) -> Bool {
    let letters = text.replacingOccurrences(of: "알림", with: "").filter {
      !$0.isWhitespace && !$0.isPunctuation
    }
    return Choseong.isChoseongOnly(letters) && !choseongYes.contains(letters)
  }

  /// Greetings and thanks a message may open with.
  static let courtesies = [
    "안녕하세요", "안녕하십니까", "안녕", "하이", "반가워요", "반갑습니다", "감사합니다", "고맙습니다", "고마워요",
    "저기요", "여보세요", "비서야", "비서님", "ㅎㅇ", "ㅎㅇㅎㅇ", "반가", "좋은 아침", "hello", "hi",
  ]

  /// What follows the courtesies a line opens with, when it says something of its own (three
  /// syllables or more).
  static func afterCourtesy(_ text: String) -> String? {
    var rest = Substring(text)
    var stripped = false
    while true {
      rest = rest.drop { $0 == " " || $0 == "," || $0 == "." || $0 == "!" || $0 == "~" }
      guard let word = courtesies.first(where: { rest.hasPrefix($0) }) else { break }
      rest = rest.dropFirst(word.count)
      stripped = true
    }
    guard stripped, rest.filter(\.isHangulSyllable).count >= 3 else { return nil }
    return String(rest)
  }

  /// Beginnings of the verbs any follow-up has ("받아야됨", "내야 돼", "가야 하나").
  static let verbStems = [
    "받아", "받을", "받나", "받는", "해야", "해요", "하나", "하는", "내야", "내나", "내는", "가야", "있어",
    "있나", "있는", "되나", "되는", "돼", "나와", "나오",
  ]

  /// "12월에도", "9월엔": a month, which picks a window of the same subject.
  static func isMonth(_ word: String) -> Bool {
    let digits = word.prefix { $0.isNumber }
    return !digits.isEmpty && word.dropFirst(digits.count).hasPrefix("월")
  }

  /// First syllables of the particles that may follow a service's name ("주민세는요", "폐암은").
  static let particleStarts: Set<Character> = [
    "은", "는", "이", "가", "을", "를", "도", "요", "만", "로", "으", "에", "랑", "하", "과", "와", "의",
  ]

  /// Particles that join or direct channel names ("카톡이랑 네이버로"): a line of channels and
  /// these says nothing else.
  static let connectives = ["이랑", "하고", "이나", "으로", "랑", "로", "도", "만", "와", "과", "및"]

  /// Whether the line is channel names and particles, with at most two syllables besides.
  static func saysOnlyChannels(_ text: String, _ mentions: [ChannelCatalog.Mention]) -> Bool {
    var rest = rest(of: text, without: mentions)
    for word in connectives { rest = rest.replacingOccurrences(of: word, with: "") }
    return rest.filter(\.isHangulSyllable).count <= 2
  }

  /// The line without the words that named channels.
  static func rest(of text: String, without mentions: [ChannelCatalog.Mention]) -> String {
    var characters = Array(text.lowercased())
    for mention in mentions.sorted(by: { $0.position > $1.position }) {
      let end = min(characters.count, mention.position + mention.length)
      characters.removeSubrange(mention.position..<end)
    }
    return String(characters)
  }

  /// Words that only say what to do with reminders; what is left names the service.
  static let subscriptionWords = [
    "알림", "신청", "해지", "켜줘", "꺼줘", "끊어줘", "끊어", "그만", "받을래", "받고", "싶어", "해줘",
    "줘", "도", "좀", "안", "받기", "등록", "취소", "중지",
  ]

  /// The topic a subscription request names ("자동차세 알림 켜줘" → 자동차세), if any.
  func namedTopic(in text: String, asOf: CivilDate) -> Topic? {
    var rest = text
    for word in Self.subscriptionWords where rest.contains(word) {
      rest = rest.replacingOccurrences(of: word, with: " ")
    }
    let remainder = TextNormalizer.normalize(rest)
    guard remainder.count >= 2 else { return nil }
    let prediction = understand(remainder, asOf: asOf).intent
    guard prediction.confidence >= 0.5,
      let definition = runtime.intents.intent(named: prediction.intent),
      !definition.rules.isEmpty
    else { return nil }
    var topic = topic(for: definition)
    topic.named = TopicFocus(rules: topic.rules, title: runtime.book.title(ofRule:)).named(
      in: runtime.aliases.expanded(remainder))
    return topic.rules.isEmpty ? nil : topic
  }
  /// "부모급여는?", "둘째도": a name and a particle, with no verb of its own.
  static func isElliptical(_ text: String) -> Bool {
    let words = text.split(separator: " ")
    guard (1...2).contains(words.count), let last = words.last else { return false }
    let bare = last.hasSuffix("?") ? last.dropLast() : last
    return ["은", "는", "도", "요"].contains { bare.hasSuffix($0) }
  }
}
