import CivilCalendar
import Foundation
import Hangul

/// The channels a line asks for, from the ones a citizen has: "카톡으로" replaces them,
/// "카톡도 추가해줘" adds, "문자 말고 네이버로" swaps, "카톡이랑 네이버로" takes both — at most
/// the catalog's limit, and never a channel that has closed (it is explained instead).
struct ChannelChoice {
  var channels: [String]
  /// What the citizen should hear about the choice (a closed channel, the limit).
  var notes: [String] = []
  /// Whether it asked for a channel that has closed: the reply offers the open ones.
  var closedAsked = false

  /// Words that add to the current channels instead of replacing them.
  static let addingWords = ["추가", "같이", "둘 다", "둘다", "함께"]

  init(_ text: String, current: [String], catalog: ChannelCatalog, asOf: CivilDate) {
    let mentions = catalog.mentions(in: text)
    let wanted = mentions.filter { !$0.setAside }
    let aside = Set(mentions.filter(\.setAside).map(\.channel.name))
    for mention in wanted where !mention.channel.isOpen(on: asOf) {
      let note = mention.channel.note ?? "\(mention.channel.spoken) 알림은 지금 받을 수 없어요"
      notes.append(note.hasSuffix(".") ? note : note + ".")
      closedAsked = true
    }
    let open = wanted.map(\.channel).filter { $0.isOpen(on: asOf) }.map(\.name)
    // "카톡도" adds: a mention followed by 도.
    let adds =
      Self.addingWords.contains(where: text.contains)
      || wanted.contains { mention in
        let rest = text.dropFirst(mention.position).drop { !$0.isWhitespace && $0 != "도" }
        return rest.first == "도"
      }
    var result = current.filter { catalog.isOpen($0, on: asOf) }
    if adds {
      result += open
    } else if !open.isEmpty {
      result = open
    }
    result.removeAll { aside.contains($0) }
    var seen: Set<String> = []
    result = result.filter { seen.insert($0).inserted }
    if result.count > catalog.most {
      result = Array(result.prefix(catalog.most))
      let kept = result.map(catalog.spoken).joined(separator: "·")
      notes.append(
        "알림은 \(catalog.most)곳까지 받을 수 있어서 \(kept)" + Josa.direction.form(after: kept) + " 보낼게요.")
    }
    if result.isEmpty, let standard = catalog.standard {
      result = [standard]
    }
    channels = result
  }

  /// "카카오톡·네이버" as the secretary says them.
  static func spoken(_ channels: [String], catalog: ChannelCatalog) -> String {
    channels.map(catalog.spoken).joined(separator: "·")
  }
}

extension DialogueManager {
  /// The channels the citizen's subscriptions use now, in the order first chosen.
  func currentChannels(of profile: JSONValue) -> [String] {
    var seen: Set<String> = []
    return profile["subscriptions"].arrayItems.flatMap { $0["channels"].arrayItems }
      .compactMap(\.stringValue).filter { seen.insert($0).inserted }
  }

  /// Quick replies for the channels open today, to choose another.
  func channelButtons(asOf: CivilDate) -> [QuickReply] {
    runtime.rules.channels.open(on: asOf).map {
      QuickReply(
        title: $0.spoken, payload: $0.spoken + Josa.direction.form(after: $0.spoken) + " 받을래")
    }
  }
}
