/// Aggregates in the vector lane: a list column becomes a space of its elements, and what
/// the elements computed folds back into one value per list, in list order.
extension VectorMachine {
  /// Whether `at` is the offset of a list lying inside the arena.
  @inline(__always) func isList(_ at: Int) -> Bool {
    at >= 0 && at < VectorMachine.arenaCapacity && arena[at] >= 0
      && at + arena[at] < VectorMachine.arenaCapacity
  }

  /// The elements of the active lanes' lists, as a space (grouped by lane, in order), with
  /// the binder's slot holding the items.
  func elements(of lists: UnsafeMutablePointer<Int>, binder slot: Int) -> VectorSpace {
    let (n, a, roots) = (space.count, space.active, space.root)
    var total = 0
    for i in 0..<n where a[i] != 0 && isList(lists[i]) { total += arena[lists[i]] }
    let (parent, root, active, items) = (column(total), column(total), column(total), column(total))
    var k = 0
    for i in 0..<n where a[i] != 0 && isList(lists[i]) {
      let at = lists[i]
      for j in 0..<arena[at] {
        parent[k] = i
        root[k] = roots[i]
        active[k] = 1
        items[k] = arena[at + 1 + j]
        k += 1
      }
    }
    slots[slot] = items
    return VectorSpace(count: total, active: active, root: root, parent: parent)
  }

  /// The lanes of the current space where `mask` is 1, as a space of their own (an
  /// `iterate` step), with the binder's slot holding their `values`.
  func lanes(_ mask: UnsafeMutablePointer<Int>, binder slot: Int, values: UnsafeMutablePointer<Int>)
    -> VectorSpace
  {
    let (n, roots) = (space.count, space.root)
    var total = 0
    for i in 0..<n { total += mask[i] }
    let (parent, root, active, items) = (column(total), column(total), column(total), column(total))
    var k = 0
    for i in 0..<n where mask[i] != 0 {
      parent[k] = i
      root[k] = roots[i]
      active[k] = 1
      items[k] = values[i]
      k += 1
    }
    slots[slot] = items
    return VectorSpace(count: total, active: active, root: root, parent: parent)
  }
}

extension VectorCompiler {
  /// Folds an aggregate's elements into one column of the enclosing (current) space.
  typealias Reducer =
    @Sendable (VectorMachine, VectorSpace, Reduction) -> UnsafeMutablePointer<
      Int
    >

  /// The fold for `kind`, with the fast lane's meaning (`FastCompiler.aggregate`).
  static func reducer(_ kind: String, hasBody: Bool, hasFilter: Bool) -> Reducer {
    switch kind {
    case "count":
      return { m, e, r in
        let out = m.column()
        out.update(repeating: 0, count: m.space.count)
        for k in 0..<e.count where r.kept.map({ $0[k] != 0 }) ?? true { out[e.parent[k]] += 1 }
        return out
      }
    case "filter", "map":
      let isMap = kind == "map"
      return { m, e, r in
        let (n, a, out) = (m.space.count, m.space.active, m.column())
        let source = isMap ? (r.values ?? r.items) : r.items
        var k = 0
        for i in 0..<n {
          out[i] = 0
          guard a[i] != 0 else { continue }
          var kept = 0
          var end = k
          while end < e.count && e.parent[end] == i {
            if r.kept.map({ $0[end] != 0 }) ?? true { kept += 1 }
            end += 1
          }
          guard let at = m.allocate(kept + 1) else {
            m.fail(lane: i)
            k = end
            continue
          }
          m.arena[at] = kept
          var j = 1
          while k < end {
            if r.kept.map({ $0[k] != 0 }) ?? true {
              m.arena[at + j] = source[k]
              j += 1
            }
            k += 1
          }
          out[i] = at
        }
        return out
      }
    case "any", "all":
      let isAll = kind == "all"
      return { m, e, r in
        let (out, decided) = (m.column(), m.column())
        out.update(repeating: isAll ? 1 : 0, count: m.space.count)
        decided.update(repeating: 0, count: m.space.count)
        for k in 0..<e.count {
          let p = e.parent[k]
          if decided[p] != 0 { continue }
          let b: Bool
          if hasBody {
            if hasFilter, let kept = r.kept, kept[k] == 0 { continue }
            b = (r.values?[k] ?? 0) != 0
          } else {
            b = r.kept.map { $0[k] != 0 } ?? true
          }
          if b != isAll {
            out[p] = b ? 1 : 0
            decided[p] = 1
          }
        }
        return out
      }
    case "sum":
      return { m, e, r in
        let (out, a) = (m.column(), m.space.active)
        out.update(repeating: 0, count: m.space.count)
        let source = r.values ?? r.items
        for k in 0..<e.count where r.kept.map({ $0[k] != 0 }) ?? true {
          let p = e.parent[k]
          let (s, o) = out[p].addingReportingOverflow(source[k])
          if o || s == FastValue.none {
            if a[p] != 0 { m.fail(lane: p) }
            out[p] = 0
          } else {
            out[p] = s
          }
        }
        return out
      }
    default:  // min, max
      let pickLess = kind == "min"
      return { m, e, r in
        let out = m.column()
        out.update(repeating: FastValue.none, count: m.space.count)
        let source = r.values ?? r.items
        for k in 0..<e.count where r.kept.map({ $0[k] != 0 }) ?? true {
          let (p, v) = (e.parent[k], source[k])
          let acc = out[p]
          if acc == FastValue.none || (pickLess ? v < acc : v > acc) { out[p] = v }
        }
        return out
      }
    }
  }
}
