/// Where a citizen wants reminders: the names subscriptions store (`kakao`, `sms`, …), the
/// words people use for them, and how the secretary says them.
enum ReminderChannels {
  /// Stored name, the words that pick it (longest first within each), and its Korean name.
  static let known: [(name: String, words: [String], spoken: String)] = [
    ("kakao", ["카카오톡", "카카오", "카톡"], "카카오톡"),
    ("sms", ["문자메시지", "문자", "sms", "SMS"], "문자"),
    ("email", ["이메일", "메일", "email"], "이메일"),
    ("toss", ["토스"], "토스"),
    ("naver", ["네이버"], "네이버"),
  ]
  /// The channel when the citizen names none and has no earlier choice.
  static let standard = "kakao"

  /// The channel a line names ("문자로 받을래" → sms), if any.
  static func mentioned(in text: String) -> String? {
    known.first { channel in channel.words.contains(where: text.contains) }?.name
  }

  /// "카카오톡", or the stored name itself for a channel configured elsewhere.
  static func spoken(_ name: String) -> String {
    known.first { $0.name == name }?.spoken ?? name
  }
}
