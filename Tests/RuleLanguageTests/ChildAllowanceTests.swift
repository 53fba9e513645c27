import CivilCalendar
import Foundation
import RuleLanguage
import Testing

/// The 2026 아동수당 amendment's regional extra, where a `test` block cannot look: an output
/// left unknown until the citizen says whether the 시군구 is a 우대·특별 인구감소지역.
@Suite struct ChildAllowanceTests {
  static func outputs(_ json: String, asOf: String) throws -> (OutputValue?, OutputValue?) {
    let book = try ShippedRulesTests.load()
    let evaluation = book.evaluator(calendar: try ShippedRulesTests.calendar())
      .evaluate(book.profile(json: Array(json.utf8)), asOf: try #require(CivilDate(iso: asOf)))
    return (
      evaluation.output("childAllowancePerChild"),
      evaluation.output("childAllowanceDepopulationExtra")
    )
  }

  @Test func theExtraWaitsForTheAreaWhileTheAmountIsKnown() throws {
    let (perChild, extra) = try Self.outputs(
      #"{"sido": "47", "children": [{"birthDate": "2020-03-05"}]}"#, asOf: "2026-06-15")
    #expect(perChild == .int(105_000))
    // Under an unknown area both branches are read, so the voucher is missing too.
    #expect(extra == .unknown(missing: ["depopulation_area", "allowance_local_voucher"]))
  }

  @Test func aSpecialAreaTakenAsVouchersAddsTwentyFiveThousand() throws {
    let json = #"""
      {"sido": "47", "depopulationArea": "special", "childAllowanceLocalVoucher": true,
       "children": [{"birthDate": "2020-03-05"}]}
      """#
    let (perChild, extra) = try Self.outputs(json, asOf: "2026-06-15")
    #expect(perChild == .int(105_000))
    #expect(extra == .int(25_000))
  }

  @Test func seoulIsNeverAsked() throws {
    let (perChild, extra) = try Self.outputs(
      #"{"sido": "11", "children": [{"birthDate": "2020-03-05"}]}"#, asOf: "2026-06-15")
    #expect(perChild == .int(100_000))
    #expect(extra == .null)
  }
}
