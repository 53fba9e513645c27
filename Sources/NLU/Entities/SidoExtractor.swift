/// The 17 시·도 by official name, older names and common short forms.
package struct SidoExtractor: EntityExtractor {
  /// Official name, then other ways of writing it (longest first when they share a start).
  static let table: [(String, [String])] = [
    ("서울특별시", ["서울특별시", "서울시", "서울"]),
    ("부산광역시", ["부산광역시", "부산시", "부산"]),
    ("대구광역시", ["대구광역시", "대구시", "대구"]),
    ("인천광역시", ["인천광역시", "인천시", "인천"]),
    ("광주광역시", ["광주광역시", "광주시", "광주"]),
    ("대전광역시", ["대전광역시", "대전시", "대전"]),
    ("울산광역시", ["울산광역시", "울산시", "울산"]),
    ("세종특별자치시", ["세종특별자치시", "세종시", "세종"]),
    ("경기도", ["경기도"]),
    ("강원특별자치도", ["강원특별자치도", "강원도", "강원"]),
    ("충청북도", ["충청북도", "충북"]),
    ("충청남도", ["충청남도", "충남"]),
    ("전북특별자치도", ["전북특별자치도", "전라북도", "전북"]),
    ("전라남도", ["전라남도", "전남"]),
    ("경상북도", ["경상북도", "경북"]),
    ("경상남도", ["경상남도", "경남"]),
    ("제주특별자치도", ["제주특별자치도", "제주도", "제주"]),
  ]
  /// "경기" alone is also a match or a game ("축구 경기"): only before these does it mean 경기도.
  static let gyeonggiFollowers = ["로", "에", "권", "지역", "남부", "북부"]

  private let aliases: [(alias: String, name: String)]

  /// Creates the extractor.
  package init() {
    aliases = Self.table.flatMap { name, forms in forms.map { ($0, name) } }
      .sorted { $0.alias.count > $1.alias.count }
  }

  /// Finds 시·도 names at the start of words.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate regions, valued by official name.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    var i = 0
    while i < text.count {
      guard text.isWordStart(i) else {
        i += 1
        continue
      }
      if let hit = aliases.first(where: { text.has($0.alias, at: i) }) {
        let end = i + hit.alias.count
        found.append(Entity(kind: .sido, text: hit.alias, start: i, end: end, value: hit.name))
        i = end
      } else if text.has("경기", at: i), text.first(of: Self.gyeonggiFollowers, at: i + 2) != nil {
        found.append(Entity(kind: .sido, text: "경기", start: i, end: i + 2, value: "경기도"))
        i += 2
      } else {
        i += 1
      }
    }
    return found
  }
}
