//! Synthetic names and the fixed random sequence that makes every demo database identical.

const SURNAMES: [&str; 30] = [
    "陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "杨", "何", "郑", "王", "周", "谢", "邓",
    "莫", "冯", "钟", "曾", "苏", "朱", "叶", "潘", "庞", "甘", "符", "揭", "龙", "全",
];
const GIVEN_GIRL: [&str; 24] = [
    "雨", "欣", "怡", "婷", "梓", "涵", "诗", "琪", "佳", "颖", "思", "悦", "晓", "雪", "嘉", "玲",
    "慧", "妍", "可", "馨", "月", "静", "芳", "文",
];
const GIVEN_BOY: [&str; 24] = [
    "浩", "宇", "俊", "杰", "子", "轩", "明", "辉", "伟", "志", "嘉", "豪", "泽", "文", "博", "翔",
    "健", "鑫", "锦", "成", "家", "海", "振", "华",
];

pub(super) fn child_name(rng: &mut SplitMix64, gender: &str) -> String {
    let pool: &[&str] = if gender == "female" {
        &GIVEN_GIRL
    } else {
        &GIVEN_BOY
    };
    let surname = SURNAMES[rng.below(SURNAMES.len() as u64) as usize];
    let first = pool[rng.below(pool.len() as u64) as usize];
    if rng.below(5) == 0 {
        format!("{surname}{first}")
    } else {
        let second = pool[rng.below(pool.len() as u64) as usize];
        format!("{surname}{first}{second}")
    }
}

pub(super) fn adult_name(rng: &mut SplitMix64, gender: &str) -> String {
    child_name(rng, gender)
}

/// SplitMix64: tiny, and the same sequence on every machine and every crate version,
/// which a seeded `rand` generator does not promise.
pub(super) struct SplitMix64(pub(super) u64);

impl SplitMix64 {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..n` for demo data.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
