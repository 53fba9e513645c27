/// Reading facts, parameters and a rule's bindings as columns of the current space.
extension VectorMachine {
  /// Fact `f` as a column of the current space; lanes that do not hold it fail: for an unknown
  /// fact (`unheld` 1), or hard for a value the lane cannot hold (2).
  @inline(__always) func fact(_ f: Int, deep: Bool) -> UnsafeMutablePointer<Int> {
    let column = facts + f * VectorMachine.stride
    if anyUnheld[f] {
      let (u, a, r) = (unheld + f * VectorMachine.stride, space.active, space.root)
      for i in 0..<space.count where a[i] != 0 && u[r[i]] != 0 {
        if u[r[i]] == 1 { failUnknown(lane: i, fact: f) } else { fail(lane: i) }
      }
    }
    return deep ? byCitizen(column) : column
  }

  /// Parameter `p` in every lane; it fails them all when it has no value on the day.
  func param(_ p: Int) -> UnsafeMutablePointer<Int> {
    fill(paramWord(p))
  }

  /// Parameter `p` as one word; it fails every active lane when it has no value on the day.
  func paramWord(_ p: Int) -> Int {
    if paramMissing[p] != 0 { failActive(VectorMachine.located((p + 1) << 2)) }
    return params[p]
  }

  /// A rule's binding seen from the current space, computed first for the citizens that need
  /// it and do not have it yet (bindings are pure: computing one for more citizens than read
  /// it changes no result, but it could fail them, so each is computed only where read).
  func binding(_ slot: Int, _ eval: VecEval, deep: Bool) -> UnsafeMutablePointer<Int> {
    let n = batchCount
    if computedCount[slot] < n {
      let at = position
      // The citizens that read it here, as a mask over the citizens' space.
      var wanted = space.active
      if deep {
        wanted = column(n)
        wanted.update(repeating: 0, count: n)
        let (a, r) = (space.active, space.root)
        for i in 0..<space.count where a[i] != 0 { wanted[r[i]] = 1 }
      }
      if computedCount[slot] == 0 {
        // The first read (most often for every citizen): its result and mask are kept as
        // they come, as a memo's are.
        var count = 0
        for i in 0..<n { count &+= wanted[i] }
        if count > 0 {
          enterCitizens(wanted)
          if unknowns {
            let aside = setAside()
            slots[slot] = eval(self)
            (bindingFails[slot], bindingAnyFail[slot]) = failureKinds(wanted)
            putBack(aside)
          } else {
            slots[slot] = eval(self)
          }
          leave()
          computed[slot] = wanted
          computedCount[slot] = count
          computedOwned[slot] = 0
          computedAt[slot] = at
          computedSlots.append(slot)
        }
      } else {
        let need = column(n)
        if lanesToCompute(wanted, computed[slot], n, into: need) {
          if computedOwned[slot] == 0 {
            let (store, done) = (column(n), column(n))
            store.update(from: slots[slot], count: n)
            done.update(from: computed[slot], count: n)
            (slots[slot], computed[slot], computedOwned[slot]) = (store, done, 1)
            computedAt[slot] = at
          }
          enterCitizens(need)
          var (v, kinds, any) = (empty, empty, 0)
          if unknowns {
            let aside = setAside()
            v = eval(self)
            (kinds, any) = failureKinds(need)
            putBack(aside)
          } else {
            v = eval(self)
          }
          leave()
          if any != 0 {
            // The kinds so far, and these where the new citizens are.
            let all = column(n)
            let old = bindingAnyFail[slot] != 0 ? bindingFails[slot] : kinds
            for i in 0..<n { all[i] = need[i] != 0 ? kinds[i] : old[i] }
            (bindingFails[slot], bindingAnyFail[slot]) = (all, 1)
          }
          computedCount[slot] += merge(v, into: slots[slot], computed[slot], where: need, n)
        }
      }
    }
    if bindingAnyFail[slot] != 0 { failAgain(bindingFails[slot], through: space.root) }
    return deep ? byCitizen(slots[slot]) : slots[slot]
  }

  /// A column of the citizens' space seen from the current space (each lane its citizen's).
  func byCitizen(_ column: UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
    let (out, r) = (self.column(), space.root)
    for i in 0..<space.count { out[i] = column[r[i]] }
    return out
  }

  /// Output `o` of citizen `lane` as a general-machine value, so it is written exactly as the
  /// general machine's would be.
  func output(_ o: Int, lane: Int) -> Value {
    value(outputs[o * VectorMachine.width + lane], program.outputTypes[o])
  }

  /// Fact `f` of citizen `lane` of the batch as a general-machine value, straight from the
  /// columns (no second decoding); nil when the lane does not hold the fact.
  func factValue(_ f: Int, lane: Int) -> Value? {
    guard lane < batchCount, program.readFacts.contains(f) else { return nil }
    if anyUnheld[f], unheld[f * VectorMachine.stride + lane] != 0 {
      return unheld[f * VectorMachine.stride + lane] == 1 ? .unknown(FactSet(f)) : nil
    }
    return value(facts[f * VectorMachine.stride + lane], program.factTypes[f])
  }

  private func value(_ x: Int, _ type: RuleType) -> Value {
    if x == LaneWord.none, type.isOptional { return .none }
    switch type.unwrapped {
    case .bool: return .bool(x != 0)
    case .int, .money: return .int(x)
    case .decimal: return .decimal(x)
    case .date: return .date(x)
    case .enumeration: return .enumCase(x)
    case .duration: return .duration(months: LaneWord.months(x), days: LaneWord.days(x))
    case .text: return text(x).map { .text($0) } ?? .none
    case .list(let element):
      let n = arena[x]
      var items: [Value] = []
      items.reserveCapacity(n)
      for i in 0..<n { items.append(value(arena[x + 1 + i], element)) }
      return .list(items)
    default: return .none
    }
  }
}
