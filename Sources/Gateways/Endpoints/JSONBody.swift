import Foundation

/// JSON in and out for every front end: strict UTF-8 in, sorted keys and unescaped slashes out.
package enum JSONBody {
  /// Why a body is not a usable JSON object.
  package enum DecodeError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not valid UTF-8; `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
    /// The bytes are not JSON, or not an object.
    case notAnObject
    /// A required field is missing or has the wrong type.
    case field(String, expected: String)

    /// The message for logs and error bodies.
    package var description: String {
      switch self {
      case .invalidUTF8(let offset): "body is not valid UTF-8 (byte \(offset))"
      case .notAnObject: "body is not a JSON object"
      case .field(let name, let expected): "field '\(name)' must be \(expected)"
      }
    }
  }

  /// Decodes a JSON object, rejecting invalid UTF-8 before the JSON parser sees it.
  ///
  /// - Parameter bytes: the body.
  /// - Returns: the object.
  /// - Throws: `DecodeError`.
  package static func object(_ bytes: some Collection<UInt8>) throws(DecodeError) -> [String: Any] {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      var decoder = UTF8()
      var iterator = bytes.makeIterator()
      var offset = 0
      while case .scalarValue(let scalar) = decoder.decode(&iterator) {
        offset += UTF8.width(scalar)
      }
      throw .invalidUTF8(offset: offset)
    }
    guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: []),
      let object = value as? [String: Any]
    else { throw .notAnObject }
    return object
  }

  /// A required string field.
  ///
  /// - Parameters:
  ///   - object: the decoded object.
  ///   - name: the field name.
  /// - Returns: the string.
  /// - Throws: `DecodeError.field` when absent or not a string.
  package static func string(_ object: [String: Any], _ name: String) throws(DecodeError) -> String
  {
    guard let value = object[name] as? String else { throw .field(name, expected: "a string") }
    return value
  }

  /// An optional boolean field (absent means false).
  ///
  /// - Parameters:
  ///   - object: the decoded object.
  ///   - name: the field name.
  /// - Returns: the value.
  /// - Throws: `DecodeError.field` when present but not a boolean.
  package static func bool(_ object: [String: Any], _ name: String) throws(DecodeError) -> Bool {
    guard let raw = object[name], !(raw is NSNull) else { return false }
    // JSON booleans decode as NSNumber with objCType "c"; JSON numbers never do.
    guard let number = raw as? NSNumber, String(cString: number.objCType) == "c" else {
      throw .field(name, expected: "a boolean")
    }
    return number.boolValue
  }

  /// Encodes a JSON value with sorted keys and unescaped slashes (stable bytes for contracts).
  ///
  /// - Parameter value: the value.
  /// - Returns: the compact UTF-8 bytes.
  package static func encode(_ value: JSONOutput) -> [UInt8] { value.encoded }
}
