/// A problem found in user-supplied input (a rule file, an intent file, a profile).
///
/// Loaders collect diagnostics as values and keep going; they never throw on the first one.
public struct Diagnostic: Hashable, Sendable {
  public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning, note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  public var severity: Severity
  /// A stable code such as `R0107`; empty when the area has none.
  public var code: String
  public var span: SourceSpan
  /// Lowercase, no final period, source text in single quotes (see docs/style.md).
  public var message: String
  public var notes: [String]

  public init(
    _ severity: Severity, code: String = "", at span: SourceSpan, _ message: String,
    notes: [String] = []
  ) {
    self.severity = severity
    self.code = code
    self.span = span
    self.message = message
    self.notes = notes
  }

  public static func error(
    _ code: String, at span: SourceSpan, _ message: String, notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(.error, code: code, at: span, message, notes: notes)
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error (warnings alone do not reject a file).
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Diagnostics in reading order: by path, then position, then severity.
  public func sortedByPosition() -> [Diagnostic] {
    sorted {
      ($0.span.path, $0.span.start.line, $0.span.start.column, $0.severity)
        < ($1.span.path, $1.span.start.line, $1.span.start.column, $1.severity)
    }
  }
}

/// A diagnostic can be thrown or carried in a `Result` by loaders that stop at the first one.
extension Diagnostic: Error {}
