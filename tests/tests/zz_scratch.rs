use tl_tests::random::*;
use tl_tests::schema::*;
use tl_types::Deserializable;
#[test]
fn show() {
    let i = constructor_named(SchemaKind::Api, "message").unwrap();
    for seed in 0..3 {
        let b = constructor_bytes(i, seed).unwrap();
        let m = tl_types::enums::Message::from_bytes(&b).unwrap();
        println!("{} bytes: {:#?}", b.len(), m);
    }
    let mut sizes: Vec<usize> = (0..CONSTRUCTORS.len()).map(|i| constructor_bytes(i, 1).unwrap().len()).collect();
    sizes.sort();
    println!("max {:?}", &sizes[sizes.len()-10..]);
}
