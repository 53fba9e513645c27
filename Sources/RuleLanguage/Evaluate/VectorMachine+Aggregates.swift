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
  ///
  /// Two aggregates over the same list column and lanes (`sum(v in cars: …)` twice) get the
  /// same space, so what their bodies share (`annual_tax(v)`) is memoized across them.
  func elements(of lists: UnsafeMutablePointer<Int>, binder slot: Int) -> VectorSpace {
    let (n, a, roots) = (space.count, space.active, space.root)
    if let hit = elementSpaces.first(where: {
      $0.lists == lists && $0.root == roots && $0.count == n && same($0.active, a, n)
    }) {
      slots[slot] = hit.items
      return hit.space
    }
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
    let made = VectorSpace(count: total, active: active, root: root, parent: parent)
    let mask = column(n)
    mask.update(from: a, count: n)
    elementSpaces.append(
      ElementSpace(lists: lists, root: roots, count: n, active: mask, items: items, space: made))
    return made
  }

  private func same(_ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>, _ n: Int)
    -> Bool
  {
    var differ = 0
    for i in 0..<n { differ |= x[i] ^ y[i] }
    return differ == 0
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

/// A space of list elements kept for the rule, by the list column and lanes it was made from.
struct ElementSpace {
  var lists: UnsafeMutablePointer<Int>
  var root: UnsafeMutablePointer<Int>
  var count: Int
  var active: UnsafeMutablePointer<Int>
  var items: UnsafeMutablePointer<Int>
  var space: VectorSpace
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
        let (out, parent) = (m.column(), e.parent)
        out.update(repeating: 0, count: m.space.count)
        if let kept = r.kept {
          for k in 0..<e.count { out[parent[k]] += kept[k] & 1 }
        } else {
          for k in 0..<e.count { out[parent[k]] += 1 }
        }
        return out
      }
    case "filter", "map":
      let isMap = kind == "map"
      return { m, e, r in
        let (n, a, out) = (m.space.count, m.space.active, m.column())
        let source = isMap ? (r.values ?? r.items) : r.items
        let (keep, parent, arena) = (r.kept ?? e.active, e.parent, m.arena)
        var k = 0
        for i in 0..<n {
          out[i] = 0
          guard a[i] != 0 else { continue }
          var kept = 0
          var end = k
          while end < e.count && parent[end] == i {
            kept += keep[end] & 1
            end += 1
          }
          guard let at = m.allocate(kept + 1) else {
            m.fail(lane: i)
            k = end
            continue
          }
          arena[at] = kept
          var j = 1
          while k < end {
            if keep[k] != 0 {
              arena[at + j] = source[k]
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
        let (out, a, parent) = (m.column(), m.space.active, e.parent)
        out.update(repeating: 0, count: m.space.count)
        let source = r.values ?? r.items
        let kept = r.kept ?? e.active
        for k in 0..<e.count where kept[k] != 0 {
          let p = parent[k]
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
        let (out, parent) = (m.column(), e.parent)
        out.update(repeating: FastValue.none, count: m.space.count)
        let source = r.values ?? r.items
        let kept = r.kept ?? e.active
        for k in 0..<e.count where kept[k] != 0 {
          let (p, v) = (parent[k], source[k])
          let acc = out[p]
          if acc == FastValue.none || (pickLess ? v < acc : v > acc) { out[p] = v }
        }
        return out
      }
    }
  }
}
