//! A hash table of row numbers (pure, issue 14, H34): the first row with a
//! given key, where the key is not stored in the table but read from the
//! rows themselves (the validator's per-row `Key`s). A map from a 32-byte
//! key to a row and a value took 40–56 bytes a slot, about 12 MiB of wasm
//! memory for 100,000 observations (the memory never shrinks); a slot here
//! is 8 bytes (the row and a part of its hash), 2 MiB for 100,000 rows.
//!
//! Open addressing with linear probing, at most half full. The caller gives
//! the key's hash and how to compare a stored row with the key.

/// Rows by key; see the module's comment.
pub struct RowTable {
    /// `(tag, row + 1)`; a row of 0 is an empty slot. The tag is the hash's
    /// 32 bits, which also pick the first slot.
    slots: Vec<(u32, u32)>,
    len: usize,
}

/// The 32 bits of a 64-bit hash that the table uses.
fn tag(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

impl RowTable {
    /// A table for up to `rows` rows without growing (growing leaves the
    /// smaller tables behind in the wasm memory).
    pub fn with_rows(rows: usize) -> RowTable {
        let n = rows.max(4).saturating_mul(2).next_power_of_two();
        RowTable {
            slots: vec![(0, 0); n],
            len: 0,
        }
    }

    /// How many rows it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held by the table (for the memory tests).
    pub fn bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<(u32, u32)>()
    }

    /// The slot of the row with this key (`same(row)`), or the empty slot
    /// where it would go.
    fn slot(&self, t: u32, same: impl Fn(usize) -> bool) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = t as usize & mask;
        loop {
            let (st, row) = self.slots[at];
            if row == 0 || (st == t && same(row as usize - 1)) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The row with this key, if any.
    pub fn get(&self, hash: u64, same: impl Fn(usize) -> bool) -> Option<usize> {
        let (_, row) = self.slots[self.slot(tag(hash), same)];
        (row != 0).then(|| row as usize - 1)
    }

    /// The row already held with this key; else `row` is added (`None`).
    pub fn first_or_add(
        &mut self,
        hash: u64,
        row: usize,
        same: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let t = tag(hash);
        let at = self.slot(t, same);
        match self.slots[at] {
            (_, 0) => {
                let stored = u32::try_from(row + 1).unwrap_or(u32::MAX);
                self.slots[at] = (t, stored);
                self.len += 1;
                if self.len * 2 > self.slots.len() {
                    self.grow();
                }
                None
            }
            (_, first) => Some(first as usize - 1),
        }
    }

    /// Twice as many slots (only when more rows come than announced).
    fn grow(&mut self) {
        let n = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
        let mask = self.slots.len() - 1;
        for (t, row) in old.into_iter().filter(|s| s.1 != 0) {
            let mut at = t as usize & mask;
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (t, row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RowTable;
    use std::hash::BuildHasher;

    fn hash(k: u64) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(k)
    }

    /// The first row of each key, as a plain map would give it.
    #[test]
    fn the_first_row_of_each_key_like_a_map() {
        // Keys with many repeats, and a constant hash for some (collisions).
        let keys: Vec<u64> = (0..5_000u64).map(|i| (i * 7919) % 1_237).collect();
        let h = |k: u64| if k.is_multiple_of(5) { 42 } else { hash(k) };
        let mut table = RowTable::with_rows(10); // grows
        let mut map = std::collections::HashMap::new();
        for (row, &k) in keys.iter().enumerate() {
            let got = table.first_or_add(h(k), row, |r| keys[r] == k);
            let want = map.get(&k).copied();
            map.entry(k).or_insert(row);
            assert_eq!(got, want, "row {row}");
        }
        assert_eq!(table.len(), map.len());
        for k in 0..1_300u64 {
            assert_eq!(table.get(h(k), |r| keys[r] == k), map.get(&k).copied());
        }
    }

    #[test]
    fn eight_bytes_a_slot_at_most_half_full() {
        let t = RowTable::with_rows(100_000);
        assert_eq!(t.bytes(), 262_144 * 8);
        assert!(t.is_empty());
    }
}
