import Gateways
import Testing

/// Tokens: compared whole, never printed, schemes matched as RFC 9110 says.
@Suite struct SharedSecretTests {
  @Test("only the exact bytes match")
  func matching() throws {
    let secret = try #require(SharedSecret("s3cret-토큰"))
    #expect(secret.matches("s3cret-토큰"))
    for wrong in ["", "s3cret", "s3cret-토큰x", "S3cret-토큰", "s3cret-토콘", "x3cret-토큰"] {
      #expect(!secret.matches(wrong), "\(wrong)")
    }
  }

  @Test("an empty or blank value configures no secret; a file's final newline is not part of it")
  func blanks() throws {
    #expect(SharedSecret("") == nil)
    #expect(SharedSecret(" \n") == nil)
    let fromFile = try #require(SharedSecret("abc\n"))
    #expect(fromFile.matches("abc"))
    #expect(!fromFile.matches("abc\n"))
  }

  @Test("the description never shows the secret")
  func redacted() throws {
    let secret = try #require(SharedSecret("hunter2"))
    #expect("\(secret)" == "<redacted>")
    #expect(!String(reflecting: secret).contains("hunter2"))
  }

  @Test("Authorization: the scheme is case-insensitive, the credential is not")
  func authorizationHeader() throws {
    let secret = try #require(SharedSecret("abc"))
    #expect(secret.authorizes("Bearer abc", scheme: "Bearer"))
    #expect(secret.authorizes("bearer  abc", scheme: "Bearer"))
    #expect(!secret.authorizes("Bearer ABC", scheme: "Bearer"))
    #expect(!secret.authorizes("token abc", scheme: "Bearer"))
    #expect(!secret.authorizes("Bearer", scheme: "Bearer"))
    #expect(!secret.authorizes("abc", scheme: "Bearer"))
    #expect(!secret.authorizes(nil, scheme: "Bearer"))
    #expect(secret.authorizes("token abc", scheme: "token"))
  }
}

extension SharedSecretTests {
  @Test("dump shows nothing of the bytes")
  func dumped() throws {
    var text = ""
    dump(try #require(SharedSecret("hunter2")), to: &text)
    #expect(!text.contains("hunter2") && !text.contains("104"))
  }
}
