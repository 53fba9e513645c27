import CivilCalendar
import Foundation
import Hangul

/// The channels a line asks for, from the ones a citizen has: "카톡으로" replaces them,
/// "카톡도 추가해줘" adds, "문자 말고 네이버로" swaps, "카톡이랑 네이버로" takes both — at most
/// the catalog's limit, and never a channel that has closed (it is explained instead).
struct ChannelChoice {
  var channels: [String]
  /// The closed channels it asked for: each is explained, and the reply offers the open ones.
  var closed: [ChannelCatalog.Channel] = []
  /// Whether more were asked for than the catalog allows, so only the first were kept.
  var trimmed = false

  var closedAsked: Bool { !closed.isEmpty }

  /// Words that add to the current channels instead of replacing them.
  static let addingWords = ["추가", "같이", "둘 다", "둘다", "함께"]

  init(_ text: String, current: [String], catalog: ChannelCatalog, asOf: CivilDate) {
    let mentions = catalog.mentions(in: text)
    let wanted = mentions.filter { !$0.setAside }
    let aside = Set(mentions.filter(\.setAside).map(\.channel.name))
    closed = wanted.map(\.channel).filter { !$0.isChoosable(on: asOf) }
    let open = wanted.map(\.channel).filter { $0.isChoosable(on: asOf) }.map(\.name)
    // "카톡도" adds: a mention followed by 도.
    let adds =
      Self.addingWords.contains(where: text.contains)
      || wanted.contains { mention in
        let rest = text.dropFirst(mention.position).drop { !$0.isWhitespace && $0 != "도" }
        return rest.first == "도"
      }
    var result = current.filter { catalog.isOpen($0, on: asOf) }
    // "메일 말고 네이버로" swaps that one when it is among them: the others stay. ("문자 말고
    // 네이버로" from someone who never had 문자 asks for 네이버, and replaces.)
    if adds || current.contains(where: aside.contains) {
      result += open
    } else if !open.isEmpty {
      result = open
    }
    result.removeAll { aside.contains($0) }
    var seen: Set<String> = []
    result = result.filter { seen.insert($0).inserted }
    if result.count > catalog.most {
      result = Array(result.prefix(catalog.most))
      trimmed = true
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

  /// What the citizen hears about a choice: each closed channel asked for (with the catalog's
  /// note on why), and the limit when it cut the list.
  func notes(of choice: ChannelChoice) -> [[ReplySegment]] {
    let catalog = runtime.rules.channels
    var notes = choice.closed.map { channel -> [ReplySegment] in
      guard let note = channel.note else {
        return runtime.answers.say("channel_closed", ["channel": .text(channel.spoken)])
      }
      return [.text(note.hasSuffix(".") ? note : note + ".")]
    }
    if choice.trimmed {
      let kept = ChannelChoice.spoken(choice.channels, catalog: catalog)
      notes.append(
        runtime.answers.say("channel_limit", ["most": .number(catalog.most), "kept": .text(kept)]))
    }
    return notes
  }

  /// Quick replies for the channels open today, to choose another.
  func channelButtons(asOf: CivilDate) -> [QuickReply] {
    runtime.rules.channels.choosable(on: asOf).map {
      QuickReply(
        title: $0.spoken,
        payload: runtime.answers.text("button_channel", ["channel": .text($0.spoken)]))
    }
  }
}
