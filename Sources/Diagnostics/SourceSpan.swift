/// A 1-based position in a source text; `column` counts `Character`s, not bytes.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range of positions in one file, as shown under a caret.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
  /// The path as the user gave it; never absolutised.
  public var path: String
  public var start: SourcePosition
  /// One past the last character; equal to `start` for a point.
  public var end: SourcePosition

  public init(path: String, start: SourcePosition, end: SourcePosition) {
    self.path = path
    self.start = start
    self.end = end
  }

  public init(path: String, line: Int, column: Int, length: Int = 1) {
    self.init(
      path: path, start: SourcePosition(line: line, column: column),
      end: SourcePosition(line: line, column: column + max(length, 0)))
  }

  public var description: String { "\(path):\(start)" }
}
