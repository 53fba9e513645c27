/// The words that make a line lean to yes or no, as people type them; `PolarityScanner` reads
/// them, `YesNoExtractor` takes its opening answer words from here too.
enum PolarityLexicon {
  /// Answer words that may repeat and stand alone ("네네", "넵넵", "ㅇㅇㅇ", "노노", "ㅇㄴㅇㅇ" for
  /// 아니요).
  static let yesUnits: [String] = [
    "ㅇㅋ", "ㅇㅇ", "ㅇ", "넵", "넹", "넴", "네", "옙", "예", "응", "웅", "엉", "어", "okay", "ok",
    "yes", "yep", "yeah", "콜", "ㄱㄱ", "고고", "당근",
  ]
  static let noUnits: [String] = ["ㅇㄴㅇㅇ", "ㅇㄴㅇ", "ㄴㄴ", "ㄴ", "노", "놉", "nope", "no"]
  /// The 아니 words: "아니요", "아닌데", "아님", "아뇨"; a whole word from here is one cue.
  static let noStems: [String] = ["아니", "아닌", "아닙", "아님", "아뇨", "아녀"]
  /// Counters after which 네 is four, not yes ("네 번", "네 살").
  static let counters: [String] = ["번", "살", "명", "개", "시", "장", "가지", "째", "달", "권", "대"]

  /// Agreement that is a yes only because nothing says otherwise: "아니 좋아" is still a no.
  static let assent: [String] = [
    "좋습니다", "좋아요", "좋아용", "좋지요", "좋네요", "좋아", "좋죠", "좋지", "조아요", "조아",
    "그럼요", "그래요", "그래용", "그래", "그러죠", "그러자", "그러세요", "그럽시다", "그렇게 해",
    "그렇게해", "당연하죠", "당연하지", "당연히", "물론이죠", "물론", "알겠습니다", "알겠어요",
    "알겠어", "알았어요", "알았어", "오케이", "오키", "오께이", "예스", "원해요", "원합니다", "원해",
    "가즈아", "가자",
  ]
  /// Words after which "좋아", "그래" mean something else ("좋아해", "그래서").
  static let assentBreakers: [String: [String]] = [
    "좋아": ["하", "해", "지", "진", "질", "했"], "그래": ["서", "도", "프", "픽", "야"],
    "좋지": ["않", "만", "못"], "가자": ["마"],
  ]
  /// Answers that appear only at the start of a line ("맞아요" is also "주사를 맞아요").
  static let openingAssent: [String] = ["맞습니다", "맞아요", "맞아", "맞죠", "그렇죠", "그렇지"]

  /// Asking for the thing on offer.
  static let request: [String] = [
    "해 주십시오", "해 주세요", "해주세요", "해 주셈", "해주셈", "해 주삼", "해주삼", "해 줘요", "해줘요",
    "해 줘", "해줘", "해 주라", "해주라", "해조", "해죠", "부탁드립니다", "부탁드려요", "부탁합니다",
    "부탁해요", "부탁해", "부탁", "알려 주세요", "알려주세요", "알려 줘요", "알려줘요", "알려 줘",
    "알려줘", "알려주셈", "알려 주라", "알려주라", "알려조", "보내 주세요", "보내주세요", "보내 줘요",
    "보내줘요", "보내 줘", "보내줘", "보내조", "받을게요", "받을께요", "받을게", "받을께", "받을래요",
    "받을래", "받겠습니다", "받겠어요", "받고 싶", "받고싶", "할게요", "할께요", "할게", "할께",
    "할래요", "할래", "하겠습니다", "신청할", "신청해", "신청합니다", "등록해", "등록할", "켜 줘",
    "켜줘", "켜 주세요", "켜주세요", "필요해요", "필요해", "필요합니다", "주세요", "주십시오",
  ]

  /// Putting it off: "나중에 할게요" asks for nothing now.
  static let later: [String] = ["나중", "낭중", "담에", "다음 기회", "다음에", "다음번", "다음 번", "추후", "이따", "아직"]
  /// Refusals that also occur in a yes ("네 됐어요" is either): never a yes, not always a no.
  static let softRefusal: [String] = [
    "나중에", "낭중에", "나중", "담에", "다음 기회", "다음에", "다음번에", "다음 번에", "추후에", "이따가", "이따",
    "아직", "패스", "pass", "스킵", "skip",
  ]
  /// "됐어" and its typos; a refusal unless 잘/다/신청 … come first ("잘 됐네", "신청 됐어?"):
  /// one-letter words must be the word before, longer ones may end it ("알림신청됐어").
  static let doneStems: [String] = ["됐", "됬", "됏"]
  static let doneBreakersBefore: [String] = ["잘", "다", "안", "신청", "등록", "접수", "완료", "처리"]
  /// "괜찮아요" refuses an offer; "괜찮네요", "괜찮으면" do not.
  static let fineStems: [String] = ["괜찮", "괜찬", "갠찮", "괜춘", "괜츈", "괞찮"]
  static let fineBreakersAfter: [String] = ["네", "겠", "을까", "으면", "다면", "으니", "은가", "나요"]

  /// Refusals and negations that are a no wherever they stand.
  static let negation: [String] = [
    "싫", "시러", "실타", "별로", "별루", "그만", "말고", "말래", "말게", "말자", "마세요", "마요",
    "노땡큐", "노 땡큐", "no thanks", "no thank", "사양", "거절", "거부", "생략", "놔둬", "냅둬",
    "냅두", "놔두", "그냥 둬", "그냥 두", "취소", "삭제", "제외", "빼 줘", "빼줘", "빼 주세요",
    "빼주세요", "없애", "해지", "중지", "중단", "멈춰", "꺼 줘", "꺼줘", "꺼 주세요", "꺼주세요",
    "끄고", "끊어", "앙대", "안대",
  ]
  /// Words that must start a word to be a negation ("그만큼" is not "그만").
  static let negationBreakersAfter: [String: [String]] = ["그만": ["큼"], "말고": ["기"]]
  /// "필요 없어", "관심 없음": these nouns, maybe a particle, then 없/업/x.
  static let wantNouns: [String] = ["필요", "관심", "생각", "의향", "흥미", "마음", "계획"]
  static let absent: [String] = ["없", "업", "x", "ㄴㄴ", "노"]
  /// Verb stems a negating 안 or 못 may stand before; after "안 " (with a space) any of them.
  static let negatedStems: [String] = [
    "보내", "보낼", "필요", "원해", "원함", "궁금", "알려", "받", "해", "하", "할", "함", "돼", "되",
    "됨", "줘", "주", "원", "싶", "가", "갈", "와", "올", "쓸", "써", "들", "좋", "볼", "봐", "보",
    "키", "켜", "맞", "낼", "내", "살",
  ]
  /// Stems a negating 안 or 못 may stand before without a space ("안받을래", "안보내도 돼"),
  /// leaving out those that make nouns (안내, 안보, 안주, 안가).
  static let gluedNegatedStems: [String] = [
    "보내", "필요", "원해", "원함", "궁금", "알려", "받", "해", "할", "함", "돼", "되", "됨", "줘",
    "싶", "갈래", "갈게", "올래", "좋", "봐", "볼래", "켜", "쓸", "써",
  ]
  /// 안 inside these words is not a negation (제안받다, 방안, 감안하다, 보안, 치안).
  static let gluedNegationBreakersBefore: Set<Character> = [
    "제", "방", "감", "고", "보", "도", "치", "불", "편", "미", "평", "대", "답", "문", "현", "개",
  ]
  /// Negations that close a clause and undo what it asked: "받고 싶지 않아", "보내지 마".
  static let closingNegation: [String] = ["지 않", "지않", "진 않", "진않", "지 마", "지마", "지 말", "지말"]
  /// Words before a predicative 아니 that make it deny the clause before it ("안 받는 건 아니고").
  static let nominalizers: [String] = ["것은", "것이", "것도", "거는", "건", "게", "거", "기는"]
  /// 아니 words that are not an answer ("아니면", "뿐만 아니라").
  static let noBreakersAfter: [String] = ["면"]

  /// Words that add nothing to an answer: "네 꼭 알려 주세요", "넵 감사합니다".
  static let fillers: Set<String> = [
    "알림", "알림으로", "꼭", "좀", "그럼", "그냥", "저도", "저", "문자로", "카톡으로", "메일로",
    "감사합니다", "감사해요", "고마워요", "고맙습니다", "고마워",
  ]
  /// Nouns that make a following 없 deny the clause before: "안 받을 이유가 없죠" is a yes.
  static let reasonNouns: [String] = ["이유"]

  /// Doubt: the line is no answer yet ("어...", trailing off, is doubt too).
  static let hedge: [String] = [
    "글쎄", "모르겠", "몰라", "모름", "생각해 볼", "생각해볼", "생각 좀", "고민", "어쩌지", "어떡하지",
    "어떻게 하지", "흠", "..", "…", "잠깐", "잠시만", "잠시",
  ]

  /// Every character a cue may start with: the scanner passes over the others at once.
  static let firstCharacters: Set<Character> = {
    let lists: [[String]] = [
      yesUnits, noUnits, noStems, assent, openingAssent, request, softRefusal, doneStems,
      fineStems, negation, wantNouns, reasonNouns, closingNegation, hedge, ["안", "못", "마"],
    ]
    return Set(lists.joined().compactMap(\.first))
  }()
}
