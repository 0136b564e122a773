use tl_tests::random::*;
use tl_tests::schema::*;
use tl_tests::*;
#[test]
fn many() {
    let mut fails = 0; let mut total = 0usize;
    for seed in 0..60u64 {
        let opts = Options { soft_depth: 3 + (seed % 6) as usize, budget: 4096 << (seed % 4), long_percent: 20, ..Options::for_seed(seed) };
        for i in 0..CONSTRUCTORS.len() {
            let b = Generator::new(seed * 7919 + i as u64, opts.clone()).constructor(i).unwrap();
            total += b.len();
            if reencode_boxed(&b) != Some(Ok(b.clone())) { fails += 1; if fails < 5 { println!("{} {:?}", CONSTRUCTORS[i].name, reencode_boxed(&b).map(|r| r.err())); } }
        }
        for i in 0..FUNCTIONS.len() {
            let b = Generator::new(seed * 7919 + i as u64, opts.clone()).function(i).unwrap();
            if reencode_function(&b) != Some(Ok(b.clone())) { fails += 1; if fails < 5 { println!("{} {:?}", FUNCTIONS[i].name, reencode_function(&b).map(|r| r.err())); } }
        }
    }
    println!("fails {fails} bytes {total}");
}
